/**
 * `npm run bench` — the benchmark suite. `-- --quick` for a short run (under a minute);
 * `-- --only 1,3` runs some sections; `-- --out path.json` writes the results elsewhere.
 * Prints a table on stdout (progress on stderr) and writes bench/results.json.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Article } from '../src/article/article.js';
import { loadArticle } from '../src/article/loader.js';
import { benchAnswers } from './answers.js';
import { ARTICLE_PATH, type BenchContext, REPO_ROOT } from './context.js';
import { benchE2e } from './e2e.js';
import { benchPictures } from './pictures.js';
import { benchRedis } from './redis.js';
import {
  countTargets,
  machineInfo,
  type Results,
  renderTable,
  type Section,
  writeResults,
} from './report.js';
import { benchScale } from './scale-sqlite.js';
import { benchStartup } from './startup.js';
import { benchStore } from './store.js';

interface SectionRun {
  id: string;
  run: (ctx: BenchContext, article: Article) => Promise<Section>;
}

const SECTIONS: SectionRun[] = [
  { id: '1', run: benchAnswers },
  { id: '2', run: benchE2e },
  { id: '3', run: benchStore },
  { id: '4', run: benchScale },
  { id: '5', run: benchRedis },
  { id: '6', run: benchStartup },
  { id: '7', run: benchPictures },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string', default: join(REPO_ROOT, 'bench', 'results.json') },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const started = performance.now();
  const tmp = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  const ctx: BenchContext = {
    quick: values.quick,
    tmp,
    log: (message) =>
      process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`),
    onCleanup: (fn) => cleanups.push(fn),
  };
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        process.stderr.write(`cleanup failed: ${String(error)}\n`);
      }
    }
    await rm(tmp, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const sections: Section[] = [];
  try {
    const article = await loadArticle(ARTICLE_PATH);
    for (const section of SECTIONS) {
      if (only && !only.includes(section.id)) continue;
      sections.push(await section.run(ctx, article));
    }
  } finally {
    await cleanup();
  }
  const results: Results = {
    mode: values.quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    machine: machineInfo(),
    sections,
    targets: countTargets(sections),
  };
  process.stdout.write(`${renderTable(results)}\n`);
  await writeResults(values.out, results);
  process.stderr.write(`Results written to ${values.out}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
