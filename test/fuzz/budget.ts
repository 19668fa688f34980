/**
 * How many cases each property runs, and its seed: one table, so the budget is read in one place.
 *
 * E2E cases cost ~2–10 ms each (a real round trip through the emulator); pure ones microseconds
 * to a millisecond. The whole folder stays well under 90 s on a loaded 2-core machine.
 */
export const RUNS = {
  /** article-commands.e2e.test.ts */
  articleE2e: {
    who: 200,
    positions: 200,
    quotes: 150,
    article: 150,
    summary: 80,
    ask: 250,
    autocomplete: 300,
    buttons: 200,
  },
  /** comment-commands.e2e.test.ts */
  commentE2e: {
    add: 300,
    reply: 200,
    list: 150,
    byId: 300,
    autocomplete: 250,
    addModal: 150,
    replyModal: 100,
    buttons: 150,
  },
  /** deferred.e2e.test.ts */
  deferredE2e: {
    mixed: 400,
  },
  /** comments.pure.test.ts */
  commentsPure: {
    normalise: 2000,
    commentText: 1500,
    parseId: 1000,
    requireId: 800,
    resolveAnchor: 1000,
    anchorChoices: 800,
    card: 1000,
    list: 500,
    thread: 300,
    export: 300,
  },
  /** answers.pure.test.ts */
  answersPure: {
    clip: 1000,
    pages: 600,
    choices: 500,
    ask: 500,
    who: 500,
    paragraph: 300,
    customIds: 500,
    options: 200,
  },
} as const;

export type Suite = keyof typeof RUNS;

/** Suites that drive the real bot through the emulator. */
export const E2E_SUITES: readonly Suite[] = ['articleE2e', 'commentE2e', 'deferredE2e'];

/** A fixed seed per property (a hash of its name), so every CI run replays the same cases. */
export function seedFor(suite: Suite, property: string): number {
  let hash = 2166136261;
  for (const ch of `${suite}.${property}`) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619);
  return hash >>> 1;
}

/** fast-check parameters for one property: its runs and its seed (printed by fast-check on failure). */
export function params<S extends Suite>(suite: S, property: keyof (typeof RUNS)[S] & string) {
  const runs = RUNS[suite][property] as number;
  return { numRuns: runs, seed: seedFor(suite, property) };
}

/** Cases of one suite, or of all. */
export function total(suites: readonly Suite[] = Object.keys(RUNS) as Suite[]): number {
  return suites.reduce(
    (sum, suite) => sum + Object.values(RUNS[suite] as Record<string, number>).reduce((a, b) => a + b, 0),
    0,
  );
}
