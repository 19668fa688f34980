import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { positionsGrid } from '../../src/answers/positions.js';
import type { Article } from '../../src/article/article.js';
import { type BarChart, barsSvg } from '../../src/pictures/bars.js';
import { loadTypefaces, type Typefaces } from '../../src/pictures/font.js';
import { type GridModel, gridSvg } from '../../src/pictures/grid.js';
import { rasterize } from '../../src/pictures/render.js';
import { loadSecondArticle, REPO_ROOT } from '../helpers/articles.js';
import { compareGolden, diffCount, MAX_DIFF_PIXELS } from './golden.js';

/** Frozen renderer inputs: the Taiwan grid and map as of this renderer, and a stress case. */
function fixture<T = GridModel>(name: string): T {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/pictures', name), 'utf8')) as T;
}

let faces: Typefaces;
let second: Article;

beforeAll(async () => {
  faces = loadTypefaces();
  second = await loadSecondArticle();
});

const render = (grid: GridModel) => rasterize(gridSvg(faces, grid).svg);

describe('pictures match their golden copies', () => {
  it('the Taiwan grid', () => {
    const result = compareGolden('positions-grid.png', render(fixture('grid-taiwan.json')).png);
    expect(result.diff).toBeLessThanOrEqual(result.maxDiff);
  });

  it('long names and stances are wrapped and cut with an ellipsis, never overflowing', () => {
    const result = compareGolden('positions-grid-stress.png', render(fixture('grid-stress.json')).png);
    expect(result.diff).toBeLessThanOrEqual(result.maxDiff);
  });

  it('the second fixture article, built from its model (nothing about the first is built in)', () => {
    const grid = positionsGrid(second, {});
    if (!grid) throw new Error('the second article has positions');
    const result = compareGolden('positions-grid-second-article.png', render(grid).png);
    expect(result.diff).toBeLessThanOrEqual(result.maxDiff);
  });

  it('the discussion map (120 comments on the Taiwan article)', () => {
    const picture = rasterize(barsSvg(faces, fixture<BarChart>('map-taiwan.json')).svg);
    const result = compareGolden('discussion-map.png', picture.png);
    expect(result.diff).toBeLessThanOrEqual(result.maxDiff);
  });

  it('the comparison sees a changed picture', () => {
    const grid = fixture('grid-taiwan.json');
    const changed: GridModel = {
      ...grid,
      rows: grid.rows.map((r, i) => (i === 0 ? { ...r, topic: 'Changed' } : r)),
    };
    expect(diffCount(render(grid).png, render(changed).png)).toBeGreaterThan(MAX_DIFF_PIXELS * 3);
  });
});
