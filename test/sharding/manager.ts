/**
 * Runs the compiled `dist/src/shard.js` (the real ShardingManager, as `npm run start:sharded` does;
 * its shards run dist/src/index.js) and reads its logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../src/paths.js';
import { compiled } from '../helpers/compiled.js';
import { RELAXED_TIMEOUT_ENV } from '../helpers/harness.js';

/** One pino line from the manager (`role: 'shard-manager'`) or a shard process (`shard: n`). */
export interface LogLine {
  level: number;
  msg: string;
  role?: string;
  shard?: number;
  [key: string]: unknown;
}

export interface ManagerProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Everything the processes wrote that was not a JSON log line (errors, stack traces). */
  text(): string;
  /** Resolves with the first (already logged or future) line that matches. */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs: number): Promise<LogLine>;
  /** Once the manager exited and every process writing to its output (the shards) too. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A signal to the manager only, as a supervisor sends it. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to the whole process group: the manager and every shard. */
  kill(): void;
}

/** The configuration variables a run sets; anything else in the environment is left out. */
const CONFIG_VARS = [
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DATABASE_URL',
  'LOG_LEVEL',
  'COMMENT_COOLDOWN_SECONDS',
  'ARTICLES_DIR',
  'DEFAULT_ARTICLE',
  'SHARD_COUNT',
  'SHARD_LIST',
  'SHARDS',
  'SHARDING_MANAGER',
  'SHARDING_MANAGER_MODE',
];

export function startManager(env: Record<string, string>): ManagerProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_VARS.includes(k)));
  const child = spawn(process.execPath, compiled('shard'), {
    cwd: PROJECT_ROOT,
    // Set but empty: a developer's .env (dotenv never overrides) cannot leak into the run.
    // The runs ask about the Taiwan article, which is not the library's newest.
    env: {
      ...base,
      ...Object.fromEntries(CONFIG_VARS.map((k) => [k, ''])),
      DEFAULT_ARTICLE: 'taiwan-talks',
      // Store deadlines a loaded machine cannot reach: these runs are about sharding, not timeouts.
      ...RELAXED_TIMEOUT_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so kill() reaches the shards too.
    detached: true,
  });
  const logs: LogLine[] = [];
  const other: string[] = [];
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) logs.push(parsed as LogLine);
        else other.push(line);
      } catch {
        other.push(line);
      }
      for (const wake of waiters) wake();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  const text = () => other.join('\n');

  return {
    child,
    logs,
    text,
    exited,
    waitForLog(match, what, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          const tail = logs
            .slice(-15)
            .map((l) => JSON.stringify(l))
            .join('\n');
          reject(new Error(`No log line "${what}" after ${timeoutMs} ms. Last lines:\n${tail}\n${text()}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(
            new Error(
              `The manager exited before logging "${what}":\n${logs
                .slice(-15)
                .map((l) => JSON.stringify(l))
                .join('\n')}\n${text()}`,
            ),
          );
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('close', onExit);
        };
        waiters.add(check);
        child.once('close', onExit);
        check();
      });
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    kill() {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}
