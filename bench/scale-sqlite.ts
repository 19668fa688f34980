/** 4. Scale on the SQLite store (the production default), through createCommentStore as the bot opens it. */
import type { Article } from '../src/article/article.js';
import { createCommentStore } from '../src/comments/factory.js';
import { BENCH_GUILD, type BenchContext } from './context.js';
import type { Section } from './report.js';
import { measureScale, SCALE_TARGET, scaleSizes } from './scale.js';

/** The database the scale run leaves behind (the start-up benchmark measures RSS against it). */
export const scaleDatabase = (ctx: BenchContext) => `${ctx.tmp}/scale.sqlite`;

export async function benchScale(ctx: BenchContext, article: Article): Promise<Section> {
  const store = await createCommentStore(`sqlite://${scaleDatabase(ctx)}`);
  let closed = false;
  ctx.onCleanup(async () => {
    if (!closed) await store.close();
  });
  const figures = await measureScale(ctx, article, store, BENCH_GUILD, 'scale');
  await store.close();
  closed = true;
  const sizes = scaleSizes(ctx.quick);
  return {
    id: '4',
    title: `Scale: one server at ${sizes.map((n) => `${n / 1000}k`).join(', ')} comments (SQLite)`,
    figures,
    notes: [
      `Target: the largest size costs ≤ ${SCALE_TARGET}× the median at 1k. Ops interleaved in rotating order; the same thread and anchor at every size.`,
      'Seeded through add() (three in four top-level over every anchor, one in four a reply), SQLite WAL, synchronous=FULL.',
      ...(ctx.quick ? ['Quick mode stops at 10k; the full run goes to 100k.'] : []),
    ],
  };
}
