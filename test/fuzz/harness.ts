import { Writable } from 'node:stream';
import type {
  EmulatedMessage,
  Emulator,
  EmulatorOptions,
  InteractionResult,
  ManualClock,
  MessageEvent,
} from '@parley/discord-emulator';
import type { Article } from '../../src/article/article.js';
import type { CommentStore } from '../../src/comments/store.js';
import { createLogger } from '../../src/logger.js';
import type { RunningBot } from '../../src/start.js';
import { startHarness } from '../helpers/harness.js';

/** One pino line, parsed. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/**
 * The real bot (startBot: discord.js client, router, every command) against the emulator, like
 * test/helpers/harness.ts, but for the fuzz and security suites: it records every log line (debug
 * and up) and every message event, takes emulator options (extra guilds, a guild the bot never
 * receives), and uses a cooldown of 0 unless told otherwise so thousands of comments can be posted.
 */
export interface FuzzHarness {
  emu: Emulator;
  bot: RunningBot;
  clock: ManualClock;
  article: Article;
  comments: CommentStore;
  logs: LogLine[];
  /** Every message the bot created, edited or deleted, in order. */
  events: MessageEvent[];
  close(): Promise<void>;
}

export interface FuzzHarnessOptions {
  emulator?: EmulatorOptions;
  cooldownSeconds?: number;
  comments?: CommentStore;
  /** How long the responder waits before deferring (0: defer at once, to drive the deferred paths). */
  autoDeferMs?: number;
}

export async function startFuzzHarness(options: FuzzHarnessOptions = {}): Promise<FuzzHarness> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split('\n')) {
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  const harness = await startHarness({
    ...(options.comments ? { comments: options.comments } : {}),
    ...(options.emulator ? { emulator: options.emulator } : {}),
    start: {
      logger: createLogger('debug', sink),
      ...(options.autoDeferMs === undefined ? {} : { autoDeferMs: options.autoDeferMs }),
    },
    cooldownSeconds: options.cooldownSeconds ?? 0,
  });
  const events: MessageEvent[] = [];
  harness.emu.on('message', (event) => events.push(event));
  const closeHarness = harness.close;
  return Object.assign(harness, {
    logs,
    events,
    // The fuzz and security suites hand over their store: it closes with the harness.
    async close() {
      await closeHarness();
      await options.comments?.close();
    },
  });
}

/** Every message an interaction produced: the reply (or updated message) and the follow-ups. */
export function messagesOf(result: InteractionResult): EmulatedMessage[] {
  return [...(result.message ? [result.message] : []), ...result.followUps];
}

/** Log lines at `level` or above, from index `from` on. */
export function logsFrom(h: FuzzHarness, from: number, level: number = LEVEL.error): LogLine[] {
  return h.logs.slice(from).filter((l) => l.level >= level);
}
