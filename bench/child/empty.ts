/** RSS of an empty program under the same loader (node --import tsx): the floor every child starts from. */
import { type ChildReport, mb, peakRssMB } from './protocol.js';

const report: ChildReport = {
  importedMs: 0,
  rssReadyMB: mb(process.memoryUsage().rss),
  peakRssMB: peakRssMB(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
