/** Deterministic benchmark comments: drafts, a fixed thread, and bulk seeding through the store's add(). */
import type { Article } from '../src/article/article.js';
import { allAnchorKeys } from '../src/comments/anchors.js';
import type { AnchorKey, NewComment } from '../src/comments/domain.js';
import type { CommentStore } from '../src/comments/store.js';
import { BENCH_ARTICLE } from './context.js';
import { runConcurrent } from './stats.js';

/** A small deterministic PRNG (mulberry32), so every run seeds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the talks in washington showed both sides want open lines of communication while beijing kept its line on taiwan and the south china sea'.split(
    ' ',
  );

/** A comment of about 120 characters, as members typically write them. */
export function commentText(i: number): string {
  const words: string[] = [];
  for (let k = 0; words.join(' ').length < 110; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length] ?? 'x');
  return `#${i}: ${words.join(' ')}`;
}

export function draft(i: number, anchor: AnchorKey, parent: number | null = null): NewComment {
  return {
    articleId: BENCH_ARTICLE,
    parent,
    anchor,
    stance: null,
    authorId: String(200000000000000000n + BigInt(i % 500)),
    authorName: `Member ${i % 500}`,
    text: commentText(i),
    createdAt: Date.UTC(2025, 0, 15) + i * 1000,
  };
}

/** The anchor whose count the benchmarks read, and the thread they show. */
export function benchAnchor(article: Article): AnchorKey {
  const chase = article.model.actors.find((a) => a.name.includes('Chase'));
  return chase ? `actor:${chase.id}` : 'article';
}

export const THREAD_REPLIES = 20;

/**
 * Adds comment #1 (top-level on `anchor`) and THREAD_REPLIES replies under it (a mix of direct
 * replies and nested ones), so every scale shows the same thread. Returns the root's number.
 */
export async function seedThread(store: CommentStore, guild: string, anchor: AnchorKey): Promise<number> {
  const root = await store.add(guild, draft(0, anchor));
  let last = root.number;
  for (let i = 1; i <= THREAD_REPLIES; i++) {
    const parent = i % 3 === 0 ? last : root.number;
    last = (await store.add(guild, draft(i, anchor, parent))).number;
  }
  return root.number;
}

/**
 * Adds `count` comments with `concurrency` in flight: three in four top-level, spread over every
 * anchor of the article; one in four a reply to an earlier comment. Returns the wall time (ms).
 */
export async function seedComments(
  store: CommentStore,
  article: Article,
  guild: string,
  count: number,
  options: { concurrency: number; from: number },
): Promise<number> {
  const anchors = allAnchorKeys(article);
  const random = prng(options.from + 17);
  const numbers: number[] = [];
  const { wallMs } = await runConcurrent(count, options.concurrency, async (k) => {
    const i = options.from + k;
    const r = random();
    const parent =
      r < 0.25 && numbers.length > 0 ? (numbers[Math.floor(random() * numbers.length)] ?? null) : null;
    const anchor = anchors[Math.floor(random() * anchors.length)] ?? 'article';
    const comment = await store.add(guild, draft(i, anchor, parent));
    numbers.push(comment.number);
  });
  return wallMs;
}
