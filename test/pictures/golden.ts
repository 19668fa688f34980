import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { REPO_ROOT } from '../helpers/articles.js';

/** Golden pictures live under docs/pictures, where the README shows them. */
export const goldenPath = (name: string) => resolve(REPO_ROOT, 'docs/pictures', name);

/** Share of pixels allowed to differ (anti-aliasing may vary across CPUs and resvg builds). */
const MAX_DIFF_SHARE = 0.002;

export interface GoldenResult {
  width: number;
  height: number;
  /** Pixels that differ beyond pixelmatch's per-pixel threshold. */
  diff: number;
  share: number;
  maxShare: number;
}

/**
 * Compares a rendered PNG with its golden copy. UPDATE_GOLDEN=1 (or a missing golden outside CI)
 * writes the rendered one instead, to be reviewed and committed.
 */
export function compareGolden(name: string, png: Buffer): GoldenResult {
  const path = goldenPath(name);
  const update = process.env.UPDATE_GOLDEN === '1' || (!existsSync(path) && !process.env.CI);
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
  }
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(readFileSync(path));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    throw new Error(
      `${name}: rendered ${actual.width}×${actual.height}, golden is ${expected.width}×${expected.height}`,
    );
  }
  const diff = pixelmatch(actual.data, expected.data, undefined, actual.width, actual.height, {
    threshold: 0.1,
  });
  const share = diff / (actual.width * actual.height);
  return { width: actual.width, height: actual.height, diff, share, maxShare: MAX_DIFF_SHARE };
}
