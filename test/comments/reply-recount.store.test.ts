/**
 * Reply counts written before they counted only replies still shown: a deleted reply was counted,
 * and a deleted top-level comment whose replies were all deleted stayed listed as "[deleted] · N
 * replies". The stores recount once on opening (SQLite schema v3, Redis format 3), on real SQLite and
 * real Redis, from data put back in the old state by hand; nothing else changes, and a second opening
 * changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { CommentKeys } from '../../src/comments/keys.js';
import type { CommentStore } from '../../src/comments/store.js';
import {
  ARTICLE,
  collect,
  draft,
  expectConsistent,
  GUILD,
  redisUrl,
  reply,
  uniquePrefix,
} from './helpers.js';

/**
 * #1 with replies #2 (deleted) and #3; #4 deleted, with its only reply #5 deleted. Stored as this
 * build stores it: #1 counts one reply, #4 none and is not listed.
 */
async function seed(store: CommentStore): Promise<Comment[]> {
  await store.add(GUILD, draft({ text: 'root' }));
  await store.add(GUILD, reply(1));
  await store.add(GUILD, reply(1));
  await store.add(GUILD, draft({ text: 'deleted root', anchor: 'p:3' }));
  await store.add(GUILD, reply(4));
  for (const n of [2, 5, 4]) await store.remove(GUILD, n);
  return collect(store.exportAll(GUILD));
}

/** The old counts: every direct reply, deleted or not. */
const OLD_COUNTS = new Map([
  [1, 2],
  [4, 1],
]);

async function expectRecounted(store: CommentStore, seeded: Comment[]): Promise<void> {
  expect(await collect(store.exportAll(GUILD))).toEqual(seeded);
  const page = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 });
  expect(page.items.map((c) => c.number)).toEqual([1]);
  expect(page.total).toBe(1);
  await expectConsistent(store, GUILD);
}

describe('reply counts from before they counted only replies still shown: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-recount-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are recounted once when the file is opened, and the deleted root leaves the list', async () => {
    const file = join(dir, 'v2.sqlite');
    const store = await createCommentStore(`sqlite://${file}`);
    const seeded = await seed(store);
    await store.close();

    // Back to what a schema v2 build left: deleted replies counted, the deleted root still listed.
    const db = new KeyvSqlite({ uri: `sqlite://${file}` });
    const keys = new CommentKeys();
    for (const [n, count] of OLD_COUNTS) {
      await db.query(
        `UPDATE keyv SET value = json_set(value, '$.value.replyCount', ${count}) WHERE key = ?`,
        keys.comment(GUILD, n),
      );
    }
    await db.query('UPDATE parley_comments SET listed = 1 WHERE guild = ? AND number = 4', GUILD);
    await db.query('PRAGMA user_version = 2');
    const listed = (await db.query('SELECT listed FROM parley_articles WHERE guild = ?', GUILD)) as {
      listed: number;
    }[];
    expect(listed[0]?.listed).toBe(2);
    await db.disconnect();

    for (let opening = 0; opening < 2; opening++) {
      const reopened = await createCommentStore(`sqlite://${file}`);
      try {
        await expectRecounted(reopened, seeded);
      } finally {
        await reopened.close();
      }
    }
  });
});

describe.skipIf(!redisUrl)('reply counts from before they counted only replies still shown: Redis', () => {
  it('are recounted once when the store is opened, and the deleted root leaves the list', async () => {
    const keyPrefix = uniquePrefix();
    const store = await createCommentStore(redisUrl, { keyPrefix });
    const seeded = await seed(store);
    await store.close();

    // Back to what a format 2 build left: deleted replies counted, the deleted root still listed.
    const keys = new CommentKeys(keyPrefix);
    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      for (const [n, count] of OLD_COUNTS) {
        const raw = (await client.get(keys.comment(GUILD, n))) ?? '';
        const stored = JSON.parse(raw) as { value: Comment };
        stored.value.replyCount = count;
        await client.set(keys.comment(GUILD, n), JSON.stringify(stored));
      }
      for (const set of [
        keys.byNumber(GUILD, ARTICLE),
        keys.byVotes(GUILD, ARTICLE),
        keys.byNumber(GUILD, ARTICLE, 'p:3'),
        keys.byVotes(GUILD, ARTICLE, 'p:3'),
      ]) {
        await client.zAdd(set, { score: 4, value: '4' });
      }
      await client.set(keys.storeFormat(), '2');
      expect(await client.zCard(keys.byNumber(GUILD, ARTICLE))).toBe(2);
    } finally {
      await client.close();
    }

    for (let opening = 0; opening < 2; opening++) {
      const reopened = await createCommentStore(redisUrl, { keyPrefix });
      try {
        await expectRecounted(reopened, seeded);
      } finally {
        await reopened.close();
      }
    }
  });
});
