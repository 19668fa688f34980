/**
 * Not hammering IDENTIFY: Discord allows 1,000 a day and resets the token beyond that. The client's
 * identify throttle backs off while the gateway keeps ending sessions, start-up failures are retried
 * with backoff in-process, and fatal close codes stop at once.
 */

import { type Emulator, type GatewayEvent, manualClock, startEmulator } from '@parley/discord-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/backoff.js';
import { StoreConfigError } from '../../src/comments/errors.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { IDENTIFY_BACKOFF, IdentifyBackoff } from '../../src/discord/client.js';
import { isFatalStartError, START_BACKOFF, startWithRetry } from '../../src/process.js';
import { FatalDiscordError, type RunningBot, type StartOptions, startBot } from '../../src/start.js';
import { loadMainArticle } from '../helpers/articles.js';
import { captureLogs, expectEveryInteractionAnswered, TEST_IDENTIFY } from './support.js';

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    const policy = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(750);
  });

  it('production IDENTIFY and start-up policies keep a failing loop under 1,000 attempts a day', () => {
    for (const policy of [IDENTIFY_BACKOFF, START_BACKOFF]) {
      // Worst case: every attempt fails at once and jitter always picks the shortest wait.
      let elapsed = 0;
      let attempts = 0;
      while (elapsed < 86_400_000) {
        attempts++;
        elapsed += backoffDelay(attempts, policy, () => 0);
      }
      expect(attempts).toBeLessThan(1_000);
    }
  });
});

describe('IdentifyBackoff (discord.js identify throttler)', () => {
  /** A throttler on a fake clock; sleeps advance the clock and are recorded. */
  function fake(options: { random?: number } = {}) {
    let now = 1_000_000;
    const sleeps: number[] = [];
    const throttle = new IdentifyBackoff({
      baseMs: 5_000,
      maxMs: 300_000,
      spacingMs: 5_000,
      quietMs: 15 * 60_000,
      now: () => now,
      random: () => options.random ?? 0,
      sleep: async (ms, signal) => {
        signal.throwIfAborted();
        sleeps.push(ms);
        now += ms;
      },
    });
    return {
      throttle,
      sleeps,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }
  const signal = () => new AbortController().signal;

  it('the first IDENTIFY goes at once; repeated ones back off 5 s, 5 s, 10 s, 20 s … up to the cap', async () => {
    const { throttle, sleeps } = fake();
    for (let i = 0; i < 10; i++) await throttle.waitForIdentify(0, signal());
    // Attempt 1 waits Discord's 5 s spacing (backoff floor 2.5 s is below it), then it doubles.
    expect(sleeps).toEqual([5_000, 5_000, 10_000, 20_000, 40_000, 80_000, 150_000, 150_000, 150_000]);
    expect(throttle.identifies).toBe(10);
  });

  it('a session that stayed up for the quiet period starts afresh', async () => {
    const { throttle, sleeps, advance } = fake();
    for (let i = 0; i < 4; i++) await throttle.waitForIdentify(0, signal());
    advance(16 * 60_000);
    await throttle.waitForIdentify(0, signal());
    expect(sleeps.at(-1)).toBe(10_000); // the 4th identify's wait; the 5th needed none
    expect(sleeps).toHaveLength(3);
  });

  it('an aborted wait (the shard closed meanwhile) lets nothing through and is not counted', async () => {
    const { throttle } = fake();
    await throttle.waitForIdentify(0, signal());
    const controller = new AbortController();
    controller.abort();
    await expect(throttle.waitForIdentify(0, controller.signal)).rejects.toThrow();
    expect(throttle.identifies).toBe(1);
  });
});

describe('start-up retries and fatal errors', () => {
  let emu: Emulator | undefined;
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop(200);
    bot = undefined;
    await emu?.close();
    emu = undefined;
  });

  async function setup(token?: string) {
    emu = await startEmulator({ now: manualClock().now, replyTimeoutMs: 15_000 });
    const e = emu;
    const identifies: GatewayEvent[] = [];
    e.on('gateway', (event) => {
      if (event.type === 'identify') identifies.push(event);
    });
    const article = await loadMainArticle();
    const logs = captureLogs();
    // startBot opens (and on failure or stop, closes) its own memory store.
    const config = { ...loadConfig({}), token: token ?? e.token, apiUrl: e.apiUrl, databaseUrl: 'memory://' };
    const start = (options: Partial<StartOptions> = {}) =>
      startBot(config, { article, logger: logs.logger, ...options });
    return { emu: e, identifies, logs, config, article, start };
  }

  it('the gateway refuses every IDENTIFY (close 4000) during login: IDENTIFYs back off, then the bot starts when it recovers', async () => {
    const t = await setup();
    t.emu.refuseIdentify(4000);
    const policy = { baseMs: 100, maxMs: 800 };
    // Release times are taken where the throttle lets an IDENTIFY through, on the clock it reads:
    // how late the emulator happens to receive them on a loaded machine does not matter.
    const released: number[] = [];
    const identify = new (class extends IdentifyBackoff {
      override async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
        await super.waitForIdentify(shardId, signal);
        released.push(performance.now());
      }
    })({ ...TEST_IDENTIFY, ...policy, logger: t.logs.logger, now: () => performance.now() });
    const starting = t.start({ identify });
    await expect.poll(() => released.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(5);
    // Each gap is at least its backoff floor (50, 100, 200, 400 ms…), so they grow and a refusing
    // gateway is never hammered.
    const gaps = released.slice(1).map((t1, i) => t1 - (released[i] ?? 0));
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(backoffDelay(i + 1, policy, () => 0) - 5);
    });
    expect(t.logs.messages('warn')).toContain(
      'gateway keeps ending sessions: backing off before the next IDENTIFY',
    );
    t.emu.refuseIdentify(4000, 0);
    bot = await starting;
    t.emu.registerCommands([...bot.commands.values()].map((c) => c.data.toJSON()));
    const who = await t.emu.command({ user: 'ana', guild: 'main', name: 'who', options: { name: 'Chase' } });
    expect(who.message?.embeds[0]?.title).toContain('Michael Chase');
    expectEveryInteractionAnswered(t.emu);
    // Every IDENTIFY the throttle let through reached the emulator: the refused ones and the last.
    expect(t.identifies.at(-1)?.detail).toBeUndefined();
    expect(identify.identifies).toBe(t.identifies.length);
  });

  it('after READY, a gateway that invalidates every new session gets ever slower IDENTIFYs', async () => {
    const t = await setup();
    const policy = { baseMs: 100, maxMs: 400 };
    const identify = new IdentifyBackoff({ ...TEST_IDENTIFY, ...policy });
    bot = await t.start({ identify });
    const emu = t.emu;
    const times: number[] = [];
    let invalidations = 0;
    emu.on('gateway', (e) => {
      if (e.type !== 'ready') return;
      times.push(performance.now());
      // Every new session is killed again right away (op 9, not resumable) — four times.
      if (invalidations++ < 4) setTimeout(() => emu.invalidateSession(false), 10);
    });
    emu.invalidateSession(false);
    invalidations++;
    await expect.poll(() => times.length, { timeout: 15_000, interval: 50 }).toBe(4);
    const gaps = times.slice(1).map((t1, i) => t1 - (times[i] ?? 0));
    // The n-th IDENTIFY in a row waits at least half of min(400, 100·2^(n-1)) (plus discord.js's own 500 ms).
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(backoffDelay(i + 2, policy, () => 0));
    });
    expect(t.identifies.length).toBe(1 + 4);
  });

  it('close 4014 (disallowed intents) at login: a FatalDiscordError after one IDENTIFY, and no retry', async () => {
    const t = await setup();
    t.emu.refuseIdentify(4014);
    const attempts: number[] = [];
    const error = await startWithRetry(
      (attempt) => {
        attempts.push(attempt);
        return t.start({ identify: new IdentifyBackoff(TEST_IDENTIFY) });
      },
      t.logs.logger,
      { policy: { baseMs: 10, maxMs: 20 } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalDiscordError);
    expect(error).toMatchObject({ closeCode: 4014 });
    expect(attempts).toEqual([1]);
    expect(t.identifies).toHaveLength(1);
    expect(t.logs.messages('error')).toEqual([expect.stringMatching(/^gateway closed for good: .*4014/)]);
  });

  it('a refused token (401 on GET /gateway/bot) is fatal before any IDENTIFY', async () => {
    const t = await setup('not-the-token');
    const error = await startWithRetry(() => t.start(), t.logs.logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalDiscordError);
    expect((error as Error).message).toMatch(/token/);
    expect(t.identifies).toHaveLength(0);
    expect(t.emu.requests.filter((r) => r.path.startsWith('/gateway/bot'))).toHaveLength(1);
  });

  it('close 4004 after READY (token reset while running): onFatal is called once', async () => {
    const t = await setup();
    const fatal: FatalDiscordError[] = [];
    bot = await t.start({ identify: new IdentifyBackoff(TEST_IDENTIFY), onFatal: (e) => fatal.push(e) });
    t.emu.closeWith(4004);
    await expect.poll(() => fatal.length, { timeout: 10_000 }).toBe(1);
    expect(fatal[0]?.closeCode).toBe(4004);
    expect(fatal[0]?.message).toMatch(/reset it in the Developer Portal/);
    expect(t.identifies).toHaveLength(1);
  });

  it('Discord answering 500 to GET /gateway/bot: start-up is retried with backoff, and one IDENTIFY in all', async () => {
    const t = await setup();
    // @discordjs/rest tries each request 4 times (3 retries on 5xx): 8 faults fail two start-ups.
    const fault = t.emu.faults.serverError('/gateway/bot', 8);
    const delays: number[] = [];
    bot = await startWithRetry(
      () => t.start({ identify: new IdentifyBackoff(TEST_IDENTIFY) }),
      t.logs.logger,
      {
        policy: { baseMs: 40, maxMs: 1_000 },
        sleep: async (ms) => {
          delays.push(ms);
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    );
    expect(fault.hits).toBe(8);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(20);
    expect(delays[1]).toBeGreaterThanOrEqual(40);
    expect(t.logs.messages('warn')).toEqual([
      'start-up failed; retrying after a backoff',
      'start-up failed; retrying after a backoff',
    ]);
    expect(t.identifies).toHaveLength(1);
  });

  it('aborting while the login hangs (every IDENTIFY refused) gives up the login, and no IDENTIFY follows', async () => {
    const t = await setup();
    t.emu.refuseIdentify(4000);
    const controller = new AbortController();
    const starting = t.start({ identify: new IdentifyBackoff(TEST_IDENTIFY), signal: controller.signal });
    await expect.poll(() => t.identifies.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    controller.abort(new Error('shutting down'));
    await expect(starting).rejects.toThrow('shutting down');
    const refused = t.identifies.length;
    // Past discord.js's 500 ms reconnect pause: the destroyed client used to come back and IDENTIFY.
    // (Its orphaned shard may still open a socket, but it never identifies; the process exits anyway.)
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(t.identifies.length).toBe(refused);
  });

  it('aborting during a backoff stops at once', async () => {
    const logs = captureLogs();
    const controller = new AbortController();
    let attempts = 0;
    const running = startWithRetry(
      async () => {
        attempts++;
        throw new Error('Discord unreachable');
      },
      logs.logger,
      { policy: { baseMs: 60_000, maxMs: 60_000 }, signal: controller.signal },
    );
    await expect.poll(() => logs.messages('warn').length, { timeout: 10_000 }).toBe(1);
    controller.abort();
    await expect(running).rejects.toThrow(/abort/i);
    expect(attempts).toBe(1);
  });

  it('classifies errors: configuration and Discord refusals are fatal, outages are not', () => {
    expect(isFatalStartError(new ConfigError(['DISCORD_TOKEN: bad']))).toBe(true);
    expect(isFatalStartError(new FatalDiscordError(4004, 'token'))).toBe(true);
    expect(isFatalStartError(new StoreConfigError('DATABASE_URL: unsupported scheme'))).toBe(true);
    expect(
      isFatalStartError(new StoreConfigError('cannot reach Redis', { cause: new Error('ECONNREFUSED') })),
    ).toBe(false);
    expect(isFatalStartError(new Error('fetch failed'))).toBe(false);
  });
});
