/**
 * "Which process handles this interaction?" During a rolling deploy, or when the bot is started
 * twice, two gateway connections receive every interaction. Before any side effect the router
 * claims the interaction id in the shared store — one atomic insert that only one process can win
 * — and the loser stays silent. In-process duplicates (a RESUME replay) are filtered by the router.
 */
import type { RedisClientType } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import type { Logger } from '../logger.js';
import { fromProjectRoot } from '../paths.js';
import { CommentKeys } from './keys.js';

/** An interaction token lives 15 minutes: no copy of it can arrive later than that. */
export const CLAIM_TTL_MS = 15 * 60_000;

export interface InteractionClaims {
  /** True for exactly one caller per interaction id, across every process sharing the store. */
  claim(interactionId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** One process (memory://): nobody else to race. */
export class MemoryClaims implements InteractionClaims {
  readonly #claimed = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async claim(interactionId: string): Promise<boolean> {
    const at = this.now();
    for (const [id, when] of this.#claimed) {
      if (at - when < CLAIM_TTL_MS) break;
      this.#claimed.delete(id);
    }
    if (this.#claimed.has(interactionId)) return false;
    this.#claimed.set(interactionId, at);
    return true;
  }

  async close(): Promise<void> {}
}

/**
 * SQLite: a row per interaction under a primary key; the insert that conflicts lost. Claims go out
 * one statement at a time, each taking every claim queued meanwhile: a statement waiting for the
 * write lock holds one of libuv's four threads, and many of them at once would starve the comment
 * store's own queries of threads to finish with.
 */
export class SqliteClaims implements InteractionClaims {
  #statements = 0;
  #queue: { id: string; resolve: (won: boolean) => void; reject: (error: unknown) => void }[] = [];
  #running = false;
  private constructor(
    private readonly adapter: KeyvSqlite,
    private readonly now: () => number,
  ) {}

  static async open(file: string, now: () => number = Date.now): Promise<SqliteClaims> {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
    adapter.on('error', () => {});
    // A claim only matters while the processes racing for it run: no fsync per claim.
    await adapter.query('PRAGMA synchronous = NORMAL');
    await adapter.query(
      'CREATE TABLE IF NOT EXISTS parley_claims (id TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID',
    );
    return new SqliteClaims(adapter, now);
  }

  claim(interactionId: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: interactionId, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      try {
        const won = await this.#insert([...new Set(batch.map((c) => c.id))]);
        for (const c of batch) {
          // The same id twice in one batch: the first caller has it.
          c.resolve(won.delete(c.id));
        }
      } catch (error) {
        for (const c of batch) c.reject(error);
      }
    }
    this.#running = false;
  }

  /** The ids this statement inserted (the others were claimed before). */
  async #insert(ids: string[]): Promise<Set<string>> {
    const at = this.now();
    // Old claims go now and then.
    if (++this.#statements % 500 === 0)
      await this.adapter.query('DELETE FROM parley_claims WHERE at < ?', at - CLAIM_TTL_MS);
    const rows: unknown = await this.adapter.query(
      `INSERT INTO parley_claims (id, at) VALUES ${ids.map(() => '(?, ?)').join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      ...ids.flatMap((id) => [id, at]),
    );
    const won = new Set<string>();
    if (Array.isArray(rows)) for (const row of rows) won.add(String((row as { id: unknown }).id));
    return won;
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}

/** Claims per statement (two bound values each, well under SQLite's limit of 32766). */
const MAX_BATCH = 200;

/** Redis: SET NX with the token's lifetime as TTL. */
export class RedisClaims implements InteractionClaims {
  private readonly keys: CommentKeys;
  constructor(
    private readonly client: RedisClientType,
    keyPrefix?: string,
  ) {
    this.keys = new CommentKeys(keyPrefix);
  }

  async claim(interactionId: string): Promise<boolean> {
    const set = await this.client.set(this.keys.interactionClaim(interactionId), '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: CLAIM_TTL_MS },
    });
    return set === 'OK';
  }

  async close(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
  }
}

export interface ClaimsOptions {
  logger?: Logger;
  keyPrefix?: string;
  now?: () => number;
}

/** The claims for DATABASE_URL, on their own connection to the same store (opened after it). */
export async function createInteractionClaims(
  databaseUrl: string,
  opts: ClaimsOptions = {},
): Promise<InteractionClaims> {
  const scheme = /^([a-z]+):\/\//i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const path = databaseUrl.slice('sqlite://'.length);
    if (path === ':memory:') return new MemoryClaims(opts.now);
    return SqliteClaims.open(fromProjectRoot(path), opts.now);
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { createClient } = await import('@keyv/redis');
    const client: RedisClientType = createClient({
      url: databaseUrl,
      disableOfflineQueue: true,
      socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
    });
    let failing = false;
    client.on('error', () => {
      if (!failing) opts.logger?.warn('interaction claims: redis connection error');
      failing = true;
    });
    client.on('ready', () => {
      failing = false;
    });
    await client.connect();
    return new RedisClaims(client, opts.keyPrefix);
  }
  return new MemoryClaims(opts.now);
}
