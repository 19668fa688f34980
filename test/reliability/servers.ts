/** Things the store tests break for real: a redis-server that can be killed and restarted, immutable files. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { freePort, redisServerInstalled, spawnRedisServer } from '../setup/redis-server.js';

export interface RestartableRedis {
  url: string;
  /** SIGKILL: no shutdown save; with `appendfsync always` every acknowledged write is on disk. */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory (replaying the append-only file). */
  start(): Promise<void>;
  /** SIGSTOP: the server hangs with its connections open (a stalled host, a long fork). */
  pause(): void;
  /** SIGCONT: it answers everything it received meanwhile. */
  resume(): void;
  /** Kills it and removes its directory. */
  dispose(): Promise<void>;
}

export { freePort, redisServerInstalled as redisInstalled };

export async function restartableRedis(): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-rel-redis-'));
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = await spawnRedisServer(port, dir, [
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
    ]);
  }

  async function kill(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async dispose() {
      // A stopped process still dies of SIGKILL; SIGCONT first so its exit is reported at once.
      child?.kill('SIGCONT');
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `chattr +i`: the kernel refuses writes to the file, through descriptors already open too, even for
 * root (where chmod 444 stops nothing). Needs an ext2/3/4-like filesystem and CAP_LINUX_IMMUTABLE.
 */
export function chattrWorks(dir: string): boolean {
  const probe = join(dir, 'chattr-probe');
  writeFileSync(probe, 'x');
  const set = spawnSync('chattr', ['+i', probe]);
  if (set.status !== 0) {
    rmSync(probe, { force: true });
    return false;
  }
  spawnSync('chattr', ['-i', probe]);
  rmSync(probe, { force: true });
  return true;
}

export function immutable(files: readonly string[], on: boolean): void {
  const result = spawnSync('chattr', [on ? '+i' : '-i', ...files], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`chattr failed: ${result.stderr}`);
}

/** `PRAGMA integrity_check` on a separate connection. */
export async function integrity(file: string): Promise<string> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}` });
  try {
    const rows: unknown = await adapter.query('PRAGMA integrity_check');
    const first = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
    return String(first?.integrity_check ?? JSON.stringify(rows));
  } finally {
    await adapter.close();
  }
}

/**
 * Another process holding the database's write lock (`BEGIN EXCLUSIVE`) until release(): a second
 * deployment, a backup script, an admin's sqlite3 shell.
 */
export async function lockDatabaseFromAnotherProcess(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const sqlite3 = require('sqlite3');
    const db = new sqlite3.Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE', (err) => {
      if (err) { console.error(err.message); process.exit(1); }
      console.log('locked');
    });
    process.stdin.on('end', () => db.exec('ROLLBACK', () => db.close(() => process.exit(0))));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the locking process exited with ${code}`)));
  });
  return {
    async release() {
      child.stdin?.end();
      await exited;
    },
  };
}

/** Another connection holding the database's write lock (`BEGIN EXCLUSIVE`) until release(). */
export async function lockDatabase(file: string): Promise<{ release(): Promise<void> }> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}` });
  await adapter.query('BEGIN EXCLUSIVE');
  return {
    async release() {
      await adapter.query('ROLLBACK');
      await adapter.close();
    },
  };
}
