/** What a start-up child process reports on its last stdout line (JSON). */
export interface ChildReport {
  /** ms since the process started (performance.now()) when the modules were imported. */
  importedMs: number;
  /** ms since the process started when the bot was ready (start-bot only). */
  readyMs?: number;
  /** Resident set size in MB when ready. */
  rssReadyMB: number;
  /** After reading every comment of the server (start-bot with BENCH_READ_ALL). */
  commentsRead?: number;
  rssAfterReadMB?: number;
  /** Peak RSS of the process so far (getrusage maxrss), MB. */
  peakRssMB: number;
}

export const mb = (bytes: number) => bytes / 2 ** 20;

/** Peak resident set size so far, MB (maxRSS is in KiB). */
export const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
