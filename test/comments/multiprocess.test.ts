/**
 * Two processes on one store (a rolling deploy), and a writer killed with SIGKILL mid-writes:
 * numbers never repeat, every acknowledged comment is there and listed, indexes stay consistent.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { draft, expectConsistent, GUILD, listAll, redisUrl, uniquePrefix } from './helpers.js';
import { killAllWriters, startWriter } from './processes.js';

interface Target {
  name: string;
  url: string;
  keyPrefix: string;
}

const dir = mkdtempSync(join(tmpdir(), 'parley-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => killAllWriters());

function sqliteTarget(): Target {
  return { name: 'sqlite', url: `sqlite://${join(dir, `${randomUUID()}.sqlite`)}`, keyPrefix: 'parley' };
}
function redisTarget(): Target {
  return { name: 'redis', url: redisUrl, keyPrefix: uniquePrefix() };
}

async function sqliteQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const adapter = new KeyvSqlite({ uri: url, busyTimeout: 10_000 });
  try {
    return (await adapter.query(sql)) as Record<string, unknown>[];
  } finally {
    await adapter.close();
  }
}

/** Every acknowledged number is stored and reachable from a listing or its thread. */
async function expectAllPresent(store: CommentStore, acked: number[]): Promise<void> {
  const reachable = new Set<number>();
  for (const c of await listAll(store, GUILD, 'oldest')) {
    for (const t of await store.thread(GUILD, c.number)) reachable.add(t.number);
  }
  for (const n of acked) {
    expect(await store.get(GUILD, n), `acknowledged #${n}`).toBeDefined();
    expect(reachable.has(n), `acknowledged #${n} is listed`).toBe(true);
  }
}

const targets: (() => Target)[] = [sqliteTarget];
if (redisUrl) targets.push(redisTarget);
else console.warn('⚠️  No Redis (redis-server missing, REDIS_URL unset): multi-process Redis tests skipped.');

describe.each(targets.map((make) => [make().name, make] as const))(
  '%s shared by processes',
  (_name, make) => {
    it('two writer processes and this one never duplicate a number or lose a write', {
      timeout: 90_000,
    }, async () => {
      const target = make();
      const store = await createCommentStore(target.url, { keyPrefix: target.keyPrefix });
      try {
        await store.add(GUILD, draft({ text: 'shared parent' }));
        const writers = [1, 2].map(() =>
          startWriter({ ...target, guildId: GUILD, count: 300, concurrency: 8, sharedParent: 1 }),
        );
        // Meanwhile this process votes on the parent the writers keep replying to.
        await Promise.all(writers.map((w) => w.acks(20)));
        const voters = Array.from({ length: 60 }, (_, i) => `voter${i}`);
        await Promise.all(voters.map((u) => store.toggleVote(GUILD, 1, u)));
        const results = await Promise.all(writers.map((w) => w.exited));
        for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, done: true });

        const acked = writers.flatMap((w) => w.acked);
        expect(acked).toHaveLength(600);
        expect(new Set(acked).size).toBe(600);
        expect([1, ...acked].sort((a, b) => a - b)).toEqual(Array.from({ length: 601 }, (_, i) => i + 1));
        const all = await expectConsistent(store, GUILD);
        expect(all).toHaveLength(601);
        const parent = await store.get(GUILD, 1);
        expect(parent?.votes).toHaveLength(60);
        expect(parent?.replyCount).toBe(all.filter((c) => c.parent === 1).length);
        expect(parent?.replyCount).toBe(200);
        await expectAllPresent(store, acked);
      } finally {
        await store.close();
      }
    });

    it('keeps every acknowledged comment when a writer is killed with SIGKILL', {
      timeout: 90_000,
    }, async () => {
      const target = make();
      const store = await createCommentStore(target.url, { keyPrefix: target.keyPrefix });
      try {
        await store.add(GUILD, draft({ text: 'shared parent' }));
        const writer = startWriter({
          ...target,
          guildId: GUILD,
          count: 1_000_000,
          concurrency: 16,
          sharedParent: 1,
        });
        await writer.acks(150);
        writer.kill();
        const exit = await writer.exited;
        expect(exit.signal).toBe('SIGKILL');
        expect(writer.acked.length).toBeGreaterThanOrEqual(150);

        await expectAllPresent(store, writer.acked);
        const all = await expectConsistent(store, GUILD);
        // Writes that were in flight may or may not have landed, but only whole.
        expect(all.length).toBeGreaterThanOrEqual(writer.acked.length + 1);
        const numbers = all.map((c) => c.number);
        expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
        // Numbering carries on after the crash without reusing a number.
        expect((await store.add(GUILD, draft())).number).toBe(numbers.length + 1);

        if (target.name === 'sqlite') {
          expect(await sqliteQuery(target.url, 'PRAGMA integrity_check')).toEqual([
            { integrity_check: 'ok' },
          ]);
          const [values] = await sqliteQuery(
            target.url,
            "SELECT count(*) AS n FROM keyv WHERE key LIKE '%:c:%'",
          );
          const [rows] = await sqliteQuery(target.url, 'SELECT count(*) AS n FROM parley_comments');
          expect(values?.n).toBe(numbers.length + 1);
          expect(rows?.n).toBe(numbers.length + 1);
        }
        // And all of it is still there after a restart.
        await store.close();
        const reopened = await createCommentStore(target.url, { keyPrefix: target.keyPrefix });
        try {
          await expectAllPresent(reopened, writer.acked);
          expect(await expectConsistent(reopened, GUILD)).toHaveLength(numbers.length + 1);
        } finally {
          await reopened.close();
        }
      } finally {
        await store.close();
      }
    });
  },
);
