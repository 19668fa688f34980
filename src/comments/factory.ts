/** Picks and opens the comment store named by DATABASE_URL, failing at startup rather than later. */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RedisClientType } from '@keyv/redis';
import type { Logger } from '../logger.js';
import { fromProjectRoot } from '../paths.js';
import {
  type MigrationReport,
  SchemaVersionError,
  StoreConfigError,
  StoreUnavailableError,
} from './errors.js';
import { MemoryCommentStore } from './memory-store.js';
import { SqliteCommentStore } from './sqlite-store.js';
import type { CommentStore } from './store.js';

export interface CommentStoreOptions {
  logger?: Logger;
  /** Prefix of every key (Redis, SQLite keyv table); tests use a unique one each. */
  keyPrefix?: string;
  /** SQLite only: see SqliteStoreOptions.synchronous. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** SQLite only: see SqliteStoreOptions.busyTimeoutMs. */
  sqliteBusyTimeoutMs?: number;
  /**
   * The article that comments from before comments had articles discussed: opening a store that
   * holds such comments attributes them to it, once (LegacyArticleUnknownError without one).
   */
  legacyArticle?: string | undefined;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** The URL without credentials, for messages. */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function reason(error: unknown, secret: string): string {
  // Our own wrapper adds nothing here: report the driver's words.
  const root = error instanceof StoreUnavailableError && error.cause instanceof Error ? error.cause : error;
  const text = root instanceof Error ? root.message : String(root);
  return secret ? text.split(secret).join('[redacted]') : text;
}

export async function createCommentStore(
  databaseUrl: string,
  opts: CommentStoreOptions = {},
): Promise<CommentStore> {
  const scheme = /^([a-z]+):\/\//i.exec(databaseUrl)?.[1]?.toLowerCase();
  const prefix = opts.keyPrefix === undefined ? {} : { keyPrefix: opts.keyPrefix };
  switch (scheme) {
    case 'memory':
      return new MemoryCommentStore(prefix);
    case 'sqlite':
      return openSqlite(databaseUrl.slice('sqlite://'.length), opts);
    case 'redis':
    case 'rediss':
      return openRedis(databaseUrl, opts);
    default:
      throw new StoreConfigError(
        `DATABASE_URL: unsupported scheme${scheme ? ` "${scheme}://"` : ''}; expected sqlite://path, redis://host:port or memory://`,
      );
  }
}

/** SQLite and file-system failures at open that no retry fixes (anything else, e.g. SQLITE_BUSY, is retried). */
const PERMANENT_SQLITE_CODES = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'SQLITE_AUTH',
  'EROFS',
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'EISDIR',
]);

/** Whether opening failed for good: a file that is not a database, from a newer Parley, read-only… */
export function isPermanentSqliteError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined && PERMANENT_SQLITE_CODES.has(code)) return true;
    if (e instanceof SchemaVersionError) return true;
  }
  return false;
}

async function openSqlite(path: string, opts: CommentStoreOptions): Promise<CommentStore> {
  if (path.trim() === '')
    throw new StoreConfigError('DATABASE_URL: sqlite:// needs a file path, e.g. sqlite://data/parley.sqlite');
  // Relative paths are the project folder's, whatever the working directory.
  const file = path === ':memory:' ? path : fromProjectRoot(path);
  if (file !== ':memory:') await ensureFolder(dirname(file));
  try {
    const store = await SqliteCommentStore.open(file, {
      ...(opts.keyPrefix === undefined ? {} : { keyPrefix: opts.keyPrefix }),
      ...(opts.sqliteSynchronous === undefined ? {} : { synchronous: opts.sqliteSynchronous }),
      ...(opts.sqliteBusyTimeoutMs === undefined ? {} : { busyTimeoutMs: opts.sqliteBusyTimeoutMs }),
      ...(opts.logger === undefined ? {} : { logger: opts.logger }),
      legacyArticle: opts.legacyArticle,
    });
    logMigration(opts, store.migration);
    opts.logger?.info({ store: 'sqlite', file }, 'comment store ready');
    return store;
  } catch (error) {
    // Ours (a refusal with directions) as is: retrying cannot help.
    if (error instanceof StoreConfigError) throw error;
    throw new StoreConfigError(`DATABASE_URL: cannot open SQLite database ${file}: ${reason(error, '')}`, {
      cause: error,
      permanent: isPermanentSqliteError(error),
    });
  }
}

/**
 * The folder of the SQLite file must exist — a mistyped path must not start an empty database
 * somewhere new — except the default data/ folder, which a fresh clone may not have yet.
 */
async function ensureFolder(folder: string): Promise<void> {
  if (folder === fromProjectRoot('data')) {
    try {
      await mkdir(folder, { recursive: true });
      return;
    } catch (error) {
      throw new StoreConfigError(`DATABASE_URL: cannot create the folder ${folder}: ${reason(error, '')}`, {
        cause: error,
        permanent: isPermanentSqliteError(error),
      });
    }
  }
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory())
    throw new StoreConfigError(
      `DATABASE_URL: expected the SQLite file in an existing folder; got ${folder}, which ${found ? 'is not a folder' : 'does not exist'} (create it, or fix the path)`,
    );
}

async function openRedis(databaseUrl: string, opts: CommentStoreOptions): Promise<CommentStore> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new StoreConfigError('DATABASE_URL: not a valid redis:// URL');
  }
  const where = describe(url);
  const secret = decodeURIComponent(url.password);
  const logger = opts.logger;
  let connected = false;
  let failing = false;
  // Loaded only for Redis: the client library costs ~12 MB of RSS a SQLite deployment never needs.
  const { createClient } = await import('@keyv/redis');
  const { RedisCommentStore } = await import('./redis-store.js');
  const client: RedisClientType = createClient({
    url: databaseUrl,
    // Reject commands while disconnected instead of queueing them: callers get StoreUnavailableError
    // at once rather than a hang.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At startup fail at once (a configuration problem); later keep reconnecting with backoff.
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(100 * 2 ** retries, 5_000) : new Error(reason(cause, secret)),
    },
  });
  client.on('error', (error: unknown) => {
    // Log the first error of a streak, not one per reconnect attempt.
    if (!failing)
      logger?.warn({ store: 'redis', where, err: reason(error, secret) }, 'redis connection error');
    failing = true;
  });
  client.on('ready', () => {
    if (failing) logger?.info({ store: 'redis', where }, 'redis connection restored');
    failing = false;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new StoreConfigError(
      `DATABASE_URL: cannot connect to Redis at ${where}: ${reason(error, secret)}`,
      {
        cause: error,
      },
    );
  }
  connected = true;
  const store = new RedisCommentStore(client, {
    ...(opts.keyPrefix === undefined ? {} : { keyPrefix: opts.keyPrefix }),
    ...(logger === undefined ? {} : { logger }),
  });
  try {
    logMigration(opts, await store.migrate(opts.legacyArticle));
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  logger?.info({ store: 'redis', where }, 'comment store ready');
  return store;
}

function logMigration(opts: CommentStoreOptions, report: MigrationReport): void {
  if (report.comments === 0) return;
  opts.logger?.info(
    { ...report, article: opts.legacyArticle },
    'comments from before articles now belong to the article that was served',
  );
}
