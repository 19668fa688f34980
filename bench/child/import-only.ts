/** Start-up baseline: imports what the bot's start-up imports (start.ts, config, every command), then exits. */
import { performance } from 'node:perf_hooks';
import { type ChildReport, mb, peakRssMB } from './protocol.js';

await import('../../src/config.js');
await import('../../src/start.js');
const { loadCommands } = await import('../../src/discord/loader.js');
await loadCommands();
const report: ChildReport = {
  importedMs: performance.now(),
  rssReadyMB: mb(process.memoryUsage().rss),
  peakRssMB: peakRssMB(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
