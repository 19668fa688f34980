import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreConfigError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { MemoryCommentStore } from '../../src/comments/memory-store.js';
import { RedisCommentStore } from '../../src/comments/redis-store.js';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { draft, GUILD, redisUrl, uniquePrefix } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-factory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function configError(url: string): Promise<StoreConfigError> {
  const error = await createCommentStore(url).then(
    async (store) => {
      await store.close();
      throw new Error(`${url} opened`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreConfigError);
  expect((error as Error).message).toContain('DATABASE_URL');
  return error as StoreConfigError;
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('createCommentStore', () => {
  it('memory:// gives an in-memory store', async () => {
    const store = await createCommentStore('memory://');
    expect(store).toBeInstanceOf(MemoryCommentStore);
    expect((await store.add(GUILD, draft())).number).toBe(1);
    await store.close();
  });

  it('sqlite:// resolves a relative path from the project folder, not the working directory', async () => {
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    const file = join(dir, 'nested', 'deeper', 'parley.sqlite');
    const store = await createCommentStore(`sqlite://${relative(PROJECT_ROOT, file)}`);
    try {
      expect(store).toBeInstanceOf(SqliteCommentStore);
      await store.add(GUILD, draft());
      expect(existsSync(file)).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('sqlite:// in a folder that does not exist is a permanent error (a mistyped path never starts an empty database)', async () => {
    const missing = join(dir, 'no-such-folder', 'x.sqlite');
    const error = await configError(`sqlite://${missing}`);
    expect(error.permanent).toBe(true);
    expect(error.message).toContain('expected the SQLite file in an existing folder');
    expect(error.message).toContain(join(dir, 'no-such-folder'));
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('sqlite:// takes absolute paths', async () => {
    const store = await createCommentStore(`sqlite://${join(dir, 'abs.sqlite')}`);
    await store.ping();
    await store.close();
    expect(existsSync(join(dir, 'abs.sqlite'))).toBe(true);
  });

  it('rejects unknown schemes, missing paths and unusable SQLite files at startup', async () => {
    expect((await configError('postgres://db/parley')).message).toContain('postgres://');
    await configError('parley.sqlite');
    await configError('');
    await configError('sqlite://');
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    expect((await configError(`sqlite://${notADir}/x.sqlite`)).message).toContain(notADir);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(
      garbage,
      'this is not a database, just text that is long enough to fill a header'.repeat(20),
    );
    expect((await configError(`sqlite://${garbage}`)).permanent).toBe(true);
  });

  it('refuses SQLite files with an unknown comment schema', async () => {
    const newer = join(dir, 'newer.sqlite');
    const adapter = new KeyvSqlite({ uri: `sqlite://${newer}` });
    await adapter.query('PRAGMA user_version = 99');
    await adapter.close();
    const future = await configError(`sqlite://${newer}`);
    expect(future.message).toContain('v99');
    expect(future.permanent).toBe(true);

    const unversioned = join(dir, 'unversioned.sqlite');
    const old = new KeyvSqlite({ uri: `sqlite://${unversioned}` });
    await old.query('CREATE TABLE parley_comments (guild TEXT, number INTEGER)');
    await old.close();
    expect((await configError(`sqlite://${unversioned}`)).message).toContain('unversioned');

    // A current file opens again and again.
    const current = join(dir, 'current.sqlite');
    for (let i = 0; i < 2; i++) await (await createCommentStore(`sqlite://${current}`)).close();
  });

  it('rejects an unreachable Redis without echoing the password', async () => {
    const port = await deadPort();
    const error = await configError(`redis://parley:hunter2-secret@127.0.0.1:${port}/0`);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain('hunter2-secret');
    expect(error.message).not.toContain('parley:');
    // Unreachable may be temporary: start-up retries it.
    expect(error.permanent).toBe(false);
    await configError('redis://');
  });

  it.skipIf(!redisUrl)('connects to Redis, and rejects bad credentials without echoing them', async () => {
    const store = await createCommentStore(redisUrl, { keyPrefix: uniquePrefix() });
    try {
      expect(store).toBeInstanceOf(RedisCommentStore);
      await store.ping();
      expect((await store.add(GUILD, draft())).number).toBe(1);
    } finally {
      await store.close();
    }
    const url = new URL(redisUrl);
    url.username = 'nobody';
    url.password = 'wrong-pass-123';
    const error = await configError(url.toString());
    expect(error.message).not.toContain('wrong-pass-123');
  });
});
