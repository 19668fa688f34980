/**
 * `npm start` as an operator runs it, stopped the three ways supervisors stop it — a SIGTERM to the
 * whole process group (systemd's default), Ctrl-C (SIGINT to the terminal's process group), and a
 * SIGTERM to npm alone (`docker stop` when `npm start` is the container's main process) — each in
 * the middle of a 300-add burst, five times: every interaction the bot received is answered (its
 * card, or "restarting"), and nothing is saved without its confirmation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type InteractionResult, manualClock, startEmulator } from '@parley/discord-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { loadCommands } from '../../src/discord/loader.js';
import { RESTARTING } from '../../src/discord/messages.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { RELAXED_TIMEOUT_ENV } from '../helpers/harness.js';
import { allComments, cardNumber, expectEveryInteractionAnswered, mark, privateText } from './support.js';

const TRIALS = Number(process.env.DRAIN_TRIALS ?? 5);
const BURST = 300;
const dir = mkdtempSync(join(tmpdir(), 'parley-drain-'));
const clock = manualClock(Date.UTC(2025, 0, 15, 12));
let emu: Emulator;
const started = new Set<ChildProcess>();

beforeAll(async () => {
  // The emulator's 3 s acknowledgement window follows this hand-driven clock: a loaded machine
  // cannot make an answer late.
  emu = await startEmulator({ now: clock.now, replyTimeoutMs: 120_000 });
  emu.registerCommands([...(await loadCommands()).values()].map((c) => c.data.toJSON()));
});
afterEach(() => {
  for (const child of started) if (child.pid !== undefined) killTree(child.pid);
  started.clear();
});
afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

function killTree(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** `npm start` in its own process group (as a terminal or systemd would start it). */
function npmStart(databaseUrl: string) {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      DATABASE_URL: databaseUrl,
      COMMENT_COOLDOWN_SECONDS: '0',
      // 300 adds queue behind one another's group commits: on a loaded machine the production write
      // deadline (5 s of wall clock) would answer some "unavailable", which is not what this tests.
      ...RELAXED_TIMEOUT_ENV,
      // Likewise the stop's own deadline: under load, working through what is left of the burst can
      // outlast the 5 s default, and this checks that the drain answers everything, not how fast.
      SHUTDOWN_TIMEOUT_MS: '60000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  started.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (stderr.includes('"msg":"Parley is ready"')) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error(`npm start exited before it was ready:\n${stderr}`));
    });
  });
  return { child, ready, exited, stderr: () => stderr };
}

type Stop = (child: ChildProcess) => void;
const STOPS: [string, Stop][] = [
  ['SIGTERM to the process group', (child) => process.kill(-(child.pid ?? 0), 'SIGTERM')],
  ['Ctrl-C (SIGINT to the process group)', (child) => process.kill(-(child.pid ?? 0), 'SIGINT')],
  ['SIGTERM to the main process (npm) only', (child) => child.kill('SIGTERM')],
];

describe.each(STOPS)('npm start stopped by %s mid-burst', (_name, stop) => {
  it(`drains a ${BURST}-add burst, ${TRIALS} times out of ${TRIALS}`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const databaseUrl = `sqlite://${join(dir, `${Math.random().toString(36).slice(2)}.sqlite`)}`;
      const bot = npmStart(databaseUrl);
      await bot.ready;
      const from = mark(emu);
      const users = ['ana', 'ben', 'mod', 'owner'];
      const sent: { text: string; result: InteractionResult }[] = [];
      for (let i = 0; i < BURST; i++) {
        const text = `trial ${trial} add ${i}`;
        const result = await emu.command({
          user: users[i % users.length] ?? 'ana',
          guild: 'main',
          name: 'comment add',
          options: { text },
          wait: false,
        });
        sent.push({ text, result });
      }
      // The signal lands while the burst is being worked through.
      await expect
        .poll(() => sent.filter((s) => s.result.record.response).length, { timeout: 60_000, interval: 10 })
        .toBeGreaterThan(0);
      stop(bot.child);
      await bot.exited;
      expect(bot.stderr()).toContain('"msg":"Parley stopped"');
      // Exactly one signal reached the bot: it never cut its drain short.
      expect(bot.stderr()).not.toContain('second signal during shutdown');

      expectEveryInteractionAnswered(emu, from);
      const confirmed = new Set<string>();
      for (const { text, result } of sent) {
        if (cardNumber(result) !== undefined && result.message?.embeds[0]?.description === text) {
          confirmed.add(text);
        } else {
          expect(privateText(result), `${text}: neither its card nor "restarting"`).toBe(RESTARTING);
        }
      }
      const store = await createCommentStore(databaseUrl);
      try {
        const saved = (await allComments(store, emu.guild('main').id)).map((c) => c.text);
        // Nothing saved without its confirmation, and nothing confirmed that was not saved.
        expect(saved.filter((t) => !confirmed.has(t))).toEqual([]);
        expect(saved.length).toBe(confirmed.size);
      } finally {
        await store.close();
      }
    }
  }, 900_000);
});
