/**
 * CI smoke run of an installed bot: `tsx test/prod/smoke.ts <dir> <command…>` starts the emulator
 * here, runs `<command…>` in `<dir>` with a token pointing at it, and checks that the bot becomes
 * ready, answers /summary and stores a /comment add, then stops with exit 0 on SIGTERM.
 * Used for the production-only install (.ci/run), not by vitest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@parley/discord-emulator';
import { loadCommands } from '../../src/discord/loader.js';

const [dir, bin, ...args] = process.argv.slice(2);
if (!dir || !bin) {
  console.error('usage: tsx test/prod/smoke.ts <dir> <command> [args…]');
  process.exit(2);
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const fail = (message: string): never => {
  console.error(`smoke: ${message}`);
  process.exit(1);
};

const data = mkdtempSync(join(tmpdir(), 'parley-smoke-'));
const healthPort = await freePort();
const emu = await startEmulator({ replyTimeoutMs: 30_000 });
emu.registerCommands([...(await loadCommands()).values()].map((c) => c.data.toJSON()));
const child = spawn(bin, args, {
  cwd: dir,
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DATABASE_URL: `sqlite://${join(data, 'smoke.sqlite')}`,
    LOG_LEVEL: 'info',
    HEALTH_PORT: String(healthPort),
  },
  stdio: ['ignore', 'inherit', 'pipe'],
});
let stderr = '';
const ready = new Promise<void>((resolve, reject) => {
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (stderr.includes('"msg":"Parley is ready"')) resolve();
  });
  child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready:\n${stderr}`)));
});
const timer = setTimeout(() => fail(`not ready within 120 s:\n${stderr}`), 120_000);
await ready.catch((error: Error) => fail(error.message));
clearTimeout(timer);

const summary = await emu.command({ user: 'ana', guild: 'main', name: 'summary' });
if (!summary.message?.content && !summary.message?.embeds.length) fail('no answer to /summary');
const add = await emu.command({
  user: 'ana',
  guild: 'main',
  name: 'comment add',
  options: { text: 'smoke test comment' },
});
if (!JSON.stringify(add.message ?? {}).includes('smoke test comment'))
  fail(`/comment add was not confirmed: ${JSON.stringify(add.message)}`);

// The Dockerfile's HEALTHCHECK, as Docker runs it.
const health = /^HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])$/m.exec(
  readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8').replaceAll('8080', String(healthPort)),
);
if (!health?.[1]) fail('no HEALTHCHECK CMD in the Dockerfile');
const [cmd = '', ...cmdArgs] = JSON.parse(health?.[1] ?? '[]') as string[];
const check = spawnSync(cmd === 'node' ? process.execPath : cmd, cmdArgs, { timeout: 30_000 });
if (check.status !== 0) fail(`the Dockerfile's HEALTHCHECK failed (${check.status}): ${check.stderr}`);

const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
child.kill('SIGTERM');
const [code] = await exited;
await emu.close();
rmSync(data, { recursive: true, force: true });
if (code !== 0) fail(`exit ${code} after SIGTERM:\n${stderr}`);
console.log(`smoke: ${bin} ${args.join(' ')} — ready, answered /summary, stored a comment, stopped cleanly`);
