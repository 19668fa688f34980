import { resolve } from 'node:path';
import { MAIN_ARTICLE_PATH, REPO_ROOT } from '../../helpers/articles.js';
import * as taiwan from './taiwan-talks.js';
import type { ReaderCase } from './types.js';

export interface ReaderSet {
  name: string;
  articlePath: string;
  development: readonly ReaderCase[];
  heldOut: readonly ReaderCase[];
}

/** Every article's reader-worded evaluation set. */
export const readerSets: readonly ReaderSet[] = [
  { name: 'taiwan-talks', articlePath: MAIN_ARTICLE_PATH, ...taiwan },
];

export const repoPath = (p: string) => resolve(REPO_ROOT, p);
