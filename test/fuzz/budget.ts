/**
 * How many cases each property runs, and its seed: one table, so the budget is read in one place.
 *
 * E2E cases cost ~2–10 ms each (a real round trip through the emulator); pure ones microseconds
 * to a millisecond. The floor we keep: at least 10,000 cases in all and 2,000 end to end (today
 * 11,010 and 2,380). The seeds are fixed, so every run replays the same cases: more of them buy
 * no new ones over time, only a longer suite on every run.
 */
export const RUNS = {
  /** article-commands.e2e.test.ts */
  articleE2e: {
    who: 130,
    positions: 130,
    quotes: 100,
    article: 100,
    summary: 60,
    ask: 170,
    autocomplete: 200,
    buttons: 140,
  },
  /** comment-commands.e2e.test.ts */
  commentE2e: {
    add: 200,
    reply: 140,
    list: 100,
    byId: 200,
    autocomplete: 160,
    addModal: 100,
    replyModal: 70,
    buttons: 100,
  },
  /** deferred.e2e.test.ts */
  deferredE2e: {
    mixed: 280,
  },
  /** comments.pure.test.ts */
  commentsPure: {
    normalise: 1300,
    commentText: 1000,
    parseId: 650,
    requireId: 500,
    resolveAnchor: 650,
    anchorChoices: 500,
    card: 650,
    list: 320,
    thread: 200,
    export: 200,
  },
  /** answers.pure.test.ts */
  answersPure: {
    clip: 650,
    pages: 400,
    choices: 320,
    ask: 320,
    who: 320,
    paragraph: 200,
    customIds: 320,
    options: 130,
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
