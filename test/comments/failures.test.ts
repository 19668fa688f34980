/**
 * Backend failures: driver errors surface as StoreUnavailableError (never as "no such comment"), and a
 * write that fails leaves no partial state behind — no index entry, no counter change, no used number.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type RedisClientType } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CommentNotFoundError, StoreUnavailableError } from '../../src/comments/errors.js';
import { MemoryCommentStore } from '../../src/comments/memory-store.js';
import { RedisCommentStore } from '../../src/comments/redis-store.js';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import type { CommentStore } from '../../src/comments/store.js';
import { startRedisServer } from '../setup/redis-server.js';
import { ARTICLE, draft, expectConsistent, GUILD, redisUrl, reply, uniquePrefix } from './helpers.js';

const boom = () => new Error('disk I/O error');

/** What every backend must show after a failed write: exactly the state before it. */
async function expectUnchanged(store: CommentStore, before: { total: number; votes: string[] }) {
  const page = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 100 });
  expect(page.total).toBe(before.total);
  expect((await store.get(GUILD, 1))?.votes).toEqual(before.votes);
  await expectConsistent(store, GUILD);
}

describe('memory store with a failing keyv store', () => {
  /** A keyv Map store whose next reads or writes can be made to throw. */
  class FlakyMap extends Map<string, unknown> {
    failSets: number[] = [];
    failGets = false;
    private sets = 0;
    override set(key: string, value: unknown): this {
      if (this.failSets.includes(++this.sets)) throw boom();
      return super.set(key, value);
    }
    override get(key: string): unknown {
      if (this.failGets) throw boom();
      return super.get(key);
    }
    failSet(afterSets: number): void {
      this.failSets.push(this.sets + afterSets);
    }
  }

  it('a failed add, reply or vote leaves no trace and uses up no number', async () => {
    const map = new FlakyMap();
    const store = new MemoryCommentStore({ store: map });
    await store.add(GUILD, draft());
    const before = { total: 1, votes: [] };

    map.failSet(1);
    await expect(store.add(GUILD, draft())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expectUnchanged(store, before);

    map.failSet(2); // the reply's value is written, its parent's reply count is not
    await expect(store.add(GUILD, reply(1))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.get(GUILD, 2)).toBeUndefined();
    expect(await store.thread(GUILD, 1)).toHaveLength(1);
    expect((await store.get(GUILD, 1))?.replyCount).toBe(0);
    await expectUnchanged(store, before);

    map.failSet(1);
    await expect(store.toggleVote(GUILD, 1, 'u1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expectUnchanged(store, before);

    expect((await store.add(GUILD, reply(1))).number).toBe(2);
    await expectConsistent(store, GUILD);
  });

  it('a failed read is an error, not a missing comment or an empty page', async () => {
    const map = new FlakyMap();
    const store = new MemoryCommentStore({ store: map });
    await store.add(GUILD, draft());
    map.failGets = true;
    await expect(store.get(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 5 }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.thread(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.toggleVote(GUILD, 1, 'u')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('SQLite store with failing statements', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-fail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let store: SqliteCommentStore | undefined;
  afterEach(async () => {
    await store?.close();
    vi.restoreAllMocks();
  });

  const open = async () => {
    const adapter = new KeyvSqlite({ uri: `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}` });
    store = await SqliteCommentStore.fromAdapter(adapter);
    return { adapter, store };
  };

  it('rolls back the whole write: value, index, counters and number', async () => {
    const { adapter, store } = await open();
    await store.add(GUILD, draft());
    const before = { total: 1, votes: [] };
    const set = vi.spyOn(adapter, 'set');

    set.mockRejectedValueOnce(boom());
    await expect(store.add(GUILD, draft())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expectUnchanged(store, before);

    // The reply's value is written inside the transaction, then its parent's update fails.
    set.mockImplementationOnce((key, value) => KeyvSqlite.prototype.set.call(adapter, key, value));
    set.mockRejectedValueOnce(boom());
    await expect(store.add(GUILD, reply(1))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.get(GUILD, 2)).toBeUndefined();
    expect((await store.get(GUILD, 1))?.replyCount).toBe(0);
    await expectUnchanged(store, before);

    set.mockRejectedValueOnce(boom());
    await expect(store.flag(GUILD, 1, 'u1', 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.get(GUILD, 1))?.hidden).toBe(false);
    await expectUnchanged(store, before);

    expect((await store.add(GUILD, draft())).number).toBe(2);
  });

  it('a failing write in a group commit fails alone', async () => {
    const { adapter, store } = await open();
    await store.add(GUILD, draft());
    const real = KeyvSqlite.prototype.set;
    // Writing this one comment always fails; the others queued with it must still commit.
    vi.spyOn(adapter, 'set').mockImplementation(async (key: string, value: unknown) => {
      if (String(value).includes('poison')) throw boom();
      return real.call(adapter, key, value);
    });
    const texts = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'poison' : `ok ${i}`));
    const results = await Promise.allSettled(texts.map((text) => store.add(GUILD, draft({ text }))));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, r.reason]] : []));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.[0]).toBe(7);
    expect(failed[0]?.[1]).toBeInstanceOf(StoreUnavailableError);
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    const all = await expectConsistent(store, GUILD);
    expect(all.map((c) => c.text)).not.toContain('poison');
    expect(all).toHaveLength(20);
  });

  it('a reply to a missing comment in a group commit fails alone, without undoing the others', async () => {
    const { store } = await open();
    await store.add(GUILD, draft());
    const results = await Promise.allSettled([
      store.add(GUILD, reply(1)),
      store.add(GUILD, reply(99)),
      store.toggleVote(GUILD, 98, 'u'),
      store.add(GUILD, reply(1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(CommentNotFoundError);
    expect((await store.get(GUILD, 1))?.replyCount).toBe(2);
    expect(await expectConsistent(store, GUILD)).toHaveLength(3);
  });

  it('a failed read is an error, not a missing comment', async () => {
    const { adapter, store } = await open();
    await store.add(GUILD, draft());
    vi.spyOn(adapter, 'get').mockRejectedValueOnce(boom());
    await expect(store.get(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    vi.spyOn(adapter, 'getMany').mockRejectedValueOnce(boom());
    await expect(
      store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 5 }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    vi.spyOn(adapter, 'get').mockRejectedValueOnce(boom());
    await expect(store.remove(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    // A genuinely missing comment is still reported as such.
    await expect(store.remove(GUILD, 9)).rejects.toBeInstanceOf(CommentNotFoundError);
    expect((await store.get(GUILD, 1))?.deleted).toBe(false);
  });
});

describe.skipIf(!redisUrl)('Redis store with failures', () => {
  let client: RedisClientType | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    if (client?.isOpen) await client.close();
  });

  const open = async () => {
    client = createClient({ url: redisUrl, disableOfflineQueue: true });
    await client.connect();
    return { client, store: new RedisCommentStore(client, { keyPrefix: uniquePrefix() }) };
  };

  it('a failed script leaves no trace and uses up no number', async () => {
    const { client, store } = await open();
    await store.add(GUILD, draft());
    const before = { total: 1, votes: [] };
    vi.spyOn(client, 'evalSha').mockRejectedValueOnce(boom());
    await expect(store.add(GUILD, draft())).rejects.toBeInstanceOf(StoreUnavailableError);
    vi.spyOn(client, 'evalSha').mockRejectedValueOnce(boom());
    await expect(store.toggleVote(GUILD, 1, 'u1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expectUnchanged(store, before);
    expect((await store.add(GUILD, reply(1))).number).toBe(2);
  });

  it('a failed read is an error, not a missing comment or an empty page', async () => {
    const { client, store } = await open();
    await store.add(GUILD, draft());
    vi.spyOn(client, 'get').mockRejectedValueOnce(boom());
    await expect(store.get(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    vi.spyOn(client, 'mGet').mockRejectedValueOnce(boom());
    await expect(
      store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 5 }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.get(GUILD, 1))?.number).toBe(1);
  });

  it('reports StoreUnavailableError promptly when the server dies, and closes cleanly', async () => {
    const server = await startRedisServer();
    try {
      client = createClient({ url: server.url, disableOfflineQueue: true });
      await client.connect();
      client.on('error', () => {});
      const store = new RedisCommentStore(client, { keyPrefix: uniquePrefix() });
      await store.add(GUILD, draft());
      await server.stop();
      // Rejected at once rather than queued until a reconnect (the test timeout would catch a hang).
      await expect(store.add(GUILD, draft())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.get(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await store.close();
      expect(client.isOpen).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
