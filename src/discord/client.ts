import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type ClientOptions, GatewayIntentBits } from 'discord.js';
import { type BackoffPolicy, backoffDelay } from '../backoff.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

type WebSocketManager = Parameters<
  NonNullable<NonNullable<ClientOptions['ws']>['buildIdentifyThrottler']>
>[0];

export interface IdentifyBackoffOptions extends Partial<BackoffPolicy> {
  /** Discord's own rule: at most max_concurrency IDENTIFYs per this many ms (5 s). */
  spacingMs?: number;
  /** An IDENTIFY this long after the previous one starts afresh (that session was healthy). */
  quietMs?: number;
  logger?: Logger;
  now?: () => number;
  random?: () => number;
  /** Rejects when `signal` aborts (the shard closed while waiting). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Production values. In a loop that keeps losing its session the n-th IDENTIFY in a row waits
 * 2.5–5 s, 5–10 s, … up to 150–300 s: at most ~600 a day, under Discord's 1,000 (beyond which
 * it resets the token).
 */
export const IDENTIFY_BACKOFF = {
  baseMs: 5_000,
  maxMs: 300_000,
  spacingMs: 5_000,
  quietMs: 15 * 60_000,
} as const;

interface Bucket {
  queue: Promise<void>;
  last: number | undefined;
  /** IDENTIFYs in a row, none of them followed by a quiet period. */
  streak: number;
}

/**
 * discord.js's identify throttler, replaced: besides Discord's 5 s spacing it backs off
 * exponentially (with jitter) while the gateway keeps ending sessions — op 9, 4007/4009, a
 * connection that dies after every READY. Resumes are not IDENTIFYs and are never delayed.
 * One instance can outlive a client, so a restarted client continues the same backoff.
 */
export class IdentifyBackoff {
  readonly #policy: BackoffPolicy;
  readonly #spacingMs: number;
  readonly #quietMs: number;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #buckets = new Map<number, Bucket>();
  #maxConcurrency = 1;
  /** IDENTIFYs let through so far. */
  identifies = 0;

  constructor(options: IdentifyBackoffOptions = {}) {
    this.#policy = {
      baseMs: options.baseMs ?? IDENTIFY_BACKOFF.baseMs,
      maxMs: options.maxMs ?? IDENTIFY_BACKOFF.maxMs,
    };
    this.#spacingMs = options.spacingMs ?? IDENTIFY_BACKOFF.spacingMs;
    this.#quietMs = options.quietMs ?? IDENTIFY_BACKOFF.quietMs;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? ((ms, signal) => sleep(ms, undefined, { signal }));
  }

  /** For ClientOptions.ws.buildIdentifyThrottler: learns max_concurrency from GET /gateway/bot. */
  async attach(manager: WebSocketManager): Promise<this> {
    const info = await manager.fetchGatewayInformation();
    this.#maxConcurrency = Math.max(1, info.session_start_limit.max_concurrency);
    return this;
  }

  /** Resolves when shard `shardId` may IDENTIFY; rejects if `signal` aborts first. */
  waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const key = shardId % this.#maxConcurrency;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { queue: Promise.resolve(), last: undefined, streak: 0 };
      this.#buckets.set(key, bucket);
    }
    const b = bucket;
    const turn = b.queue.then(() => this.#wait(b, shardId, signal));
    b.queue = turn.catch(() => undefined);
    return turn;
  }

  async #wait(bucket: Bucket, shardId: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const start = this.#now();
    if (bucket.last !== undefined && start - bucket.last > this.#quietMs) bucket.streak = 0;
    let delay = bucket.streak > 0 ? backoffDelay(bucket.streak, this.#policy, this.#random) : 0;
    if (bucket.last !== undefined) delay = Math.max(delay, bucket.last + this.#spacingMs - start);
    if (delay > 0) {
      if (bucket.streak > 1) {
        this.#logger?.warn(
          { shardId, identifiesInARow: bucket.streak, delayMs: delay },
          'gateway keeps ending sessions: backing off before the next IDENTIFY',
        );
      } else {
        this.#logger?.info({ shardId, delayMs: delay }, 'waiting before a new gateway IDENTIFY');
      }
      await this.#sleep(delay, signal);
    }
    bucket.last = this.#now();
    bucket.streak++;
    this.identifies++;
  }
}

export interface ClientExtras {
  /** Shared across restarts of the client; default: a fresh one with production values. */
  identify?: IdentifyBackoff;
}

/**
 * A Client that never IDENTIFYs once destroyed. discord.js pauses 500 ms before reconnecting; a
 * destroy() during that pause finds the shard idle and forgets it, and the shard then reconnects
 * and identifies on its own (one more IDENTIFY, a zombie session). The throttle below holds such
 * an orphan before its IDENTIFY; its socket lingers until the process exits (it always does after
 * a stop or a failed start in src/index.ts).
 */
class ParleyClient extends Client {
  #destroyed = false;

  get destroyedForGood(): boolean {
    return this.#destroyed;
  }

  override async destroy(): Promise<void> {
    this.#destroyed = true;
    await super.destroy();
  }
}

/**
 * The discord.js client. Guilds is the only intent (no privileged intents), and no reply can
 * ping anyone unless a reply explicitly allows one user.
 */
export function createClient(config: Pick<Config, 'apiUrl'>, extras: ClientExtras = {}): Client {
  const identify = extras.identify ?? new IdentifyBackoff();
  let client: ParleyClient | undefined;
  const buildIdentifyThrottler = async (manager: WebSocketManager) => {
    await identify.attach(manager);
    return {
      waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
        if (!client?.destroyedForGood) return identify.waitForIdentify(shardId, signal);
        // Never resolves: the orphan waits here until its socket closes (which aborts `signal`).
        return new Promise<void>((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      },
    };
  };
  client = new ParleyClient({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ws: { buildIdentifyThrottler },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  return client;
}
