/**
 * RSS added by the renderer, rendering as the bot does: the article is loaded first (the
 * bot has it anyway), then RSS is read after the fonts and one render of each picture, and after
 * more renders. The native pixmaps are freed only when V8 collects their wrappers, which it does not
 * hurry for memory it cannot see; the parent runs this child with --expose-gc and it collects after
 * each render, so the figure is what stays, not garbage waiting for a collection.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { mb } from './protocol.js';

const rounds = Number(process.env.BENCH_PICTURE_ROUNDS ?? 20);
const settle = async () => {
  globalThis.gc?.();
  await sleep(20);
  globalThis.gc?.();
  return mb(process.memoryUsage().rss);
};

const { loadArticle } = await import('../../src/article/loader.js');
const { ARTICLE_PATH } = await import('../context.js');
const { syntheticComments } = await import('../discussion.js');
const { discussionMap, tallyComments } = await import('../../src/comments/map.js');
const { positionsGrid } = await import('../../src/answers/positions.js');
const article = await loadArticle(ARTICLE_PATH);
const chart = discussionMap(article, tallyComments(syntheticComments(article, 10_000)));
const grid = positionsGrid(article, {});
const before = await settle();

const { loadTypefaces } = await import('../../src/pictures/font.js');
const { gridSvg } = await import('../../src/pictures/grid.js');
const { barsSvg } = await import('../../src/pictures/bars.js');
const { rasterize } = await import('../../src/pictures/render.js');
const faces = loadTypefaces();
const renderBoth = async () => {
  if (grid) rasterize(gridSvg(faces, grid).svg);
  await settle();
  if (chart) rasterize(barsSvg(faces, chart).svg);
  return settle();
};
const first = await renderBoth();
let after = first;
for (let i = 1; i < rounds; i++) after = await renderBoth();
// No peak: a spawned child's maxrss starts from its parent's (Linux keeps it across exec).
process.stdout.write(`${JSON.stringify({ before, first, after, collected: Boolean(globalThis.gc) })}\n`);
