/** What every benchmark section gets: the mode, a scratch directory, progress logging. */
import { fileURLToPath } from 'node:url';

export interface BenchContext {
  quick: boolean;
  /** A temporary directory removed at the end of the run (same disk for every SQLite file). */
  tmp: string;
  /** Progress on stderr, so stdout holds only the table. */
  log(message: string): void;
  /** Files to clean up or processes to stop when the run ends, however it ends. */
  onCleanup(fn: () => Promise<void> | void): void;
}

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The article every benchmark comment discusses (its folder in data/articles/). */
export const BENCH_ARTICLE = 'taiwan-talks';
export const ARTICLE_PATH = `${REPO_ROOT}data/articles/${BENCH_ARTICLE}/article.json`;

/** The server (guild) every benchmark comment goes to; the emulator's default "main" server id is separate. */
export const BENCH_GUILD = '100000000000000001';
