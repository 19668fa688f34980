/**
 * 4. Scale: listing a page, showing a thread and counting an anchor's comments in a server with 1k,
 * 10k and 100k comments. Each size is its own store (its own SQLite file, or Redis key prefix), all
 * seeded first and then measured together, in the same interleaved rounds — so a busy moment of the
 * shared machine lands on every size alike. The same thread (#1 and its 20 replies) and the same
 * anchor are read at every size. Seeded through add() with many in flight (there is no bulk path);
 * the seeding time is reported too.
 */
import type { Article } from '../src/article/article.js';
import type { AnchorKey } from '../src/comments/domain.js';
import { LIST_PAGE_SIZE } from '../src/comments/policy.js';
import type { CommentStore } from '../src/comments/store.js';
import { BENCH_ARTICLE, type BenchContext } from './context.js';
import type { Figure } from './report.js';
import { benchAnchor, seedComments, seedThread } from './seed.js';
import { opsPerSecond, rotate, summarize, timeAsync } from './stats.js';

export const SCALE_TARGET = 1.5;
export const SEED_CONCURRENCY = 256;
/** The control: a round trip to the backend with no data in it (store.ping), measured in the same rotation. */
export const CONTROL = 'control: round trip (store.ping)';

export interface ScaleOp {
  name: string;
  run: () => Promise<unknown>;
}

export function scaleOps(store: CommentStore, guild: string, anchor: AnchorKey, root: number): ScaleOp[] {
  return [
    {
      name: 'list page 1 (newest)',
      run: () =>
        store.list(guild, { article: BENCH_ARTICLE, sort: 'newest', offset: 0, limit: LIST_PAGE_SIZE }),
    },
    {
      name: 'list page 1 on an anchor (top)',
      run: () =>
        store.list(guild, { article: BENCH_ARTICLE, anchor, sort: 'top', offset: 0, limit: LIST_PAGE_SIZE }),
    },
    { name: 'thread (#1, 21 comments)', run: () => store.thread(guild, root) },
    { name: "count an anchor's comments", run: () => store.countByAnchor(guild, BENCH_ARTICLE, [anchor]) },
    { name: CONTROL, run: () => store.ping() },
  ];
}

export function scaleSizes(quick: boolean): number[] {
  return quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
}

export const sizeLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * Seeds one store per size (from `open(size)`, which the caller closes), then measures every op at
 * every size in the same rounds. Figures: per op and size median/p99, the ratio to the smallest size,
 * the target on the largest; then the seeding rows.
 */
export async function measureScale(
  ctx: BenchContext,
  article: Article,
  open: (size: number) => Promise<CommentStore>,
  guild: string,
  backend: string,
): Promise<Figure[]> {
  const anchor = benchAnchor(article);
  const sizes = scaleSizes(ctx.quick);
  const rounds = ctx.quick ? 100 : 300;
  const seeding: Figure[] = [];
  const opsBySize = new Map<number, ScaleOp[]>();
  for (const size of sizes) {
    const store = await open(size);
    const root = await seedThread(store, guild, anchor);
    const adds = size - 21;
    ctx.log(`${backend}: seeding a server with ${sizeLabel(size)} comments (${SEED_CONCURRENCY} in flight)`);
    const wallMs = await seedComments(store, article, guild, adds, {
      concurrency: SEED_CONCURRENCY,
      from: 21,
    });
    seeding.push({
      name: `seed ${sizeLabel(size)}: ${adds} adds`,
      opsPerSec: opsPerSecond(adds, wallMs),
      note: `${(wallMs / 1000).toFixed(1)} s at ${SEED_CONCURRENCY} in flight`,
    });
    opsBySize.set(size, scaleOps(store, guild, anchor, root));
  }
  // A backend that just took thousands of writes is busy for a moment more (Redis grows its hash tables
  // step by step, SQLite checkpoints its WAL): let it settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, ctx.quick ? 500 : 2000));

  const all = sizes.flatMap((size) => (opsBySize.get(size) ?? []).map((op) => ({ size, op })));
  const key = (size: number, name: string) => `${size}\u0000${name}`;
  const samples = new Map<string, number[]>(all.map(({ size, op }) => [key(size, op.name), []]));
  for (let i = 0; i < 20; i++) for (const { op } of all) await op.run();
  ctx.log(`${backend}: ${rounds} rounds × ${all.length} (size, op) pairs`);
  for (let round = 0; round < rounds; round++) {
    for (const { size, op } of rotate(all, round)) {
      samples.get(key(size, op.name))?.push(await timeAsync(op.run));
    }
  }

  const smallest = sizes[0] ?? 0;
  const largest = sizes.at(-1) ?? 0;
  const figures: Figure[] = [];
  for (const { name } of opsBySize.get(smallest) ?? []) {
    const base = summarize(samples.get(key(smallest, name)) ?? []).median;
    for (const size of sizes) {
      const s = summarize(samples.get(key(size, name)) ?? []);
      const ratio = s.median / base;
      const targeted = size === largest && name !== CONTROL;
      figures.push({
        name: `${name} @ ${sizeLabel(size)}`,
        median: s.median,
        p99: s.p99,
        opsPerSec: 1000 / s.mean,
        ...(size === smallest ? {} : { ratio: { value: ratio, of: `× @${sizeLabel(smallest)}` } }),
        ...(targeted
          ? { target: { text: `≤ ${SCALE_TARGET}× @${sizeLabel(smallest)}`, pass: ratio <= SCALE_TARGET } }
          : {}),
      });
    }
  }
  return [...figures, ...seeding];
}
