/**
 * SQLite store: comments are keyv values in @keyv/sqlite's table; side tables (sqlite-schema.ts) in the
 * same file index them. Every write is one `BEGIN IMMEDIATE` transaction holding the value, its index
 * row and the counters, so:
 * - two processes on the same file serialize on SQLite's write lock (a number is MAX + 1 taken inside
 *   that lock, in the same statement that inserts the index row — or, for several new top-level
 *   comments committed together, counted on from one MAX read inside it: never a duplicate);
 * - a crash (kill -9) rolls the whole transaction back: no index row without its value, no lost counter.
 * The adapter has a single connection, so statements of concurrent calls would interleave inside each
 * other's transactions; one mutex per store serializes whole transactions, reads included (a read must
 * not see another call's uncommitted writes). Concurrent writes share a transaction (group commit).
 */

import { randomUUID } from 'node:crypto';
import KeyvSqlite from '@keyv/sqlite';
import { Mutex } from 'async-mutex';
import type { Keyv } from 'keyv';
import { MutatingCommentStore } from './base-store.js';
import { type Cooldowns, type CooldownTake, type SharesCooldowns, waitSeconds } from './cooldown.js';
import type { AnchorKey, Comment, NewComment } from './domain.js';
import {
  asStoreError,
  CommentNotFoundError,
  LegacyArticleUnknownError,
  type MigrationReport,
  SchemaVersionError,
  StoreUnavailableError,
} from './errors.js';
import { CommentKeys } from './keys.js';
import {
  assertArticle,
  assertGuild,
  createComment,
  exportWindow,
  FETCH_BATCH,
  isCommentNumber,
  isListed,
  isVisible,
  normalisePage,
  type Plan,
  rootOf,
  shownReplyCounts,
  threadOf,
  withReply,
} from './model.js';
import { MIGRATE_1_TO_2_COPY, MIGRATE_1_TO_2_PREPARE, SCHEMA, SCHEMA_VERSION } from './sqlite-schema.js';
import type { CommentStore, ListPage, ListQuery } from './store.js';
import { createCommentKeyv, errorSummary, readValues, type StoreLogger } from './values.js';

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  keyPrefix?: string;
  /**
   * The article comments from before comments had articles (schema v1) discussed; opening such a file
   * without one throws LegacyArticleUnknownError. See MIGRATE_1_TO_2_*.
   */
  legacyArticle?: string | undefined;
  /** FULL (default) survives power loss; NORMAL survives process crashes only and is faster. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * The longest a write waits for the database write lock, counted from when it was queued (time
   * behind this process's own writes included): past it the write fails, unapplied, with
   * StoreUnavailableError. Never retried one write at a time after that.
   */
  busyTimeoutMs?: number;
  logger?: StoreLogger;
}

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;
/** @keyv/sqlite's table (its default name): comment values and per-server records. */
const KEYV_TABLE = 'keyv';
/** Most writes committed together. */
const MAX_GROUP_COMMIT = 256;

interface WriteJob {
  action: string;
  /** Date.now() after which the job is given up unapplied if it has not started. */
  deadline: number;
  fn: () => Promise<unknown>;
  /**
   * Touches no row another job of the batch may touch (a new top-level comment: a fresh number, a fresh
   * key): may run alongside other such jobs.
   */
  independent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(job: WriteJob, outcome: Outcome | undefined): void {
  if (outcome?.ok) job.resolve(outcome.value);
  else job.reject(asStoreError(outcome?.error, job.action));
}

const isBusy = (error: unknown) => /SQLITE_BUSY|database is locked/i.test(String(error));

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  return 0;
}

export class SqliteCommentStore extends MutatingCommentStore implements CommentStore, SharesCooldowns {
  private readonly keyv: Keyv<Comment>;
  protected readonly keys: CommentKeys;
  private readonly lock = new Mutex();
  private readonly pending: WriteJob[] = [];
  private draining: Promise<void> | undefined;
  /** During a run of independent writes: per server, the next comment number, counted from one MAX. */
  private runNumbers: Map<string, Promise<() => number>> | undefined;
  private closed = false;
  private readonly busyTimeoutMs: number;
  /** The connection's current busy_timeout, when lowered for a transaction whose jobs have waited. */
  private busyNow: number;
  /** What opening this file migrated (schema v1 → v2), if anything. */
  migration: MigrationReport = { servers: 0, comments: 0 };

  private constructor(
    private readonly adapter: KeyvSqlite,
    options: SqliteStoreOptions,
  ) {
    super();
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.busyNow = this.busyTimeoutMs;
    this.keyv = createCommentKeyv(adapter, options.logger);
    this.keys = new CommentKeys(options.keyPrefix);
  }

  /** Opens (creating if needed) the database file; `file` may be `:memory:`. */
  static async open(file: string, options: SqliteStoreOptions = {}): Promise<SqliteCommentStore> {
    const adapter = new KeyvSqlite({
      uri: `sqlite://${file}`,
      busyTimeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
    // The adapter reports connection failures as events too; the awaited query below carries them.
    adapter.on('error', (error: unknown) =>
      options.logger?.debug({ err: errorSummary(error) }, 'sqlite adapter error'),
    );
    return SqliteCommentStore.fromAdapter(adapter, options);
  }

  /** Wraps an adapter the caller made (tests use this to inject failures). */
  static async fromAdapter(
    adapter: KeyvSqlite,
    options: SqliteStoreOptions = {},
  ): Promise<SqliteCommentStore> {
    const store = new SqliteCommentStore(adapter, options);
    try {
      await store.init(options.synchronous ?? 'FULL', options.legacyArticle);
    } catch (error) {
      await adapter.close().catch(() => {});
      throw asStoreError(error, 'open the SQLite database');
    }
    return store;
  }

  private async init(synchronous: 'FULL' | 'NORMAL', legacyArticle: string | undefined): Promise<void> {
    // Switching to WAL needs a moment without other writers; another process may be starting too.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.rows('PRAGMA journal_mode = WAL');
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('SQLITE_BUSY')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
    await this.rows(`PRAGMA synchronous = ${synchronous}`);
    // One process creates the schema; one that starts at the same moment waits, then finds it there.
    await this.begin('BEGIN IMMEDIATE');
    try {
      const [row] = await this.rows('PRAGMA user_version');
      const version = toNumber(row?.user_version);
      const [tables] = await this.rows(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'parley_comments'",
      );
      if (version === 0 && toNumber(tables?.n) > 0) {
        throw new SchemaVersionError(
          'the comment tables come from an unversioned development build; move the file away',
        );
      }
      if (version > SCHEMA_VERSION) {
        throw new SchemaVersionError(
          `the database has schema v${version}, newer than this build's v${SCHEMA_VERSION}`,
        );
      }
      const migrating = version === 1;
      if (migrating) await this.prepareMigration(legacyArticle);
      for (const statement of SCHEMA) await this.rows(statement);
      if (migrating) await this.migrate(legacyArticle ?? '');
      if (version === 1 || version === 2) await this.recountReplies();
      await this.rows(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      await this.rows('COMMIT');
    } catch (error) {
      await this.rows('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /** Schema v1 → v2, inside init's transaction: refuses before changing anything if it cannot attribute. */
  private async prepareMigration(legacyArticle: string | undefined): Promise<void> {
    const [count] = await this.rows('SELECT count(*) AS n FROM parley_comments');
    if (toNumber(count?.n) > 0 && legacyArticle === undefined) throw new LegacyArticleUnknownError();
    for (const statement of MIGRATE_1_TO_2_PREPARE) await this.rows(statement);
  }

  /**
   * Copies the v1 rows back with their article, writes the article into every stored comment, and
   * brings each row's listing state in line with its comment (model.ts decides what is listed now).
   */
  private async migrate(article: string): Promise<void> {
    for (const statement of MIGRATE_1_TO_2_COPY) {
      await (statement.includes('?1') ? this.rows(statement, article) : this.rows(statement));
    }
    const rows = await this.rows('SELECT guild, number, listed, visible FROM parley_comments');
    for (let i = 0; i < rows.length; i += FETCH_BATCH) {
      const batch = rows.slice(i, i + FETCH_BATCH);
      const keys = batch.map((r) => this.key(String(r.guild), toNumber(r.number)));
      await this.rows(
        `UPDATE ${KEYV_TABLE} SET value = json_set(value, '$.value.articleId', ?) WHERE key IN (SELECT value FROM json_each(?))`,
        article,
        JSON.stringify(keys),
      );
      const comments = await readValues(this.keyv, keys);
      for (const c of comments) {
        const row = batch.find((r) => String(r.guild) === c.guildId && toNumber(r.number) === c.number);
        const listed = Number(isListed(c));
        const visible = Number(isVisible(c));
        if (row && (toNumber(row.listed) !== listed || toNumber(row.visible) !== visible)) {
          await this.rows(
            'UPDATE parley_comments SET listed = ?, visible = ? WHERE guild = ? AND number = ?',
            listed,
            visible,
            c.guildId,
            c.number,
          );
        }
      }
    }
    const servers = new Set(rows.map((r) => String(r.guild)));
    this.migration = { servers: servers.size, comments: rows.length };
  }

  /**
   * Schema v2 → v3, inside init's transaction (no other writer): reply counts written before counted
   * deleted replies too; each server's are recounted (model.ts shownReplyCounts) and the comments whose
   * count changes are rewritten, with their listing state.
   */
  private async recountReplies(): Promise<void> {
    const servers = await this.rows('SELECT DISTINCT guild FROM parley_comments');
    for (const server of servers) {
      const guildId = String(server.guild);
      const numbers = await this.rows('SELECT number FROM parley_comments WHERE guild = ?', guildId);
      const tree: Pick<Comment, 'number' | 'parent' | 'deleted' | 'replyCount'>[] = [];
      for (let i = 0; i < numbers.length; i += FETCH_BATCH) {
        for (const c of await this.values(guildId, numbers.slice(i, i + FETCH_BATCH))) {
          tree.push({ number: c.number, parent: c.parent, deleted: c.deleted, replyCount: c.replyCount });
        }
      }
      const counts = shownReplyCounts(tree);
      for (const { number, replyCount } of tree) {
        const count = counts.get(number) ?? 0;
        const current = count === replyCount ? undefined : await this.fetch(guildId, number);
        if (current) await this.persist(guildId, { ...current, replyCount: count });
      }
    }
  }

  private async rows(sql: string, ...params: unknown[]): Promise<Row[]> {
    const result: unknown = await this.adapter.query(sql, ...params);
    return Array.isArray(result) ? (result as Row[]) : [];
  }

  /** Runs a read as one transaction (a consistent snapshot), alone on the connection. */
  private read<T>(action: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('Comment store is closed'));
    return this.lock.runExclusive(async () => {
      try {
        await this.begin('BEGIN');
        try {
          const result = await fn();
          await this.rows('COMMIT');
          return result;
        } catch (error) {
          await this.rows('ROLLBACK').catch(() => {});
          throw error;
        }
      } catch (error) {
        throw asStoreError(error, action);
      }
    });
  }

  /**
   * A read that is a single statement: SQLite runs every statement in its own implicit read
   * transaction, so it needs no BEGIN/COMMIT round trips around it (the lock still keeps it out of
   * another call's open write transaction).
   */
  private readStatement<T>(action: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('Comment store is closed'));
    return this.lock.runExclusive(async () => {
      try {
        return await fn();
      } catch (error) {
        throw asStoreError(error, action);
      }
    });
  }

  /**
   * Queues a write. Writes waiting together share one `BEGIN IMMEDIATE` transaction (group commit: one
   * fsync and far fewer round trips for many comments). IMMEDIATE takes the database write lock up
   * front, so a read-modify-write inside cannot race another process. A write's promise settles only
   * after COMMIT.
   */
  private write<T>(action: string, fn: () => Promise<T>, independent = false): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('Comment store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        action,
        deadline: Date.now() + this.busyTimeoutMs,
        fn,
        independent,
        resolve: (value) => resolve(value as T),
        reject,
      });
      this.startDrain();
    });
  }

  private startDrain(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // A write queued after drain() last found the queue empty, but before this ran, would otherwise
      // wait for some later write to start the next drain.
      if (this.pending.length > 0) this.startDrain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_GROUP_COMMIT);
      await this.lock.runExclusive(() => this.commit(batch));
    }
  }

  /**
   * Commits a batch; if the shared transaction fails, rolls it all back and retries each write alone,
   * so a failing write fails by itself. (CommentNotFoundError is thrown before a write changes
   * anything, so it fails just that write without undoing the others.)
   */
  private async commit(queued: WriteJob[]): Promise<void> {
    const now = Date.now();
    const batch: WriteJob[] = [];
    for (const job of queued) {
      if (job.deadline > now) batch.push(job);
      else
        job.reject(
          new StoreUnavailableError(`Comment store failed to ${job.action}: the database stayed locked`),
        );
    }
    if (batch.length === 0) return;
    try {
      const outcomes = await this.transaction(batch);
      batch.forEach((job, i) => {
        settle(job, outcomes[i]);
      });
      return;
    } catch (error) {
      // A lock held elsewhere fails the whole batch: retrying each write would wait as long again.
      if (batch.length === 1 || isBusy(error)) {
        for (const job of batch) job.reject(asStoreError(error, job.action));
        return;
      }
    }
    for (const job of batch) {
      try {
        const [outcome] = await this.transaction([job]);
        settle(job, outcome);
      } catch (error) {
        job.reject(asStoreError(error, job.action));
      }
    }
  }

  /**
   * Runs the jobs in one transaction, in order; a run of consecutive independent jobs goes together, so
   * their statements queue up on the connection back to back instead of each waiting for the previous
   * one's answer (with 100 comments in flight that is most of the cost of a batch).
   */
  private async transaction(jobs: WriteJob[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const settle = (result: PromiseSettledResult<unknown>) => {
      if (result.status === 'fulfilled') outcomes.push({ ok: true, value: result.value });
      else if (result.reason instanceof CommentNotFoundError)
        outcomes.push({ ok: false, error: result.reason });
      else throw result.reason;
    };
    await this.waitForLockUntil(Math.min(...jobs.map((job) => job.deadline)));
    await this.begin('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < jobs.length; ) {
        let end = i + 1;
        while (jobs[i]?.independent && jobs[end]?.independent) end++;
        // allSettled: every statement has finished before a failure rolls the transaction back.
        this.runNumbers = end - i > 1 ? new Map() : undefined;
        const results = await Promise.allSettled(jobs.slice(i, end).map((job) => job.fn()));
        this.runNumbers = undefined;
        results.forEach(settle);
        i = end;
      }
      await this.rows('COMMIT');
      return outcomes;
    } catch (error) {
      await this.rows('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /**
   * Bounds BEGIN IMMEDIATE's wait for the write lock by the earliest job's deadline. Only set when a
   * job has already waited: the usual write keeps the connection's default and costs no statement.
   */
  private async waitForLockUntil(deadline: number): Promise<void> {
    const ms = Math.max(1, Math.min(this.busyTimeoutMs, deadline - Date.now()));
    const wanted = ms >= this.busyTimeoutMs - 50 ? this.busyTimeoutMs : ms;
    if (wanted === this.busyNow) return;
    await this.rows(`PRAGMA busy_timeout = ${Math.floor(wanted)}`);
    this.busyNow = wanted;
  }

  private async begin(statement: string): Promise<void> {
    try {
      await this.rows(statement);
    } catch (error) {
      // A ROLLBACK that failed earlier would leave a transaction open for ever; close it and retry once.
      if (!String(error).includes('within a transaction')) throw error;
      await this.rows('ROLLBACK');
      await this.rows(statement);
    }
  }

  /**
   * Inside a run of independent adds, the next number of a server: one MAX per server and run, then
   * counted here (the transaction holds the write lock, so nobody else can take one meanwhile).
   * Outside a run, undefined: the INSERT takes MAX + 1 itself.
   */
  private async runNumber(guildId: string): Promise<number | undefined> {
    const run = this.runNumbers;
    if (!run) return undefined;
    let next = run.get(guildId);
    if (!next) {
      next = this.rows(
        'SELECT COALESCE(MAX(number), 0) AS n FROM parley_comments WHERE guild = ?',
        guildId,
      ).then(([row]) => {
        let last = toNumber(row?.n);
        return () => ++last;
      });
      run.set(guildId, next);
    }
    return (await next)();
  }

  private key(guildId: string, number: number): string {
    return this.keys.comment(guildId, number);
  }

  private async fetch(guildId: string, number: number): Promise<Comment | undefined> {
    if (!isCommentNumber(number)) return undefined;
    return this.keyv.get<Comment>(this.key(guildId, number));
  }

  private async values(guildId: string, rows: Row[]): Promise<Comment[]> {
    return readValues(
      this.keyv,
      rows.map((r) => this.key(guildId, toNumber(r.number))),
    );
  }

  add(guildId: string, draft: NewComment): Promise<Comment> {
    assertGuild(guildId);
    assertArticle(draft.articleId);
    return this.write(
      'add a comment',
      async () => {
        let parent: Comment | undefined;
        if (draft.parent !== null) {
          parent = await this.fetch(guildId, draft.parent);
          if (!parent || parent.deleted) throw new CommentNotFoundError(draft.parent);
        }
        const counted = parent ? undefined : await this.runNumber(guildId);
        if (counted !== undefined) {
          // Numbered already: the index row and the value go out together (both settle before returning,
          // so a failure cannot leave a statement running past the ROLLBACK).
          const comment = createComment(guildId, counted, draft);
          const written = await Promise.allSettled([
            this.rows(
              `INSERT INTO parley_comments (guild, number, article, root, anchor, listed, visible, deleted, score)
               VALUES (?, ?, ?, NULL, ?, 1, 1, 0, 0)`,
              guildId,
              counted,
              comment.articleId,
              draft.anchor,
            ),
            this.keyv.set(this.key(guildId, counted), comment),
          ]);
          for (const result of written) if (result.status === 'rejected') throw result.reason;
          return comment;
        }
        // Allocation and index entry in one statement; inside the write lock, so MAX + 1 is never taken twice
        // (index rows are never deleted, so a number is never reused).
        const [row] = await this.rows(
          `INSERT INTO parley_comments (guild, number, article, root, anchor, listed, visible, deleted, score)
         SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, 1, 0, 0 FROM parley_comments WHERE guild = ?
         RETURNING number`,
          guildId,
          parent ? parent.articleId : draft.articleId,
          parent ? rootOf(parent) : null,
          parent ? parent.anchor : draft.anchor,
          parent ? 0 : 1,
          guildId,
        );
        const number = toNumber(row?.number);
        if (!isCommentNumber(number)) throw new StoreUnavailableError('Could not allocate a comment number');
        const comment = createComment(guildId, number, draft, parent);
        await this.keyv.set(this.key(guildId, number), comment);
        if (parent) await this.keyv.set(this.key(guildId, parent.number), withReply(parent));
        return comment;
      },
      // A top-level comment touches only its own new rows; a reply also rewrites its parent.
      draft.parent === null,
    );
  }

  protected override change<R>(guildId: string, number: number, plan: Plan<R>): Promise<R> {
    assertGuild(guildId);
    return this.write('update a comment', async () => {
      const current = await this.fetch(guildId, number);
      if (!current) throw new CommentNotFoundError(number);
      const { changes, result } = await plan(current, (n) => this.fetch(guildId, n));
      for (const { after } of changes) await this.persist(guildId, after);
      return result;
    });
  }

  /** Writes a changed comment and its index row (inside a write transaction). */
  private async persist(guildId: string, next: Comment): Promise<void> {
    await this.keyv.set(this.key(guildId, next.number), next);
    await this.rows(
      'UPDATE parley_comments SET listed = ?, visible = ?, deleted = ?, score = ? WHERE guild = ? AND number = ?',
      Number(isListed(next)),
      Number(isVisible(next)),
      Number(next.deleted),
      next.votes.length,
      guildId,
      next.number,
    );
  }

  /** Records live in keyv's table next to the comments, as plain JSON (not keyv-serialized). */
  protected override readRecord(guildId: string, key: string): Promise<string | undefined> {
    assertGuild(guildId);
    return this.readStatement('read moderation settings', async () => {
      const [row] = await this.rows(`SELECT value FROM ${KEYV_TABLE} WHERE key = ?`, key);
      return typeof row?.value === 'string' ? row.value : undefined;
    });
  }

  protected override updateRecord(
    guildId: string,
    key: string,
    change: (current: string | undefined) => string,
  ): Promise<string> {
    assertGuild(guildId);
    return this.write('save moderation settings', async () => {
      const [row] = await this.rows(`SELECT value FROM ${KEYV_TABLE} WHERE key = ?`, key);
      const next = change(typeof row?.value === 'string' ? row.value : undefined);
      await this.rows(
        `INSERT INTO ${KEYV_TABLE} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        key,
        next,
      );
      return next;
    });
  }

  /**
   * The comment cooldown in this file, so processes sharing it (a restart's overlap, several bots on
   * one machine) share the wait: a row per server and member in keyv's table (plain JSON: the claim's
   * token and when it ends, on `now`, the machine's clock). Checking and claiming happen in one write
   * transaction, under the database's write lock. An ended row stays until the member's next claim
   * overwrites it or the server is purged.
   */
  sharedCooldowns(now: () => number): Cooldowns {
    return {
      take: (g, user, seconds) => this.takeCooldown(g, user, seconds, now()),
      remaining: (g, user) => {
        assertGuild(g);
        return this.readStatement('read the comment cooldown', async () => {
          const until = await this.cooldownUntil(this.keys.cooldown(g, user));
          const at = now();
          return until > at ? waitSeconds(until - at) : 0;
        });
      },
      release: async (g, user, token) => {
        assertGuild(g);
        if (token === '') return;
        await this.write('give back the comment cooldown', () =>
          this.rows(
            `DELETE FROM ${KEYV_TABLE} WHERE key = ? AND json_extract(value, '$.token') = ?`,
            this.keys.cooldown(g, user),
            token,
          ),
        );
      },
    };
  }

  private async takeCooldown(
    guildId: string,
    userId: string,
    seconds: number,
    at: number,
  ): Promise<CooldownTake> {
    assertGuild(guildId);
    const ms = Math.floor(seconds * 1000);
    if (!(ms > 0)) return { claimed: true, token: '' };
    const key = this.keys.cooldown(guildId, userId);
    return this.write('claim the comment cooldown', async () => {
      const until = await this.cooldownUntil(key);
      if (until > at) return { claimed: false, wait: waitSeconds(until - at) };
      const token = randomUUID();
      await this.rows(
        `INSERT INTO ${KEYV_TABLE} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        key,
        JSON.stringify({ token, until: at + ms }),
      );
      return { claimed: true, token };
    });
  }

  /** When the cooldown row `key` ends (0: no row). */
  private async cooldownUntil(key: string): Promise<number> {
    const [row] = await this.rows(
      `SELECT json_extract(value, '$.until') AS until FROM ${KEYV_TABLE} WHERE key = ?`,
      key,
    );
    return toNumber(row?.until);
  }

  purge(guildId: string): Promise<void> {
    assertGuild(guildId);
    const prefix = this.keys.guildPrefix(guildId);
    return this.write('purge comments', async () => {
      await this.rows(`DELETE FROM ${KEYV_TABLE} WHERE substr(key, 1, ?) = ?`, prefix.length, prefix);
      for (const table of ['parley_comments', 'parley_anchors', 'parley_articles', 'parley_current']) {
        await this.rows(`DELETE FROM ${table} WHERE guild = ?`, guildId);
      }
    });
  }

  get(guildId: string, number: number): Promise<Comment | undefined> {
    assertGuild(guildId);
    return this.readStatement('read a comment', () => this.fetch(guildId, number));
  }

  list(guildId: string, query: ListQuery): Promise<ListPage> {
    assertGuild(guildId);
    const { offset, limit } = normalisePage(query);
    const order = { newest: 'number DESC', oldest: 'number ASC', top: 'score DESC, number DESC' }[query.sort];
    return this.read('list comments', async () => {
      const byAnchor = query.anchor !== undefined;
      const filter = byAnchor ? 'guild = ? AND article = ? AND anchor = ?' : 'guild = ? AND article = ?';
      const params: unknown[] = byAnchor ? [guildId, query.article, query.anchor] : [guildId, query.article];
      const [count] = await this.rows(
        `SELECT listed FROM ${byAnchor ? 'parley_anchors' : 'parley_articles'} WHERE ${filter}`,
        ...params,
      );
      const total = toNumber(count?.listed);
      if (total === 0 || limit === 0) return { items: [], total };
      const numbers = await this.rows(
        `SELECT number FROM parley_comments WHERE ${filter} AND listed = 1 ORDER BY ${order} LIMIT ? OFFSET ?`,
        ...params,
        limit,
        offset,
      );
      return { items: await this.values(guildId, numbers), total };
    });
  }

  thread(guildId: string, root: number): Promise<Comment[]> {
    assertGuild(guildId);
    return this.read('read a thread', async () => {
      const head = await this.fetch(guildId, root);
      if (!head) return [];
      const numbers = await this.rows(
        'SELECT number FROM parley_comments WHERE guild = ? AND root = ? AND number > ? ORDER BY number',
        guildId,
        rootOf(head),
        root,
      );
      return threadOf(head, await this.values(guildId, numbers));
    });
  }

  countByAnchor(guildId: string, article: string, anchors: AnchorKey[]): Promise<Map<AnchorKey, number>> {
    assertGuild(guildId);
    return this.readStatement('count comments', async () => {
      const counts = new Map<AnchorKey, number>(anchors.map((a) => [a, 0]));
      if (anchors.length === 0) return counts;
      const rows = await this.rows(
        'SELECT anchor, visible FROM parley_anchors WHERE guild = ? AND article = ? AND anchor IN (SELECT value FROM json_each(?))',
        guildId,
        article,
        JSON.stringify(anchors),
      );
      for (const row of rows) {
        if (typeof row.anchor === 'string') counts.set(row.anchor, toNumber(row.visible));
      }
      return counts;
    });
  }

  countByArticle(guildId: string): Promise<Map<string, number>> {
    assertGuild(guildId);
    return this.readStatement('count comments', async () => {
      const rows = await this.rows(
        'SELECT article, visible FROM parley_articles WHERE guild = ? AND visible > 0',
        guildId,
      );
      return new Map(rows.map((r) => [String(r.article), toNumber(r.visible)]));
    });
  }

  recent(guildId: string, limit: number, article?: string): Promise<Comment[]> {
    assertGuild(guildId);
    const { limit: n } = normalisePage({ offset: 0, limit });
    return this.read('read recent comments', async () => {
      const numbers =
        article === undefined
          ? await this.rows(
              'SELECT number FROM parley_comments WHERE guild = ? AND deleted = 0 ORDER BY number DESC LIMIT ?',
              guildId,
              n,
            )
          : await this.rows(
              'SELECT number FROM parley_comments WHERE guild = ? AND article = ? AND deleted = 0 ORDER BY number DESC LIMIT ?',
              guildId,
              article,
              n,
            );
      return this.values(guildId, numbers);
    });
  }

  currentArticle(guildId: string): Promise<string | undefined> {
    assertGuild(guildId);
    return this.readStatement('read the current article', async () => {
      const [row] = await this.rows('SELECT article FROM parley_current WHERE guild = ?', guildId);
      return typeof row?.article === 'string' ? row.article : undefined;
    });
  }

  setCurrentArticle(guildId: string, articleId: string): Promise<void> {
    assertGuild(guildId);
    assertArticle(articleId);
    return this.write('choose the current article', async () => {
      await this.rows(
        'INSERT INTO parley_current (guild, article) VALUES (?, ?) ON CONFLICT (guild) DO UPDATE SET article = excluded.article',
        guildId,
        articleId,
      );
    });
  }

  exportBatch(guildId: string, after: number, limit: number): Promise<Comment[]> {
    assertGuild(guildId);
    const { start, size } = exportWindow(after, limit);
    return this.read('export comments', async () => {
      if (size === 0) return [];
      const numbers = await this.rows(
        'SELECT number FROM parley_comments WHERE guild = ? AND number >= ? ORDER BY number LIMIT ?',
        guildId,
        start,
        size,
      );
      return this.values(guildId, numbers);
    });
  }

  async ping(): Promise<void> {
    await this.readStatement('reach the SQLite database', () => this.rows('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let queued writes commit and in-flight reads finish first.
    while (this.draining) await this.draining;
    await this.lock.runExclusive(() => this.adapter.close());
  }
}
