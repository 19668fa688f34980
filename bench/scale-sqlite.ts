/** 4. Scale on the SQLite store (the production default), opened through createCommentStore as the bot opens it. */
import type { Article } from '../src/article/article.js';
import { createCommentStore } from '../src/comments/factory.js';
import type { CommentStore } from '../src/comments/store.js';
import { BENCH_GUILD, type BenchContext } from './context.js';
import type { Section } from './report.js';
import { measureScale, SCALE_TARGET, scaleSizes, sizeLabel } from './scale.js';

/** The database of the largest size (the start-up benchmark measures RSS against it). */
export const scaleDatabase = (ctx: BenchContext) =>
  `${ctx.tmp}/scale-${sizeLabel(scaleSizes(ctx.quick).at(-1) ?? 0)}.sqlite`;

export async function benchScale(ctx: BenchContext, article: Article): Promise<Section> {
  const stores: CommentStore[] = [];
  ctx.onCleanup(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const figures = await measureScale(
    ctx,
    article,
    async (size) => {
      const store = await createCommentStore(`sqlite://${ctx.tmp}/scale-${sizeLabel(size)}.sqlite`);
      stores.push(store);
      return store;
    },
    BENCH_GUILD,
    'scale',
  );
  for (const store of stores.splice(0)) await store.close();
  const sizes = scaleSizes(ctx.quick);
  return {
    id: '4',
    title: `Scale: one server with ${sizes.map(sizeLabel).join(', ')} comments (SQLite)`,
    figures,
    notes: [
      `Target: the largest size costs ≤ ${SCALE_TARGET}× the median at ${sizeLabel(sizes[0] ?? 0)}. Each size is its own database, seeded first; then every (size, op) pair is measured in the same interleaved rounds.`,
      'Seeded through add() (three in four top-level over every anchor, one in four a reply), SQLite WAL, synchronous=FULL; a pause after seeding lets the WAL checkpoint settle.',
      'The same thread (#1 with 20 replies) and anchor at every size; the control (store.ping, a bare round trip) shows how the machine drifted meanwhile.',
      ...(ctx.quick ? ['Quick mode stops at 10k; the full run goes to 100k.'] : []),
    ],
  };
}
