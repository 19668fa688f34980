import { readFileSync } from 'node:fs';

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
  /** Peak RSS of the process so far (peakRssMB: VmHWM on Linux), MB. */
  peakRssMB: number;
}

export const mb = (bytes: number) => bytes / 2 ** 20;

/**
 * Peak resident set size of this process so far, MB. On Linux from /proc/self/status VmHWM (the
 * high-water mark of this program's own memory): getrusage's maxRSS survives exec, so a child
 * spawned by a bench parent holding 265 MB would report at least that. Elsewhere, maxRSS (KiB).
 */
export function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm !== undefined) return Number(hwm) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}
