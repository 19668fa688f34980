/**
 * The raw SQLite baseline: the sqlite3 driver directly, one table of (guild, number, JSON value), plain
 * INSERTs. With several callers in flight it commits them together (group commit) — the fastest a
 * hand-written layer with the same per-write durability can be, so the baseline is a strict one.
 */
import sqlite3 from 'sqlite3';

/** SQL and its parameters. */
export type Statement = [sql: string, ...params: unknown[]];

export class RawSqlite {
  readonly #db: sqlite3.Database;
  #queue: { statements: Statement[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  #draining = false;

  private constructor(db: sqlite3.Database) {
    this.#db = db;
  }

  static open(file: string): Promise<RawSqlite> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(new RawSqlite(db))));
    });
  }

  run(sql: string, ...params: unknown[]): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#db.run(sql, params, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  }

  all(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
    return new Promise((resolve, reject) =>
      this.#db.all(sql, params, (error: Error | null, rows: Record<string, unknown>[]) =>
        error ? reject(error) : resolve(rows),
      ),
    );
  }

  /** Queues a write; writes queued while a transaction commits share the next one. */
  grouped(sql: string, ...params: unknown[]): Promise<void> {
    return this.groupedAll([[sql, ...params]]);
  }

  /** Queues a write of several statements (acknowledged together, committed with the others waiting). */
  groupedAll(statements: Statement[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ statements, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        void this.#drain();
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        await this.run('BEGIN IMMEDIATE');
        await Promise.all(
          batch.flatMap((w) => w.statements.map(([sql, ...params]) => this.run(sql, ...params))),
        );
        await this.run('COMMIT');
        for (const w of batch) w.resolve();
      } catch (error) {
        await this.run('ROLLBACK').catch(() => {});
        for (const w of batch) w.reject(error);
      }
    }
    // Cleared in the same synchronous step as the last emptiness check: no write can slip between.
    this.#draining = false;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#db.close((error) => (error ? reject(error) : resolve())));
  }
}

export const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/** `PRAGMA synchronous` answers a number; its name. */
export function synchronousName(value: unknown): string {
  return typeof value === 'number' ? (SYNCHRONOUS_NAMES[value] ?? String(value)) : String(value);
}
