/**
 * The bot as a real process (node dist/src/index.js, DISCORD_TOKEN + DISCORD_API_URL pointing at an
 * emulator in this process): graceful SIGTERM during a slow command, kill -9 during a stream of
 * /comment add on SQLite, fatal Discord refusals, and a signal during the start-up backoff.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type GatewayEvent, manualClock, startEmulator } from '@parley/discord-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { loadCommands } from '../../src/discord/loader.js';
import { RESTARTING } from '../../src/discord/messages.js';
import { expectConsistent } from '../comments/helpers.js';
import { type BotProcess, killAll, spawnBot } from './child.js';
import { freePort, integrity, lockDatabase } from './servers.js';
import { allComments, cardNumber, complete, expectEveryInteractionAnswered, mark } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-rel-proc-'));
const clock = manualClock(Date.UTC(2025, 0, 15, 12));
let emu: Emulator;
let gateway: GatewayEvent[] = [];

beforeAll(async () => {
  // A hand-driven clock: a child slowed down by a busy machine cannot miss the 3 s window.
  emu = await startEmulator({ now: clock.now, replyTimeoutMs: 15_000 });
  emu.on('gateway', (e) => gateway.push(e));
  const commands = await loadCommands();
  emu.registerCommands([...commands.values()].map((c) => c.data.toJSON()));
});
afterEach(() => {
  killAll();
  gateway = [];
});
afterAll(async () => {
  killAll();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

const envFor = (databaseUrl: string, token = emu.token) => ({
  DISCORD_TOKEN: token,
  DISCORD_API_URL: emu.apiUrl,
  DATABASE_URL: databaseUrl,
});
const guildId = () => emu.guild('main').id;
const identifies = () => gateway.filter((e) => e.type === 'identify').length;

async function ready(bot: BotProcess): Promise<void> {
  await bot.waitForLog('Parley is ready', 60_000);
}

describe('SIGTERM', () => {
  it('during a slow /comment add: new work is turned away, the slow reply arrives, the store closes, exit 0', async () => {
    const file = join(dir, 'sigterm.sqlite');
    const bot = spawnBot(envFor(`sqlite://${file}`));
    await ready(bot);
    const start = mark(emu);
    // Another connection holds the write lock: the bot's write waits (SQLite busy timeout, 10 s).
    const lock = await lockDatabase(file);
    let released = false;
    try {
      const slow = await emu.command({
        user: 'ana',
        guild: 'main',
        name: 'comment add',
        options: { text: 'finished during shutdown' },
        wait: false,
      });
      // The production auto-defer (2 s) acknowledges it while the write waits.
      await slow.waitFor((r) => r.type === 5, 20_000, 'the auto-defer');

      const signalledAt = performance.now();
      bot.signal('SIGTERM');
      await bot.waitForLog('shutting down');
      // Arriving after the signal: answered "restarting", not left to fail.
      const late = await emu.command({ user: 'ben', guild: 'main', name: 'who', options: { name: 'Chase' } });
      expect(late.message?.content).toBe(RESTARTING);
      expect(late.message?.ephemeral).toBe(true);

      await lock.release();
      released = true;
      const exit = await bot.exited;
      await complete(slow);
      expect(slow.message?.embeds[0]?.description).toBe('finished during shutdown');
      // 0, not the watchdog's 1: everything finished within SHUTDOWN_TIMEOUT_MS (5 s).
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(10_000); // generous: the watchdog already bounds it at 5 s
      expect(bot.logs.map((e) => e.msg)).toEqual(expect.arrayContaining(['shutting down', 'Parley stopped']));
      expectEveryInteractionAnswered(emu, start);
    } finally {
      if (!released) await lock.release();
    }
    // The store was closed: SQLite checkpoints and removes the WAL file on the last clean close.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const store = await createCommentStore(`sqlite://${file}`);
    try {
      expect((await store.get(guildId(), 1))?.text).toBe('finished during shutdown');
    } finally {
      await store.close();
    }
  });
});

describe('kill -9', () => {
  it('mid-stream of /comment add on SQLite: every comment whose card was delivered is there, the database is intact', async () => {
    const file = join(dir, 'kill9.sqlite');
    const bot = spawnBot(envFor(`sqlite://${file}`));
    await ready(bot);
    const acked = new Map<number, string>();
    let stopped = false;
    let sent = 0;
    async function writer(user: string): Promise<void> {
      for (let i = 0; !stopped; i++) {
        const text = `${user} comment ${i}`;
        sent++;
        try {
          const result = await emu.command({
            user,
            guild: 'main',
            name: 'comment add',
            options: { text },
            timeoutMs: 3_000,
          });
          const n = cardNumber(result);
          if (n !== undefined && result.message?.embeds[0]?.description === text) acked.set(n, text);
        } catch {
          // No answer: the process was killed while this one was in flight.
        }
      }
    }
    const writers = ['ana', 'ben', 'mod', 'owner'].map(writer);
    await expect.poll(() => acked.size, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(40);
    bot.killHard();
    stopped = true;
    const exit = await bot.exited;
    await Promise.all(writers);
    expect(exit.signal).toBe('SIGKILL');

    expect(await integrity(file)).toBe('ok');
    const store = await createCommentStore(`sqlite://${file}`);
    try {
      const stored = await allComments(store, guildId());
      const byNumber = new Map(stored.map((c) => [c.number, c.text]));
      for (const [n, text] of acked) expect(byNumber.get(n), `#${n}`).toBe(text);
      // Comments saved but not acknowledged (killed before the reply) may exist; nothing else.
      expect(stored.length).toBeGreaterThanOrEqual(acked.size);
      expect(stored.length).toBeLessThanOrEqual(sent);
      await expectConsistent(store, guildId());
      // The numbering goes on where it stopped.
      const next = await store.add(guildId(), {
        articleId: 'taiwan-talks',
        parent: null,
        anchor: 'article',
        stance: null,
        authorId: emu.user('ana').id,
        authorName: 'Ana',
        text: 'after the crash',
        createdAt: clock.now(),
      });
      expect(next.number).toBe(Math.max(...stored.map((c) => c.number)) + 1);
    } finally {
      await store.close();
    }
  }, 120_000); // start-up, at least 40 acknowledged adds (polled for up to 30 s), a crash and the checks
});

describe('fatal refusals exit 78 with a clear message, without retrying', () => {
  it('a token Discord rejects (401): no IDENTIFY at all', async () => {
    const bot = spawnBot(envFor('memory://', 'not-the-emulator-token'));
    const exit = await bot.exited;
    expect(exit.code).toBe(78);
    expect(bot.stderr()).toContain(
      'Parley cannot start: Discord rejected the bot token (401): check DISCORD_TOKEN',
    );
    expect(bot.stderr()).not.toContain('not-the-emulator-token');
    expect(identifies()).toBe(0);
  });

  it('close 4004 while running (token reset): the bot stops and exits 78 after one IDENTIFY', async () => {
    const bot = spawnBot(envFor('memory://'));
    await ready(bot);
    emu.closeWith(4004);
    const exit = await bot.exited;
    expect(exit.code).toBe(78);
    expect(bot.stderr()).toMatch(/Parley stopped: Discord rejected the bot token \(close 4004\)/);
    expect(bot.logs.filter((e) => e.level >= 50).map((e) => e.msg)).toEqual([
      expect.stringMatching(/^gateway closed for good/),
    ]);
    expect(identifies()).toBe(1);
  });
});

describe('start-up retries', () => {
  it('the store unreachable at start: retried with a logged backoff; SIGTERM during the backoff exits 0 at once', async () => {
    const port = await freePort(); // nothing listens there
    const bot = spawnBot(envFor(`redis://127.0.0.1:${port}`));
    const warn = await bot.waitForLog('start-up failed; retrying after a backoff');
    expect(warn).toMatchObject({ attempt: 1 });
    expect(Number(warn.delayMs)).toBeGreaterThanOrEqual(2_500);
    expect(JSON.stringify(warn.err)).toMatch(
      new RegExp(`Redis at redis://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
    bot.signal('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code).toBe(0);
    expect(identifies()).toBe(0);
  });
});

describe('the whole run', () => {
  it('left no interaction unanswered except those sent to a killed or stopped process', () => {
    const unanswered = [...emu.interactions.records.values()].filter((r) => !r.response);
    // Only kill -9 victims (in flight or dispatched after the kill) may be unanswered.
    for (const r of unanswered) expect(r.label).toBe('/comment add');
    expect(emu.errors(40060)).toEqual([]);
    expect(emu.errors(10062)).toEqual([]);
  });
});
