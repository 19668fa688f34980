/**
 * Start-up: the production start (startBot with the environment's configuration: library from
 * ARTICLES_DIR, store from DATABASE_URL) against the emulator at DISCORD_API_URL; reports when ready.
 * With BENCH_READ_ALL=<guild id>, then reads every comment of that server and reports RSS again.
 */
import { performance } from 'node:perf_hooks';
import { type ChildReport, mb, peakRssMB } from './protocol.js';

const { loadConfig } = await import('../../src/config.js');
const { startBot } = await import('../../src/start.js');
const { loadCommands } = await import('../../src/discord/loader.js');
await loadCommands();
const importedMs = performance.now();

const bot = await startBot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
const report: ChildReport = {
  importedMs,
  readyMs: performance.now(),
  rssReadyMB: mb(process.memoryUsage().rss),
  peakRssMB: peakRssMB(),
};
const guild = process.env.BENCH_READ_ALL;
if (guild) {
  let read = 0;
  for await (const comment of bot.ctx.comments.exportAll(guild)) if (comment.number > 0) read++;
  await bot.ctx.comments.list(guild, {
    article: bot.ctx.library.defaultArticle.id,
    sort: 'top',
    offset: 0,
    limit: 5,
  });
  report.commentsRead = read;
  report.rssAfterReadMB = mb(process.memoryUsage().rss);
  report.peakRssMB = peakRssMB();
}
await bot.stop(500);
process.stdout.write(`${JSON.stringify(report)}\n`);
