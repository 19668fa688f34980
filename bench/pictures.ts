/**
 * 7. Pictures: the positions grid rendered cold (SVG built and rasterised to PNG, fonts loaded) and
 * served from the cache, the discussion map at 10k comments (tally, chart, PNG), and the RSS the
 * renderer adds, measured in a child process.
 */
import { positionsGrid } from '../src/answers/positions.js';
import type { Article } from '../src/article/article.js';
import { discussionMap, tallyComments } from '../src/comments/map.js';
import { barsSvg } from '../src/pictures/bars.js';
import { loadTypefaces } from '../src/pictures/font.js';
import { gridSvg } from '../src/pictures/grid.js';
import { Pictures } from '../src/pictures/pictures.js';
import { rasterize } from '../src/pictures/render.js';
import type { BenchContext } from './context.js';
import { syntheticComments } from './discussion.js';
import type { Figure, Section } from './report.js';
import { child, runChild } from './startup.js';
import { summarize, timeSyncCpu } from './stats.js';

const GRID_COLD_MS = 50;
const GRID_CACHED_MS = 1;
const MAP_MS = 80;
const RSS_MB = 40;
const MAP_COMMENTS = 10_000;

/** Times `fn` `n` times; p50 judged on each call's own time, min(wall, CPU), as in section 1. */
function measure(n: number, fn: () => unknown) {
  const wall: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = timeSyncCpu(fn);
    wall.push(t.wall);
    own.push(Math.min(t.wall, t.cpu));
  }
  return { wall: summarize(wall), own: summarize(own) };
}

function latency(name: string, m: ReturnType<typeof measure>, targetMs: number, note: string): Figure {
  return {
    name,
    median: m.wall.median,
    p99: m.wall.p99,
    opsPerSec: 1000 / m.wall.mean,
    target: { text: `own p50 ≤ ${targetMs} ms`, pass: m.own.median <= targetMs },
    note: `own time p50 ${m.own.median.toFixed(2)} ms; ${note}`,
  };
}

export async function benchPictures(ctx: BenchContext, article: Article): Promise<Section> {
  const rounds = ctx.quick ? 15 : 60;
  const grid = positionsGrid(article, {});
  if (!grid) throw new Error('the article has no positions to draw');
  const pictures = new Pictures();
  const faces = loadTypefaces();
  ctx.log(`pictures: grid and map × ${rounds}`);

  let gridSize = { width: 0, height: 0, bytes: 0 };
  const gridCold = measure(rounds, () => {
    const p = rasterize(gridSvg(faces, grid).svg);
    gridSize = { width: p.width, height: p.height, bytes: p.png.length };
  });

  await pictures.get('grid', (f) => gridSvg(f, grid));
  const cachedMs: number[] = [];
  for (let i = 0; i < (ctx.quick ? 500 : 5000); i++) {
    const start = performance.now();
    await pictures.get('grid', (f) => gridSvg(f, grid));
    cachedMs.push(performance.now() - start);
  }
  const cached = summarize(cachedMs);

  const comments = syntheticComments(article, MAP_COMMENTS);
  let mapSize = { width: 0, height: 0, bytes: 0 };
  const map = measure(rounds, () => {
    const chart = discussionMap(article, tallyComments(comments));
    if (!chart) return;
    const p = rasterize(barsSvg(faces, chart).svg);
    mapSize = { width: p.width, height: p.height, bytes: p.png.length };
  });
  const tally = measure(rounds, () => tallyComments(comments));

  const renders = ctx.quick ? 5 : 20;
  const rss = await runChild<{ before: number; first: number; after: number }>(child('pictures'), {
    BENCH_PICTURE_ROUNDS: String(renders),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`,
  });
  const added = rss.after - rss.before;

  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  return {
    id: '7',
    title: 'Pictures (positions grid, discussion map): SVG built in code, PNG by resvg',
    figures: [
      latency(
        'positions grid, cold (render + PNG)',
        gridCold,
        GRID_COLD_MS,
        `${gridSize.width}×${gridSize.height} px, ${kb(gridSize.bytes)}`,
      ),
      {
        name: 'positions grid, cached',
        median: cached.median,
        p99: cached.p99,
        opsPerSec: 1000 / cached.mean,
        target: { text: `p50 ≤ ${GRID_CACHED_MS} ms`, pass: cached.median <= GRID_CACHED_MS },
      },
      latency(
        `discussion map, ${MAP_COMMENTS.toLocaleString('en-US')} comments (tally + render + PNG)`,
        map,
        MAP_MS,
        `${mapSize.width}×${mapSize.height} px, ${kb(mapSize.bytes)}; the tally alone p50 ${tally.own.median.toFixed(2)} ms`,
      ),
      {
        name: 'RSS added by the renderer',
        value: { amount: added, unit: 'MB' },
        target: { text: `≤ ${RSS_MB} MB`, pass: added <= RSS_MB },
        note: `child process, rendering as the bot does: ${rss.before.toFixed(0)} MB with the article loaded; +${(rss.first - rss.before).toFixed(0)} MB after the fonts and one grid and one map, +${added.toFixed(0)} MB after ${renders} of each (collected after each)`,
      },
    ],
    notes: [
      'Cold = not cached (fonts already loaded, as after the first picture); rasterised on the calling thread, as in the bot.',
      'Own time = min(wall, CPU) per call: on this shared machine wall-clock time also counts other processes’ turns on the cores.',
    ],
  };
}
