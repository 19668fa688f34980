/**
 * 4. Scale: listing a page, showing a thread and counting an anchor's comments at 1k, 10k and 100k
 * comments in one server. The same thread (#1 and its 20 replies) and the same anchor are read at
 * every size; the server grows between measurements, seeded through the store's add() with many in
 * flight (there is no bulk path), and the seeding time is reported too.
 */
import type { Article } from '../src/article/article.js';
import type { AnchorKey } from '../src/comments/domain.js';
import { LIST_PAGE_SIZE } from '../src/comments/render.js';
import type { CommentStore } from '../src/comments/store.js';
import type { BenchContext } from './context.js';
import type { Figure } from './report.js';
import { benchAnchor, seedComments, seedThread } from './seed.js';
import { opsPerSecond, rotate, summarize, timeAsync } from './stats.js';

export const SCALE_TARGET = 1.5;
export const SEED_CONCURRENCY = 256;

export interface ScaleOp {
  name: string;
  run: () => Promise<unknown>;
}

export function scaleOps(store: CommentStore, guild: string, anchor: AnchorKey, root: number): ScaleOp[] {
  return [
    {
      name: 'list page 1 (newest)',
      run: () => store.list(guild, { sort: 'newest', offset: 0, limit: LIST_PAGE_SIZE }),
    },
    {
      name: 'list page 1 on an anchor (top)',
      run: () => store.list(guild, { anchor, sort: 'top', offset: 0, limit: LIST_PAGE_SIZE }),
    },
    { name: 'thread (#1, 21 comments)', run: () => store.thread(guild, root) },
    { name: "count an anchor's comments", run: () => store.countByAnchor(guild, [anchor]) },
  ];
}

export function scaleSizes(quick: boolean): number[] {
  return quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * Grows `store` through `sizes` and measures every op at each size, interleaved. Returns figures:
 * per op and size median/p99, with the ratio to the smallest size and the target on the largest.
 */
export async function measureScale(
  ctx: BenchContext,
  article: Article,
  store: CommentStore,
  guild: string,
  backend: string,
): Promise<Figure[]> {
  const anchor = benchAnchor(article);
  const root = await seedThread(store, guild, anchor);
  const ops = scaleOps(store, guild, anchor, root);
  const sizes = scaleSizes(ctx.quick);
  const rounds = ctx.quick ? 100 : 300;
  let count = 21;
  const medians = new Map<string, number>();
  const seeding: Figure[] = [];
  const figures: Figure[] = [];
  for (const size of sizes) {
    const adds = size - count;
    ctx.log(`${backend}: seeding to ${label(size)} comments (${adds} adds, ${SEED_CONCURRENCY} in flight)`);
    const wallMs = await seedComments(store, article, guild, adds, {
      concurrency: SEED_CONCURRENCY,
      from: count,
    });
    count = size;
    seeding.push({
      name: `seed to ${label(size)}: ${adds} adds`,
      opsPerSec: opsPerSecond(adds, wallMs),
      value: { amount: wallMs / 1000, unit: 's' },
      note: `${(wallMs / 1000).toFixed(1)} s at ${SEED_CONCURRENCY} in flight`,
    });
    for (let i = 0; i < 20; i++) for (const op of ops) await op.run();
    const samples = new Map<string, number[]>(ops.map((o) => [o.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const op of rotate(ops, round)) samples.get(op.name)?.push(await timeAsync(op.run));
    }
    for (const op of ops) {
      const s = summarize(samples.get(op.name) ?? []);
      const first = medians.get(op.name);
      if (first === undefined) medians.set(op.name, s.median);
      const ratio = first === undefined ? undefined : s.median / first;
      const largest = size === sizes.at(-1);
      figures.push({
        name: `${op.name} @ ${label(size)}`,
        median: s.median,
        p99: s.p99,
        opsPerSec: 1000 / s.mean,
        ...(ratio === undefined ? {} : { ratio: { value: ratio, of: `× @${label(sizes[0] ?? 0)}` } }),
        ...(largest && ratio !== undefined
          ? { target: { text: `≤ ${SCALE_TARGET}× @${label(sizes[0] ?? 0)}`, pass: ratio <= SCALE_TARGET } }
          : {}),
      });
    }
  }
  // Group by op so each op's sizes sit together, seeding rows last.
  const byOp = ops.flatMap((op) => figures.filter((f) => f.name.startsWith(`${op.name} @`)));
  return [...byOp, ...seeding];
}
