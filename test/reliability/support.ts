/**
 * Shared pieces of the reliability tests: the real bot (startBot) on the emulator with a hand-driven
 * clock, a log capture, a comment store whose calls the test can hold, delay or fail, and the
 * "nobody saw 'This interaction failed'" check.
 */

import { Writable } from 'node:stream';
import {
  type Emulator,
  type EmulatorOptions,
  errorCode,
  type InteractionResult,
  type ManualClock,
} from '@parley/discord-emulator';
import { expect } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import type { StoreTimeouts } from '../../src/config.js';
import { IdentifyBackoff, type IdentifyBackoffOptions } from '../../src/discord/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { RunningBot, StartOptions } from '../../src/start.js';
import { startHarness } from '../helpers/harness.js';

// ---------------------------------------------------------------------------------------------
// Logs

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

export interface LogCapture {
  logger: Logger;
  entries: LogEntry[];
  /** Messages at `level` or above. */
  messages(level?: keyof typeof LEVEL): string[];
}

export function captureLogs(level: 'debug' | 'info' | 'warn' = 'info'): LogCapture {
  const entries: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) entries.push(JSON.parse(line) as LogEntry);
      }
      callback();
    },
  });
  return {
    logger: createLogger(level, sink),
    entries,
    messages: (min = 'debug') => entries.filter((e) => e.level >= LEVEL[min]).map((e) => e.msg),
  };
}

// ---------------------------------------------------------------------------------------------
// A comment store the test controls

type Method = Exclude<keyof CommentStore, 'close' | 'exportAll'>;
const WRITES: readonly Method[] = ['add', 'edit', 'remove', 'toggleVote', 'flag', 'restore'];
const READS: readonly Method[] = ['get', 'list', 'thread', 'countByAnchor', 'recent', 'exportBatch', 'ping'];

export interface StoreValve {
  /** Calls of these methods wait until release() (default: every method). */
  hold(methods?: readonly Method[]): void;
  release(): void;
  /** Resolves with the method's name once a call is being held. */
  held(): Promise<Method>;
  /** Calls of these methods wait this many (real) ms first. */
  delay(ms: number | (() => number), methods?: readonly Method[]): void;
  /** Calls of these methods throw `error` (default: a StoreUnavailableError, as a backend outage). */
  fail(methods: readonly Method[], error?: Error): void;
  /** Back to normal (releases held calls too). */
  heal(): void;
  /** How many calls each method got. */
  calls: Map<Method, number>;
}

export const writes = WRITES;
export const reads = READS;

/** Wraps a store: every call passes the valve first. */
export function controllable(inner: CommentStore): { store: CommentStore; valve: StoreValve } {
  let holding = new Set<Method>();
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  let heldWaiters: ((m: Method) => void)[] = [];
  let delayed = new Set<Method>();
  let delayMs: () => number = () => 0;
  let failing = new Set<Method>();
  let failure: Error = new StoreUnavailableError('Comment store failed: injected outage');
  const calls = new Map<Method, number>();

  async function pass(method: Method): Promise<void> {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    if (holding.has(method) && gate) {
      for (const w of heldWaiters) w(method);
      heldWaiters = [];
      await gate.promise;
    }
    if (delayed.has(method)) await new Promise((resolve) => setTimeout(resolve, delayMs()));
    if (failing.has(method)) throw failure;
  }
  const via =
    <A extends unknown[], R>(method: Method, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await pass(method);
      return fn(...args);
    };

  const store: CommentStore = {
    add: via('add', (g, d) => inner.add(g, d)),
    get: via('get', (g, n) => inner.get(g, n)),
    edit: via('edit', (g, n, t, at) => inner.edit(g, n, t, at)),
    remove: via('remove', (g, n) => inner.remove(g, n)),
    toggleVote: via('toggleVote', (g, n, u) => inner.toggleVote(g, n, u)),
    flag: via('flag', (g, n, u, t) => inner.flag(g, n, u, t)),
    restore: via('restore', (g, n) => inner.restore(g, n)),
    list: via('list', (g, q) => inner.list(g, q)),
    thread: via('thread', (g, r) => inner.thread(g, r)),
    countByAnchor: via('countByAnchor', (g, article, a) => inner.countByAnchor(g, article, a)),
    countByArticle: via('countByArticle', (g) => inner.countByArticle(g)),
    recent: via('recent', (g, l, article) => inner.recent(g, l, article)),
    currentArticle: via('currentArticle', (g) => inner.currentArticle(g)),
    setCurrentArticle: via('setCurrentArticle', (g, a) => inner.setCurrentArticle(g, a)),
    exportAll: (g) => inner.exportAll(g),
    exportBatch: via('exportBatch', (g, after, limit) => inner.exportBatch(g, after, limit)),
    addCard: via('addCard', (g, n, r) => inner.addCard(g, n, r)),
    moderation: via('moderation', (g) => inner.moderation(g)),
    updateModeration: via('updateModeration', (g, c) => inner.updateModeration(g, c)),
    purge: via('purge', (g) => inner.purge(g)),
    ping: via('ping', () => inner.ping()),
    close: () => inner.close(),
  };

  const valve: StoreValve = {
    calls,
    hold(methods = [...WRITES, ...READS]) {
      holding = new Set(methods);
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = undefined;
      holding = new Set();
    },
    held: () => new Promise((resolve) => heldWaiters.push(resolve)),
    delay(ms, methods = [...WRITES, ...READS]) {
      delayed = new Set(methods);
      delayMs = typeof ms === 'number' ? () => ms : ms;
    },
    fail(methods, error) {
      failing = new Set(methods);
      if (error) failure = error;
    },
    heal() {
      valve.release();
      delayed = new Set();
      failing = new Set();
    },
  };
  return { store, valve };
}

// ---------------------------------------------------------------------------------------------
// The real bot on the emulator

export interface Rig {
  emu: Emulator;
  clock: ManualClock;
  bot: RunningBot;
  comments: CommentStore;
  logs: LogCapture;
  identify: IdentifyBackoff;
  /** A user runs a slash command in the main guild. */
  run(
    user: string,
    name: string,
    options?: Record<string, string | number>,
    extra?: { wait?: boolean; timeoutMs?: number },
  ): Promise<InteractionResult>;
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Default: a fresh memory store (closed with the rig). A store passed in is the caller's to close. */
  comments?: CommentStore;
  autoDeferMs?: number;
  identify?: IdentifyBackoffOptions;
  emulator?: EmulatorOptions;
  start?: Partial<StartOptions>;
  /** Share a log capture with something made before the rig (a store's logger). */
  logs?: LogCapture;
  /** Default: the harness's RELAXED_TIMEOUTS. */
  storeTimeouts?: StoreTimeouts;
}

/** Fast IDENTIFY spacing for tests; the schedule still doubles. */
export const TEST_IDENTIFY: IdentifyBackoffOptions = { spacingMs: 0, baseMs: 20, maxMs: 200 };

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const logs = options.logs ?? captureLogs();
  const identify = new IdentifyBackoff({ ...TEST_IDENTIFY, ...options.identify, logger: logs.logger });
  const harness = await startHarness({
    ...(options.comments ? { comments: options.comments } : {}),
    // Generous waits: a busy machine makes the bot slow, never wrong (the clock is ours).
    emulator: { replyTimeoutMs: 15_000, ...options.emulator },
    start: {
      logger: logs.logger,
      identify,
      ...(options.autoDeferMs === undefined ? {} : { autoDeferMs: options.autoDeferMs }),
      ...options.start,
    },
    cooldownSeconds: 0,
    ...(options.storeTimeouts ? { storeTimeouts: options.storeTimeouts } : {}),
  });
  return Object.assign(harness, {
    logs,
    identify,
    run: async (
      user: string,
      name: string,
      opts: Record<string, string | number> = {},
      extra: { wait?: boolean; timeoutMs?: number } = {},
    ) => {
      const result = await harness.emu.command({ user, guild: 'main', name, options: opts, ...extra });
      return extra.wait === false ? result : complete(result);
    },
  });
}

/** A rig on a memory store behind a valve (hold, slow or break it); `close` closes both. */
export async function startValvedRig(
  options: Omit<RigOptions, 'comments'> = {},
): Promise<{ rig: Rig; valve: StoreValve; inner: CommentStore; close(): Promise<void> }> {
  const inner = await createCommentStore('memory://');
  const { store, valve } = controllable(inner);
  const rig = await startRig({ ...options, comments: store });
  return {
    rig,
    valve,
    inner,
    async close() {
      await rig.close();
      await inner.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** A point in the emulator's history; checks after it ignore what came before. */
export interface Mark {
  requests: number;
  interactions: ReadonlySet<string>;
}

export function mark(emu: Emulator): Mark {
  return { requests: emu.requests.length, interactions: new Set(emu.interactions.records.keys()) };
}

/**
 * What Discord would show as "This interaction failed": an interaction never acknowledged, or
 * acknowledged too late (10062); and a double acknowledgement (40060). None may happen (since `from`).
 */
export function expectEveryInteractionAnswered(emu: Emulator, from?: Mark): void {
  const problems: string[] = [];
  for (const r of emu.interactions.records.values()) {
    if (from?.interactions.has(r.id)) continue;
    if (!r.response) problems.push(`${r.label} (${r.id}) was never acknowledged`);
    else if (!r.response.inTime) problems.push(`${r.label} (${r.id}) was acknowledged too late`);
  }
  const codes = emu.requests.slice(from?.requests ?? 0).flatMap((r) => errorCode(r) ?? []);
  expect(problems).toEqual([]);
  expect(codes.filter((c) => c === 10062 || c === 40060)).toEqual([]);
}

/**
 * Resolves once the user sees the whole answer. The emulator counts deleting the deferred
 * "thinking…" as settled; the Responder then follows up privately, so wait for that too.
 */
export async function complete(
  result: InteractionResult | Promise<InteractionResult>,
): Promise<InteractionResult> {
  const r = await result;
  return r.waitFor(
    (x) => x.record.settled && (x.message?.deleted !== true || x.followUps.length > 0),
    15_000,
    'the complete answer',
  );
}

/** Accepted callbacks (what a user sees as the acknowledgement); there must be exactly one. */
export function acknowledgements(result: InteractionResult): number {
  return result.callbacks.filter((c) => c.status < 300).length;
}

/** The comment number on a card (`#12 · Ana`), or undefined if the reply is not a card. */
export function cardNumber(result: InteractionResult): number | undefined {
  const title = result.message?.embeds[0]?.title ?? '';
  const match = /^#(\d+) · /.exec(title);
  return match ? Number(match[1]) : undefined;
}

/** The text a user reads in an ephemeral refusal (content of the reply or of its follow-up). */
export function privateText(result: InteractionResult): string {
  const original = result.message;
  if (original && !original.deleted && original.ephemeral) return original.content;
  const followUp = result.followUps.find((m) => m.ephemeral);
  return followUp?.content ?? '';
}

export async function allComments(store: CommentStore, guildId: string): Promise<Comment[]> {
  const out: Comment[] = [];
  for await (const c of store.exportAll(guildId)) out.push(c);
  return out;
}

/** Polls `fn` until it returns a value (not undefined); for recovery after an outage. */
export async function eventually<T>(
  fn: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'recovery',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`No ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
