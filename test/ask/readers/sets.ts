import { resolve } from 'node:path';
import { MAIN_ARTICLE_PATH, REPO_ROOT, THIRD_ARTICLE_PATH } from '../../helpers/articles.js';
import * as taiwan from './taiwan-talks.js';
import type { ReaderCase } from './types.js';
import * as voltra from './voltra-cold-test.js';

export interface ReaderSet {
  name: string;
  articlePath: string;
  development: readonly ReaderCase[];
  heldOut: readonly ReaderCase[];
  /** The held-out half's share CI requires (the third article's set is small: 16 questions). */
  gate: number;
}

/** Every article's reader-worded evaluation set. */
export const readerSets: readonly ReaderSet[] = [
  { name: 'taiwan-talks', articlePath: MAIN_ARTICLE_PATH, ...taiwan, gate: 0.9 },
  { name: 'voltra-cold-test (third fixture)', articlePath: THIRD_ARTICLE_PATH, ...voltra, gate: 0.85 },
];

export const repoPath = (p: string) => resolve(REPO_ROOT, p);
