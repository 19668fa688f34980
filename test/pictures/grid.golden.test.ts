import { beforeAll, describe, expect, it } from 'vitest';
import { positionsGrid } from '../../src/answers/positions.js';
import type { Article } from '../../src/article/article.js';
import { loadTypefaces, type Typefaces } from '../../src/pictures/font.js';
import { gridSvg } from '../../src/pictures/grid.js';
import { rasterize } from '../../src/pictures/render.js';
import { loadMainArticle, loadSecondArticle } from '../helpers/articles.js';
import { compareGolden } from './golden.js';

let faces: Typefaces;
let main: Article;
let second: Article;

beforeAll(async () => {
  faces = loadTypefaces();
  [main, second] = await Promise.all([loadMainArticle(), loadSecondArticle()]);
});

function render(article: Article, filter: Parameters<typeof positionsGrid>[1]) {
  const grid = positionsGrid(article, filter);
  if (!grid) throw new Error('nothing to draw');
  return rasterize(gridSvg(faces, grid).svg);
}

describe('positions grid pictures match their golden copies', () => {
  it('the full grid of the main article', () => {
    const result = compareGolden('positions-grid.png', render(main, {}).png);
    expect(result.share).toBeLessThanOrEqual(result.maxShare);
  });

  it('a grid filtered to one side is narrower and has one column', () => {
    const side = main.model.sides[1]?.id ?? '';
    const picture = render(main, { side });
    const result = compareGolden('positions-grid-one-side.png', picture.png);
    expect(result.share).toBeLessThanOrEqual(result.maxShare);
    expect(picture.width).toBeLessThan(render(main, {}).width);
  });

  it('the second fixture article (nothing about the main one is built in)', () => {
    const result = compareGolden('positions-grid-second-article.png', render(second, {}).png);
    expect(result.share).toBeLessThanOrEqual(result.maxShare);
  });
});
