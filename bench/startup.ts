/**
 * 6. Start-up, in child processes against the emulator (which runs here, in the parent):
 *  - import-only: imports the modules start-up imports, then exits (bare module load);
 *  - start-bot: the production startBot (article load and checks, /ask index, store open, gateway
 *    login) until ClientReady.
 * Start-up beyond module load = median(start-bot ready) − median(import-only done), each measured
 * from the child's own process start. Then RSS of a started bot after reading every comment of a
 * server with the scale run's comments (100k in the full run).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@parley/discord-emulator';
import type { Article } from '../src/article/article.js';
import { createCommentStore } from '../src/comments/factory.js';
import { nodeFlags } from '../src/node-flags.js';
import type { ChildReport } from './child/protocol.js';
import { BENCH_GUILD, type BenchContext, REPO_ROOT } from './context.js';
import type { Figure, Section } from './report.js';
import { SEED_CONCURRENCY, scaleSizes } from './scale.js';
import { scaleDatabase } from './scale-sqlite.js';
import { seedComments } from './seed.js';
import { median } from './stats.js';

const BEYOND_TARGET_MS = 1000;
/** Issue 13's targets for the compiled bot (what npm start, Docker and systemd run). */
const READY_TARGET_MS = 800;
const READY_RSS_TARGET_MB = 110;
const RSS_TARGET_MB = 150;

export const child = (name: string) => fileURLToPath(new URL(`./child/${name}.ts`, import.meta.url));

/** Runs a child (a .ts file under tsx, or `-e <code>` with plain node) and parses its last stdout line. */
export function runChild<T = ChildReport>(file: string, env: Record<string, string>): Promise<T> {
  const args = file.startsWith('-e')
    ? ['-e', file.slice(3)]
    : file.endsWith('.js')
      ? [file]
      : ['--import', 'tsx', file];
  // Compiled children run as production does, with its node flags.
  if (file.endsWith('.js')) args.unshift(...nodeFlags());
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), 120_000);
    proc.once('error', reject);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${file} exited with ${code}:\n${err}${out}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}

/**
 * The bot and the children compiled to JavaScript with the project's own tsc (into the temp dir), to
 * run under plain node: how much of the RSS is the tsx loader rather than Parley. Returns the
 * compiled start-bot child, or undefined when compiling failed.
 */
async function compileToJs(ctx: BenchContext): Promise<string | undefined> {
  const out = join(ctx.tmp, 'js');
  const tsconfig = join(ctx.tmp, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.json'),
      compilerOptions: { noEmit: false, outDir: out, rootDir: REPO_ROOT, sourceMap: false },
      include: ['src', 'commands', 'bench/child'].map((dir) => join(REPO_ROOT, dir)),
    }),
  );
  await new Promise<void>((resolve) => {
    const tsc = spawn(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', tsconfig],
      {
        stdio: 'ignore',
      },
    );
    // tsc emits even when another engineer's work in progress has a type error; only the files matter.
    tsc.once('exit', () => resolve());
    tsc.once('error', () => resolve());
  });
  const startBot = join(out, 'bench/child/start-bot.js');
  if (!existsSync(startBot)) return undefined;
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n');
  // Bare imports resolve from the compiled files upwards: give the temp dir the repo's node_modules.
  const link = join(ctx.tmp, 'node_modules');
  await symlink(join(REPO_ROOT, 'node_modules'), link, 'dir');
  // Removed first, on its own, so the temp dir's removal can never reach into the repository.
  ctx.onCleanup(() => unlink(link));
  return startBot;
}

/** The compiled bot (dist/ under plain node): start-up and RSS against issue 13's targets. */
function compiledFigures(
  imports: ChildReport[],
  starts: ChildReport[],
  loaded: ChildReport,
  tsxReadyMs: number,
  mbValue: (amount: number) => { amount: number; unit: string },
): Figure[] {
  const readyMs = median(starts.map((r) => r.readyMs ?? Number.NaN));
  const rssReady = median(starts.map((r) => r.rssReadyMB));
  return [
    { name: 'compiled: bare module load (import-only.js)', median: median(imports.map((r) => r.importedMs)) },
    {
      name: 'compiled: process start → ready (start-bot.js)',
      median: readyMs,
      ratio: { value: readyMs / tsxReadyMs, of: '× under tsx' },
      target: { text: `≤ ${READY_TARGET_MS} ms`, pass: readyMs <= READY_TARGET_MS },
    },
    {
      name: 'compiled: RSS modules imported (import-only.js)',
      value: mbValue(median(imports.map((r) => r.rssReadyMB))),
    },
    {
      name: 'compiled: RSS at ready',
      value: mbValue(rssReady),
      target: { text: `≤ ${READY_RSS_TARGET_MB} MB`, pass: rssReady <= READY_RSS_TARGET_MB },
    },
    {
      name: `compiled: RSS peak after reading ${loaded.commentsRead ?? 0} comments`,
      value: mbValue(loaded.peakRssMB),
      ratio: { value: loaded.peakRssMB / (loaded.rssReadyMB || 1), of: '× at ready' },
      target: { text: `≤ ${RSS_TARGET_MB} MB`, pass: loaded.peakRssMB <= RSS_TARGET_MB },
      note: `RSS ${(loaded.rssAfterReadMB ?? Number.NaN).toFixed(0)} MB once read`,
    },
  ];
}

export async function benchStartup(ctx: BenchContext, article: Article): Promise<Section> {
  const emu = await startEmulator();
  ctx.onCleanup(() => emu.close());
  const env = {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    LOG_LEVEL: 'silent',
    DEFAULT_ARTICLE: 'taiwan-talks',
  };

  // The scale run's database (or, when section 4 did not run, one seeded here).
  const db = scaleDatabase(ctx);
  const size = scaleSizes(ctx.quick).at(-1) ?? 1000;
  if (!existsSync(db)) {
    ctx.log(`startup: seeding ${size} comments for the RSS figure (section 4 did not run)`);
    const store = await createCommentStore(`sqlite://${db}`);
    await seedComments(store, article, BENCH_GUILD, size, { concurrency: SEED_CONCURRENCY, from: 0 });
    await store.close();
  }

  const pairs = ctx.quick ? 3 : 7;
  ctx.log(`startup: ${pairs} × (import-only, start-bot) child processes`);
  const imports: ChildReport[] = [];
  const starts: ChildReport[] = [];
  // One unmeasured pair first: the OS file cache and tsx's transform cache warm up.
  await runChild(child('import-only'), env);
  await runChild(child('start-bot'), { ...env, DATABASE_URL: `sqlite://${db}` });
  for (let i = 0; i < pairs; i++) {
    imports.push(await runChild(child('import-only'), env));
    starts.push(await runChild(child('start-bot'), { ...env, DATABASE_URL: `sqlite://${db}` }));
  }
  ctx.log('startup: RSS floors and after reading every comment');
  const bareNode = await runChild(
    `-e const r=process.memoryUsage().rss/2**20;console.log(JSON.stringify({importedMs:0,rssReadyMB:r,peakRssMB:r}))`,
    {},
  );
  const emptyTsx = await runChild(child('empty'), {});
  const loaded = await runChild(child('start-bot'), {
    ...env,
    DATABASE_URL: `sqlite://${db}`,
    BENCH_READ_ALL: BENCH_GUILD,
  });

  // The compiled bot under plain node, as production runs it: the targets are judged on these.
  ctx.log('startup: compiling to JavaScript (tsc); the same pairs under plain node');
  const js = await compileToJs(ctx);
  let compiled: ChildReport | undefined;
  const jsImports: ChildReport[] = [];
  const jsStarts: ChildReport[] = [];
  if (js) {
    const jsImportOnly = js.replace(/start-bot\.js$/, 'import-only.js');
    // Compiled, the bot's folder is the temp dir: the library is named by its full path.
    const jsEnv = { ...env, ARTICLES_DIR: join(REPO_ROOT, 'data/articles'), DATABASE_URL: `sqlite://${db}` };
    await runChild(jsImportOnly, jsEnv);
    await runChild(js, jsEnv);
    for (let i = 0; i < pairs; i++) {
      jsImports.push(await runChild(jsImportOnly, jsEnv));
      jsStarts.push(await runChild(js, jsEnv));
    }
    compiled = await runChild(js, { ...jsEnv, BENCH_READ_ALL: BENCH_GUILD });
  }

  const importMs = median(imports.map((r) => r.importedMs));
  const readyMs = median(starts.map((r) => r.readyMs ?? Number.NaN));
  const beyond = readyMs - importMs;
  const inProcess = median(starts.map((r) => (r.readyMs ?? Number.NaN) - r.importedMs));
  const peak = loaded.peakRssMB;
  const mbValue = (amount: number) => ({ amount, unit: 'MB' });
  const figures: Figure[] = [
    { name: 'bare module load (import-only child)', median: importMs },
    { name: 'process start → ready (start-bot child)', median: readyMs },
    {
      name: 'start-up beyond module load',
      median: beyond,
      ratio: { value: readyMs / importMs, of: '× module load' },
      target: { text: `< ${BEYOND_TARGET_MS} ms`, pass: beyond < BEYOND_TARGET_MS },
      note: `in the start-bot child itself, ready − imported = ${inProcess.toFixed(0)} ms`,
    },
    { name: 'RSS: empty node process', value: mbValue(bareNode.rssReadyMB) },
    { name: 'RSS: empty program under tsx', value: mbValue(emptyTsx.rssReadyMB) },
    {
      name: 'RSS: modules imported (import-only)',
      value: mbValue(median(imports.map((r) => r.rssReadyMB))),
    },
    { name: 'RSS: bot ready', value: mbValue(median(starts.map((r) => r.rssReadyMB))) },
    {
      name: `RSS: peak after reading ${loaded.commentsRead ?? 0} comments`,
      value: mbValue(peak),
      ratio: { value: peak / (loaded.rssReadyMB || 1), of: '× at ready' },
      // No target under tsx: production runs the compiled bot, and the targets are judged on it below.
      note: `RSS ${(loaded.rssAfterReadMB ?? Number.NaN).toFixed(0)} MB once read; peak = VmHWM, the high-water mark of the child itself; for comparison with the compiled row`,
    },
    ...(compiled ? compiledFigures(jsImports, jsStarts, compiled, readyMs, mbValue) : []),
  ];
  return {
    id: '6',
    title: 'Start-up and memory (child processes: under tsx, then compiled under plain node)',
    figures,
    notes: [
      `${pairs} interleaved pairs after one unmeasured pair; times from each child's own process start (performance.now()), medians.`,
      `start-bot: the production startBot with the environment's configuration (article data/articles/taiwan-talks/article.json, SQLite store with ${size} comments), against the emulator, until ClientReady.`,
      "RSS: the same start, then every comment of the server read through the store's exportAll (batches of 500), and a listing. The floors show what Node and the tsx loader (npm start runs under tsx) take before any of Parley's code.",
      'compiled: the same children compiled by tsc and run with plain node, as npm start, the Dockerfile and the systemd unit run the bot; the targets (ready ≤ 0.8 s, RSS at ready ≤ 110 MB, ≤ 150 MB after reading every comment) are judged on these.',
    ],
  };
}
