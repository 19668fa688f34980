/**
 * The comment cooldown's contract, on every implementation: in this process (memory://), and in a
 * SQLite file and in Redis (real redis-server), where two connections stand for two bot processes
 * sharing the store.
 * Expiry is waited for with expect.poll (generous bounds), never timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Cooldowns, MemoryCooldowns, sharesCooldowns } from '../../src/comments/cooldown.js';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { StoreTimeoutError, withCooldownTimeouts } from '../../src/comments/timeouts.js';
import { redisUrl, uniquePrefix } from './helpers.js';

/** Two views of one cooldown (two processes where the backend is shared). */
interface Pair {
  a: Cooldowns;
  b: Cooldowns;
}

const stores: CommentStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const dir = mkdtempSync(join(tmpdir(), 'parley-cooldown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The cooldown of a store opened on `url` (one connection, as one bot process has). */
async function sharedOn(url: string, keyPrefix?: string): Promise<Cooldowns> {
  const store = await createCommentStore(url, keyPrefix === undefined ? {} : { keyPrefix });
  stores.push(store);
  if (!sharesCooldowns(store)) throw new Error(`the store at ${url} keeps no shared cooldown`);
  return store.sharedCooldowns(Date.now);
}

const backends: { name: string; open: () => Promise<Pair> }[] = [
  {
    name: 'memory (one process)',
    open: async () => {
      const one = new MemoryCooldowns();
      return { a: one, b: one };
    },
  },
  {
    name: 'sqlite (two connections to one file)',
    open: async () => {
      const url = `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}`;
      return { a: await sharedOn(url), b: await sharedOn(url) };
    },
  },
];
if (redisUrl) {
  backends.push({
    name: 'redis (two connections)',
    open: async () => {
      const prefix = uniquePrefix();
      return { a: await sharedOn(redisUrl, prefix), b: await sharedOn(redisUrl, prefix) };
    },
  });
} else
  console.warn(
    '⚠️  No Redis (redis-server missing, REDIS_URL unset): the Redis cooldown contract is skipped.',
  );

/** Long enough that no test outlives it; short ones are only used to watch expiry. */
const LONG = 600;
const POLL = { timeout: 30_000, interval: 20 };

async function claimed(c: Cooldowns, guild: string, user: string, seconds: number): Promise<string> {
  const take = await c.take(guild, user, seconds);
  if (!take.claimed) throw new Error(`expected a claim, got a wait of ${take.wait} s`);
  return take.token;
}

describe.each(backends)('comment cooldown: $name', ({ open }) => {
  it('a take holds the member for the cooldown, seen from both sides, until released', async () => {
    const { a, b } = await open();
    expect(await a.remaining('g1', 'ana')).toBe(0);
    const token = await claimed(a, 'g1', 'ana', LONG);

    const second = await b.take('g1', 'ana', LONG);
    expect(second.claimed).toBe(false);
    if (!second.claimed) {
      expect(second.wait).toBeGreaterThanOrEqual(1);
      expect(second.wait).toBeLessThanOrEqual(LONG);
    }
    const left = await b.remaining('g1', 'ana');
    expect(left).toBeGreaterThanOrEqual(1);
    expect(left).toBeLessThanOrEqual(LONG);

    await a.release('g1', 'ana', token);
    expect(await b.remaining('g1', 'ana')).toBe(0);
    await claimed(b, 'g1', 'ana', LONG);
  });

  it('is per server and per member', async () => {
    const { a, b } = await open();
    await claimed(a, 'g1', 'ana', LONG);
    await claimed(b, 'g2', 'ana', LONG);
    await claimed(b, 'g1', 'ben', LONG);
    expect((await b.take('g1', 'ana', LONG)).claimed).toBe(false);
    expect((await a.take('g2', 'ana', LONG)).claimed).toBe(false);
    // Ids that could forge each other's keys stay apart.
    await claimed(a, 'g1:ana', 'x', LONG);
    await claimed(a, 'g1', 'ana:x', LONG);
  });

  it('expires by itself', async () => {
    const { a, b } = await open();
    await claimed(a, 'g1', 'ana', 0.2);
    await expect.poll(() => b.remaining('g1', 'ana'), POLL).toBe(0);
    await claimed(b, 'g1', 'ana', LONG);
  });

  it('giving back a claim that already expired leaves the next claim alone', async () => {
    const { a, b } = await open();
    const stale = await claimed(a, 'g1', 'ana', 0.1);
    await expect.poll(async () => (await b.take('g1', 'ana', LONG)).claimed, POLL).toBe(true);
    await a.release('g1', 'ana', stale);
    expect(await a.remaining('g1', 'ana')).toBeGreaterThanOrEqual(1);
    expect((await a.take('g1', 'ana', LONG)).claimed).toBe(false);
  });

  it('a cooldown of 0 never holds anyone', async () => {
    const { a, b } = await open();
    for (let i = 0; i < 3; i++) await claimed(i % 2 ? a : b, 'g1', 'ana', 0);
    expect(await a.remaining('g1', 'ana')).toBe(0);
  });
});

const closable = [
  { name: 'sqlite', url: () => `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}` },
  ...(redisUrl ? [{ name: 'redis', url: () => redisUrl }] : []),
];

describe.each(closable)('$name cooldown when its store is closed', ({ url }) => {
  it('fails as the store does (StoreUnavailableError), never hangs', async () => {
    const store = await createCommentStore(url(), { keyPrefix: uniquePrefix() });
    if (!sharesCooldowns(store)) throw new Error('the store keeps no shared cooldown');
    const cooldown = store.sharedCooldowns(Date.now);
    await store.close();
    await expect(cooldown.take('g1', 'ana', LONG)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(cooldown.remaining('g1', 'ana')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('cooldown deadlines', () => {
  it('a hung cooldown is reported like a dead store, not waited for', async () => {
    const never = new Promise<never>(() => {});
    const hung: Cooldowns = { take: () => never, remaining: () => never, release: () => never };
    const timed = withCooldownTimeouts(hung, { writeMs: 50, readMs: 50, countMs: 50 });
    const take = timed.take('g1', 'ana', LONG);
    await expect(take).rejects.toBeInstanceOf(StoreTimeoutError);
    // "Comments are unavailable", not "may still be saved": a claim writes no comment.
    expect((await take.catch((e: unknown) => e)) as StoreTimeoutError).toMatchObject({ write: false });
    await expect(timed.remaining('g1', 'ana')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
