/**
 * Comments written before comments belonged to an article (test/fixtures/old-comments: a real SQLite
 * database (kept as its SQL dump) and a real Redis key dump, written by the stores of that time) are attributed, once, to the
 * article that was served — nothing lost, nothing changed but the article, every index rebuilt.
 * They also keep their ancestry in the old shape (`references`, root first, instead of `root`): read
 * as parent and root, and rewritten in the new shape the next time each is written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { LegacyArticleUnknownError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { REPO_ROOT } from '../helpers/articles.js';
import { collect, draft, expectConsistent, redisUrl, uniquePrefix } from './helpers.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/old-comments');
const SERVED = 'taiwan-talks';
/** A comment as the stores of that time returned it. */
type OldComment = Omit<Comment, 'articleId' | 'root'> & { references: number[] };
const before = JSON.parse(readFileSync(join(FIXTURES, 'comments.json'), 'utf8')) as Record<
  string,
  OldComment[]
>;
/** The same comment as read now: on the served article, its root the first of its references. */
const now = ({ references, ...c }: OldComment): Comment => ({
  ...c,
  articleId: SERVED,
  root: references[0] ?? null,
});
const guilds = Object.keys(before);

/** Every comment is there, exactly as it was, now on the article that was served. */
async function expectMigrated(store: CommentStore): Promise<void> {
  for (const guild of guilds) {
    const old = before[guild] ?? [];
    expect(old.length).toBeGreaterThan(0);
    expect(await collect(store.exportAll(guild))).toEqual(old.map(now));
    await expectConsistent(store, guild);
    expect(await store.currentArticle(guild)).toBe(SERVED);
    const visible = old.filter((c) => !c.deleted && !c.hidden).length;
    expect(await store.countByArticle(guild)).toEqual(new Map([[SERVED, visible]]));
  }
}

/** After the migration the store works as usual: numbering continues, new articles stay apart. */
async function expectUsable(store: CommentStore): Promise<void> {
  const [guild = ''] = guilds;
  const last = (before[guild] ?? []).length;
  const added = await store.add(
    guild,
    draft({ articleId: 'marren-bay-desalination', text: 'A new article' }),
  );
  expect(added.number).toBe(last + 1);
  const reply = await store.add(guild, draft({ parent: 1, text: 'Still replying to #1' }));
  expect(reply).toMatchObject({ number: last + 2, articleId: SERVED, anchor: 'p:1' });
  // #4 was stored two deep with references [1, 3]: a reply to it finds its root from them.
  const deeper = await store.add(guild, draft({ parent: 4, text: 'Three deep' }));
  expect(deeper).toMatchObject({ number: last + 3, parent: 4, root: 1, anchor: 'p:1' });
  expect((await store.thread(guild, 3)).map((c) => c.number)).toEqual([3, 4, last + 3]);
  // Old comments, rewritten (#4's reply count, #9's edit) or not, read in the new shape only.
  const edited = await store.edit(guild, 9, 'Agreed, edited.', 1_800_000_000_000);
  for (const c of [await store.get(guild, 4), edited, await store.get(guild, 12)]) {
    expect(c).not.toHaveProperty('references');
  }
  expect(await store.get(guild, 9)).toMatchObject({ parent: 8, root: 8, text: 'Agreed, edited.' });
  await expectConsistent(store, guild);
}

describe('migration of comments from before articles: SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-migration-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let copies = 0;
  /** A v1 database file rebuilt from the fixture's SQL (the v1 store's tables and rows, user_version 1). */
  const copy = async (): Promise<string> => {
    const file = join(dir, `old-${++copies}.sqlite`);
    const sql = readFileSync(join(FIXTURES, 'parley-v1.sql'), 'utf8');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (opened) => {
        if (opened) return reject(opened);
        db.exec(sql, (ran) => db.close((closed) => ((ran ?? closed) ? reject(ran ?? closed) : resolve())));
      });
    });
    return `sqlite://${file}`;
  };

  it('attributes every comment to the served article, once, and the file keeps working', async () => {
    const url = await copy();
    const store = await createCommentStore(url, { legacyArticle: SERVED });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
    // Idempotent: a second start finds nothing left to migrate, even when told another article.
    const again = await createCommentStore(url, { legacyArticle: 'marren-bay-desalination' });
    try {
      await expectMigrated(again);
      await expectUsable(again);
    } finally {
      await again.close();
    }
  });

  it('refuses to guess without the served article, and changes nothing', async () => {
    const url = await copy();
    await expect(createCommentStore(url)).rejects.toBeInstanceOf(LegacyArticleUnknownError);
    const store = await createCommentStore(url, { legacyArticle: SERVED });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!redisUrl)('migration of comments from before articles: Redis', () => {
  interface Entry {
    key: string;
    type: 'string' | 'zset' | 'hash';
    value: unknown;
  }
  const dump = JSON.parse(readFileSync(join(FIXTURES, 'redis-v1.json'), 'utf8')) as Entry[];

  /** Writes the dump back under a fresh key prefix, as the old store left it. */
  async function restore(): Promise<string> {
    const prefix = uniquePrefix();
    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      for (const { key, type, value } of dump) {
        const target = `${prefix}${key.slice('parley'.length)}`;
        if (type === 'string') await client.set(target, value as string);
        if (type === 'hash') await client.hSet(target, value as Record<string, string>);
        if (type === 'zset') await client.zAdd(target, value as { value: string; score: number }[]);
      }
    } finally {
      await client.close();
    }
    return prefix;
  }

  it('attributes every comment to the served article, once, and the data keeps working', async () => {
    const keyPrefix = await restore();
    const store = await createCommentStore(redisUrl, { keyPrefix, legacyArticle: SERVED });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
    const again = await createCommentStore(redisUrl, { keyPrefix, legacyArticle: 'marren-bay-desalination' });
    try {
      await expectMigrated(again);
      await expectUsable(again);
    } finally {
      await again.close();
    }
  });

  it('refuses to guess without the served article, and changes nothing', async () => {
    const keyPrefix = await restore();
    await expect(createCommentStore(redisUrl, { keyPrefix })).rejects.toBeInstanceOf(
      LegacyArticleUnknownError,
    );
    const store = await createCommentStore(redisUrl, { keyPrefix, legacyArticle: SERVED });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});
