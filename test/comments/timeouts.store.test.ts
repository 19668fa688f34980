/**
 * Deadlines on store calls (timeouts.ts) and SQLite's bounded wait for its write lock. Only hangs
 * that never end are timed out here, so no assertion depends on how fast the machine is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { MemoryCommentStore } from '../../src/comments/memory-store.js';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import type { CommentStore } from '../../src/comments/store.js';
import { StoreTimeoutError, withStoreTimeouts } from '../../src/comments/timeouts.js';
import { lockDatabase } from '../reliability/servers.js';
import { ARTICLE, collect, draft, GUILD } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-timeouts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const never = <T>() => new Promise<T>(() => {});

/** A memory store whose calls hang for as long as `hung` says. */
function hangable(): { store: CommentStore; setHung(on: boolean): void } {
  const inner = new MemoryCommentStore();
  let hung = false;
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'close') return value;
      return (...args: unknown[]) => {
        if (!hung) return (value as (...a: unknown[]) => unknown).apply(target, args);
        if (key === 'exportAll') return { [Symbol.asyncIterator]: () => ({ next: never }) };
        return never();
      };
    },
  });
  return { store, setHung: (on) => (hung = on) };
}

describe('withStoreTimeouts', () => {
  const t = { writeMs: 60, readMs: 40, countMs: 20 };

  it('gives up a hung call after its own deadline, as an outage; works again once the store does', async () => {
    const { store: inner, setHung } = hangable();
    const store = withStoreTimeouts(inner, t);
    await store.add(GUILD, draft({ text: 'before' }));
    setHung(true);
    const add = await store.add(GUILD, draft()).catch((e: unknown) => e);
    expect(add).toBeInstanceOf(StoreUnavailableError);
    expect(add).toMatchObject({ name: 'StoreTimeoutError', ms: 60, write: true });
    await expect(
      store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 5 }),
    ).rejects.toMatchObject({
      ms: 40,
      write: false,
    });
    await expect(store.countByAnchor(GUILD, ARTICLE, ['article'])).rejects.toMatchObject({ ms: 20 });
    await expect(collect(store.exportAll(GUILD))).rejects.toBeInstanceOf(StoreTimeoutError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreTimeoutError);
    setHung(false);
    expect((await store.countByAnchor(GUILD, ARTICLE, ['article'])).get('article')).toBe(1);
    expect((await collect(store.exportAll(GUILD))).map((c) => c.text)).toEqual(['before']);
  });

  it('passes answers and errors through unchanged', async () => {
    const store = withStoreTimeouts(new MemoryCommentStore(), t);
    const added = await store.add(GUILD, draft({ text: 'kept' }));
    expect(await store.get(GUILD, added.number)).toEqual(added);
    await expect(store.edit(GUILD, 99, 'x', 0)).rejects.toMatchObject({ name: 'CommentNotFoundError' });
    await expect(store.add('', draft())).rejects.toThrow();
  });
});

describe('SQLite: the wait for a lock held elsewhere is bounded per call', () => {
  it('queued writes fail together after one busy timeout, unapplied, instead of retrying one by one', async () => {
    const file = join(dir, 'busy.sqlite');
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 300 });
    const store = await SqliteCommentStore.fromAdapter(adapter, { busyTimeoutMs: 300 });
    const statements: string[] = [];
    const query = adapter.query.bind(adapter);
    adapter.query = async (sql: string, ...params: unknown[]) => {
      statements.push(sql);
      return query(sql, ...params);
    };
    try {
      await store.add(GUILD, draft({ text: 'first' }));
      const lock = await lockDatabase(file);
      const begins = statements.filter((s) => s === 'BEGIN IMMEDIATE').length;
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.add(GUILD, draft({ text: `blocked ${i}` }))),
        );
        for (const r of results) {
          expect(r.status).toBe('rejected');
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreUnavailableError);
        }
        // One transaction for the first write, at most one for those queued behind it: never one each.
        expect(statements.filter((s) => s === 'BEGIN IMMEDIATE').length - begins).toBeLessThanOrEqual(2);
      } finally {
        await lock.release();
      }
      const after = await store.add(GUILD, draft({ text: 'after' }));
      expect(after.number).toBe(2);
      expect((await collect(store.exportAll(GUILD))).map((c) => c.text)).toEqual(['first', 'after']);
    } finally {
      await store.close();
    }
  });
});
