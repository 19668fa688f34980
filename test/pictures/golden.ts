import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { REPO_ROOT } from '../helpers/articles.js';

/** Golden pictures live under docs/pictures, where the README shows them. */
export const goldenPath = (name: string) => resolve(REPO_ROOT, 'docs/pictures', name);

/**
 * Pixels allowed to differ beyond pixelmatch's colour threshold: a few edge pixels of anti-aliasing
 * may vary across CPUs and resvg builds, while one changed word changes hundreds.
 */
export const MAX_DIFF_PIXELS = 60;

export interface GoldenResult {
  width: number;
  height: number;
  /** Pixels that differ beyond pixelmatch's per-pixel threshold. */
  diff: number;
  maxDiff: number;
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
  return {
    width: actual.width,
    height: actual.height,
    diff: diffPixels(actual, expected),
    maxDiff: MAX_DIFF_PIXELS,
  };
}

function diffPixels(a: PNG, b: PNG): number {
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.2 });
}

/** Differing pixels between two PNGs of the same size. */
export function diffCount(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) throw new Error('sizes differ');
  return diffPixels(pa, pb);
}
