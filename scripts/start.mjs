#!/usr/bin/env node
/**
 * `npm start` / `npm run start:sharded` / `npm run deploy`: runs the compiled bot (dist/) with node,
 * building it first when dist/ is missing or older than the sources (so `npm install && npm start`
 * works on a fresh clone).
 *
 * Signals: npm passes SIGINT/SIGTERM on to this script, and a signal to the whole process group
 * (systemd, Ctrl-C) reaches it as well, so one stop can arrive here two or three times. The bot
 * runs in its own process group and gets exactly one signal from here; a second one would mean
 * "exit at once" to it, so nothing is ever escalated. Production supervisors (Dockerfile, systemd
 * unit) run `node dist/src/index.js` directly instead.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled, without tsx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
/** Written after each successful build: the build is as new as this file. */
const STAMP = join(DIST, '.built');
const SOURCES = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json'];
const EXIT_FATAL = 78;

/** package.json's "nodeFlags": what production starts node with (src/node-flags.ts says why). */
function nodeFlags() {
  const flags = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).nodeFlags;
  return Array.isArray(flags) ? flags : [];
}

/** Newest modification time under `path` (0 when absent: a shipped dist/ without sources). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function tscPath() {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/** Builds when needed; returns false when there is nothing runnable. */
function ensureBuilt(entryFile, log = (line) => console.error(line)) {
  const built = existsSync(STAMP) && existsSync(entryFile) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((p) => newest(join(ROOT, p))));
  if (built > 0 && built >= sources) return true;
  const tsc = tscPath();
  if (!tsc) {
    if (built > 0) {
      log(
        'Parley: the sources are newer than dist/, but TypeScript is not installed here; running dist/ as it is.',
      );
      return true;
    }
    log(
      'Parley is not built (no dist/) and TypeScript is not installed here. Build with the development install (npm ci && npm run build), then copy dist/, or see the README: install for production.',
    );
    return false;
  }
  log(built > 0 ? 'Parley: sources changed; rebuilding dist/ …' : 'Parley: building dist/ (first start) …');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    log('Parley: the build failed (see above); fix it or run npm run build.');
    return false;
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return true;
}

/** DISCORD_TOKEN from the environment or .env (read, never printed): no token → the sandbox. */
function hasToken() {
  if (process.env.DISCORD_TOKEN !== undefined) return process.env.DISCORD_TOKEN.trim() !== '';
  const file = join(ROOT, '.env');
  if (!existsSync(file)) return false;
  return /^\s*(?:export\s+)?DISCORD_TOKEN\s*=\s*['"]?[^\s'"#]/m.test(readFileSync(file, 'utf8'));
}

const ENTRIES = { index: 'src/index.js', shard: 'src/shard.js', deploy: 'src/scripts/deploy.js' };

function main() {
  const [name = 'index', ...args] = process.argv.slice(2);
  // `build`: only bring dist/ up to date (the test suite's global setup).
  if (name === 'build') return process.exit(ensureBuilt(join(DIST, ENTRIES.index)) ? 0 : EXIT_FATAL);
  const relative = ENTRIES[name];
  if (!relative) {
    console.error(`usage: node scripts/start.mjs [build|${Object.keys(ENTRIES).join('|')}] [args…]`);
    return process.exit(2);
  }
  const entry = join(DIST, relative);
  if (!ensureBuilt(entry)) return process.exit(EXIT_FATAL);

  // The interactive sandbox must stay in the terminal's foreground group to read from it.
  const ownGroup = hasToken();
  const child = spawn(process.execPath, [...nodeFlags(), entry, ...args], {
    cwd: process.cwd(),
    stdio: ownGroup ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
    detached: ownGroup,
  });
  let forwarded = false;
  const onSignal = (signal) => {
    if (forwarded) return;
    // In the foreground group, a terminal's Ctrl-C has already reached the sandbox itself.
    if (!ownGroup && signal === 'SIGINT') return;
    forwarded = true;
    child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
  child.once('error', (error) => {
    console.error(`Parley: could not start node: ${error.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
}

main();
