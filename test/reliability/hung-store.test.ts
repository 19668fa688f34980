/**
 * A store that hangs rather than fails: Redis paused with SIGSTOP (its connections stay open and
 * nothing answers), and SQLite's write lock held by another process while this one has a write
 * waiting for it. The article commands answer without their member-comment line, comment commands
 * say the store is unavailable, and everything works again once the store does — by itself.
 *
 * No wall-clock race: the store stays hung for as long as the test needs, so an answer arriving
 * at all shows nothing waited for it; the deadline that gave up is read from the logged error and
 * must be the configured one (under a second for the counts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import type { CommentStore } from '../../src/comments/store.js';
import type { StoreTimeouts } from '../../src/config.js';
import { expectConsistent } from '../comments/helpers.js';
import {
  lockDatabaseFromAnotherProcess,
  type RestartableRedis,
  redisInstalled,
  restartableRedis,
} from './servers.js';
import {
  cardNumber,
  controllable,
  eventually,
  expectEveryInteractionAnswered,
  privateText,
  type Rig,
  type StoreValve,
  startRig,
} from './support.js';

/** The rig serves the main article; naming it keeps the server's stored choice out of the way. */
const ARTICLE = 'taiwan-talks';

/** Production-like deadlines: the count well under a second. */
const TIMEOUTS: StoreTimeouts = { writeMs: 5_000, readMs: 2_000, countMs: 400 };

const dir = mkdtempSync(join(tmpdir(), 'parley-hung-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The deadlines the logged timeouts gave up after, per action. */
function timeoutsLogged(rig: Rig): Map<string, number> {
  const seen = new Map<string, number>();
  for (const entry of rig.logs.entries) {
    const err = entry.err as { name?: string; message?: string } | undefined;
    if (err?.name !== 'StoreTimeoutError' || !err.message) continue;
    const match = /within (\d+) ms to (.+)$/.exec(err.message);
    if (match?.[1] && match[2]) seen.set(match[2], Number(match[1]));
  }
  return seen;
}

/** /who answers with the profile and without the member-comment line (the count was late). */
async function expectWhoWithoutCount(rig: Rig): Promise<void> {
  const who = await rig.run('ben', 'who', { name: 'Chase' }, { timeoutMs: 15_000 });
  expect(who.message?.embeds[0]?.title).toContain('Michael Chase');
  expect(who.message?.ephemeral).toBe(false);
  expect(who.message?.content ?? '').not.toContain('member comment');
  const gaveUp = timeoutsLogged(rig).get('count comments');
  expect(gaveUp).toBe(TIMEOUTS.countMs);
  expect(gaveUp).toBeLessThanOrEqual(1_000);
}

/** The member-comment line comes back (polled: a count late under load is left out, not an error). */
async function expectCountBack(rig: Rig): Promise<void> {
  await eventually(
    async () => {
      const who = await rig.run('ben', 'who', { name: 'Chase' });
      return /member comment/.test(who.message?.content ?? '') ? true : undefined;
    },
    20_000,
    'the member-comment line',
  );
}

describe.skipIf(!redisInstalled())('Redis paused (SIGSTOP)', () => {
  let redis: RestartableRedis;
  let store: CommentStore;
  let rig: Rig;
  beforeAll(async () => {
    redis = await restartableRedis();
    store = await createCommentStore(redis.url, { keyPrefix: `hung-${randomUUID().slice(0, 8)}` });
    rig = await startRig({ comments: store, storeTimeouts: TIMEOUTS });
  });
  afterAll(async () => {
    redis?.resume();
    await rig?.close();
    await store?.close();
    await redis?.dispose();
  });

  it('/who answers without the count, comments are "unavailable"; after SIGCONT everything works again', async () => {
    expect(cardNumber(await rig.run('ana', 'comment add', { text: 'before the pause' }))).toBe(1);
    redis.pause();
    try {
      await expectWhoWithoutCount(rig);
      // Without an article option the server's chosen article is read first: that read times out.
      const list = await rig.run('ben', 'comment list', {}, { timeoutMs: 15_000 });
      expect(privateText(list)).toBe(STORE_UNAVAILABLE);
      // Naming the article skips that read, so the write itself meets its deadline.
      const add = await rig.run(
        'ben',
        'comment add',
        { text: 'while paused', article: ARTICLE },
        { timeoutMs: 15_000 },
      );
      // An add reads the server's moderation settings (mute, filter, cooldown) before it writes:
      // that read meets its deadline, nothing is sent to write, and the member is told so plainly.
      expect(privateText(add)).toBe(STORE_UNAVAILABLE);
      expect(cardNumber(add)).toBeUndefined();
      expect(timeoutsLogged(rig).get('read moderation settings')).toBe(TIMEOUTS.readMs);
    } finally {
      redis.resume();
    }
    // Recovers by itself: no restart, no reconnect needed.
    const n = await eventually(
      () => rig.run('ana', 'comment add', { text: 'after the pause' }).then(cardNumber),
      20_000,
      'comments after SIGCONT',
    );
    expect(n).toBeGreaterThanOrEqual(2);
    await expectCountBack(rig);
    const all = await expectConsistent(store, rig.emu.guild('main').id);
    expect(all.map((c) => c.text)).toContain('before the pause');
    expect(all.map((c) => c.text)).toContain('after the pause');
    // Refused before its write, so Redis had nothing of it to run on waking.
    expect(all.map((c) => c.text)).not.toContain('while paused');
    expectEveryInteractionAnswered(rig.emu);
  });
});

describe('SQLite write lock held by another process', () => {
  let store: SqliteCommentStore;
  let valve: StoreValve;
  let rig: Rig;
  const file = join(dir, 'locked-elsewhere.sqlite');
  beforeAll(async () => {
    // The write waits for the lock longer than the test runs, so it holds this process's connection
    // the whole time: reads queue behind it, which is what used to hold up /who.
    store = await SqliteCommentStore.open(file, { busyTimeoutMs: 60_000 });
    const controlled = controllable(store);
    valve = controlled.valve;
    rig = await startRig({
      comments: controlled.store,
      storeTimeouts: { ...TIMEOUTS, writeMs: 60_000 },
      emulator: { replyTimeoutMs: 60_000 },
    });
  });
  afterAll(async () => {
    await rig?.close();
    await store?.close();
  });

  it('/who answers without the count and lists are "unavailable" while a write waits; then it all resumes', async () => {
    expect(cardNumber(await rig.run('ana', 'comment add', { text: 'first' }))).toBe(1);
    const lock = await lockDatabaseFromAnotherProcess(file);
    let released = false;
    try {
      const waiting = await rig.run('ana', 'comment add', { text: 'waits for the lock' }, { wait: false });
      await expect.poll(() => valve.calls.get('add'), { timeout: 15_000 }).toBe(2);
      await expectWhoWithoutCount(rig);
      // Naming the article skips the read of the server's choice, so the list itself meets its deadline.
      const list = await rig.run('ben', 'comment list', { article: ARTICLE }, { timeoutMs: 15_000 });
      expect(privateText(list)).toBe(STORE_UNAVAILABLE);
      expect(timeoutsLogged(rig).get('list comments')).toBe(TIMEOUTS.readMs);
      await lock.release();
      released = true;
      // The write was never given up: once the lock is free it lands, and the member gets the card.
      await waiting.waitFor((r) => r.record.settled, 30_000, 'the card');
      expect(waiting.message?.embeds[0]?.description).toBe('waits for the lock');
    } finally {
      if (!released) await lock.release();
    }
    await expectCountBack(rig);
    const list = await rig.run('ben', 'comment list');
    expect(list.message?.embeds[0]?.title).toMatch(/comments/i);
    await expectConsistent(store, rig.emu.guild('main').id);
    expectEveryInteractionAnswered(rig.emu);
  });
});
