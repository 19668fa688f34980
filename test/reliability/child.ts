/**
 * The bot as a child process (node dist/src/index.js, what `npm start` runs and the Dockerfile and
 * systemd unit run directly) against an emulator in the test process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/paths.js';
import { compiled } from '../helpers/compiled.js';
import { RELAXED_TIMEOUT_ENV } from '../helpers/harness.js';
import type { LogEntry } from './support.js';

export interface BotProcess {
  child: ChildProcess;
  /** Parsed JSON log lines from stderr (pino). */
  logs: LogEntry[];
  /** Everything on stderr that is not a log line (fatal start-up messages). */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves with the first log entry with this message (rejects when the process exits first). */
  waitForLog(msg: string, timeoutMs?: number): Promise<LogEntry>;
  /** A signal to the bot's node process, as a supervisor sends it. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to the whole process group (the bot and anything it started). */
  killHard(): void;
}

const running = new Set<BotProcess>();

/** Kills children a failed test left behind. */
export function killAll(): void {
  for (const bot of running) bot.killHard();
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, compiled('index'), {
    cwd: PROJECT_ROOT,
    // Nothing from the developer's environment or .env leaks in: every setting is explicit.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DISCORD_CLIENT_ID: '',
      DISCORD_GUILD_ID: '',
      LOG_LEVEL: 'info',
      COMMENT_COOLDOWN_SECONDS: '0',
      ...RELAXED_TIMEOUT_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so killHard() reaches anything the bot started as well.
    detached: true,
  });
  const logs: LogEntry[] = [];
  let other = '';
  let buffer = '';
  const waiters: { msg: string; resolve: (e: LogEntry) => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      let entry: LogEntry | undefined;
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) entry = parsed as LogEntry;
      } catch {
        // not a log line
      }
      if (!entry) {
        other += `${line}\n`;
        continue;
      }
      logs.push(entry);
      for (const w of waiters.filter((w) => w.msg === entry.msg)) w.resolve(entry);
    }
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const bot: BotProcess = {
    child,
    logs,
    stderr: () => other + buffer,
    exited,
    waitForLog(msg, timeoutMs = 30_000) {
      const found = logs.find((e) => e.msg === msg);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${msg}" log within ${timeoutMs} ms; stderr:\n${bot.stderr()}`)),
          timeoutMs,
        );
        waiters.push({
          msg,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the bot exited before logging "${msg}"; stderr:\n${bot.stderr()}`));
        });
      });
    },
    signal(signal) {
      child.kill(signal);
    },
    killHard() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
  running.add(bot);
  void exited.then(() => running.delete(bot));
  return bot;
}
