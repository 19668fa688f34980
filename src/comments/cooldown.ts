/**
 * Per-member comment cooldown: after posting, a member of a server waits `seconds` before the
 * next comment. Keyed by server and member, so a cooldown in one server never blocks the same person
 * in another. `Cooldowns` is what the comment actions use. Where a backend can be shared by processes
 * the cooldown lives in it, beside the comments, so every process sees the same wait: Redis (SET NX
 * with a TTL, redis-cooldown.ts) and SQLite (a row per member in the same file, claimed in a write
 * transaction: processes on one machine share the file and its clock). memory:// — one process by
 * definition — and stores handed in by tests use MemoryCooldowns (buildContext decides).
 */

/** A take either claimed the slot (give it back with `token` if the comment is not stored) or must wait. */
export type CooldownTake = { claimed: true; token: string } | { claimed: false; wait: number };

export interface Cooldowns {
  /**
   * Claims the member's slot for `seconds` (0: no cooldown, always claimed). Checking and claiming are
   * one atomic step, so two simultaneous comments — from any process sharing the cooldown — cannot
   * both pass. A refusal says the whole seconds left (≥ 1).
   */
  take(guildId: string, userId: string, seconds: number): Promise<CooldownTake>;
  /** Whole seconds left to wait (0: free to comment). Claims nothing. */
  remaining(guildId: string, userId: string): Promise<number>;
  /** Gives back exactly the claim `token` names; a later claim (after it expired) is left alone. */
  release(guildId: string, userId: string, token: string): Promise<void>;
}

/** A store whose backend processes share, keeping the cooldown beside the comments (Redis, SQLite). */
export interface SharesCooldowns {
  /** `now`: the bot's clock, for a backend without one of its own (SQLite). */
  sharedCooldowns(now: () => number): Cooldowns;
}

export function sharesCooldowns<T extends object>(store: T): store is T & SharesCooldowns {
  return typeof (store as Partial<SharesCooldowns>).sharedCooldowns === 'function';
}

/** Whole seconds, at least 1, for a wait of `ms` > 0. */
export const waitSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** The in-memory bookkeeping (synchronous, clock passed in); MemoryCooldowns wraps it. */
export class CommentCooldown {
  /** Member → when their wait ends, and when it was claimed (to give back exactly that claim). */
  readonly #until = new Map<string, { until: number; at: number }>();

  /** Whole seconds left to wait at `now` (0: free to comment). Does not claim anything. */
  remaining(guildId: string, userId: string, now: number): number {
    const until = this.#until.get(`${guildId}/${userId}`)?.until;
    return until !== undefined && until > now ? waitSeconds(until - now) : 0;
  }

  /**
   * Claims the member's slot at `now`. Returns the whole seconds left to wait (≥ 1) when they are
   * still cooling down; otherwise records the comment and returns 0. Checking and recording happen
   * in one synchronous step, so two simultaneous commands cannot both pass. `seconds`: the wait
   * (0 or less, or not a number: no cooldown).
   */
  take(guildId: string, userId: string, now: number, seconds: number): number {
    const ms = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds * 1000) : 0;
    if (ms === 0) return 0;
    const wait = this.remaining(guildId, userId, now);
    if (wait > 0) return wait;
    const key = `${guildId}/${userId}`;
    this.#prune(now);
    this.#until.set(key, { until: now + ms, at: now });
    return 0;
  }

  /** Gives the slot back when the comment was not stored after all (store outage). */
  release(guildId: string, userId: string, takenAt: number): void {
    const key = `${guildId}/${userId}`;
    if (this.#until.get(key)?.at === takenAt) this.#until.delete(key);
  }

  /** Entries still running; for tests and to show that memory stays bounded. */
  get size(): number {
    return this.#until.size;
  }

  /** Drops expired entries once the map grows, so memory tracks active members only. */
  #prune(now: number): void {
    if (this.#until.size < 1024) return;
    for (const [key, { until }] of this.#until) if (until <= now) this.#until.delete(key);
  }
}

/** The in-process cooldown behind the async interface; `now` is the bot's clock (tests drive it). */
export class MemoryCooldowns implements Cooldowns {
  readonly #inner = new CommentCooldown();
  constructor(private readonly now: () => number = Date.now) {}

  async take(guildId: string, userId: string, seconds: number): Promise<CooldownTake> {
    const at = this.now();
    const wait = this.#inner.take(guildId, userId, at, seconds);
    return wait > 0 ? { claimed: false, wait } : { claimed: true, token: String(at) };
  }

  async remaining(guildId: string, userId: string): Promise<number> {
    return this.#inner.remaining(guildId, userId, this.now());
  }

  async release(guildId: string, userId: string, token: string): Promise<void> {
    this.#inner.release(guildId, userId, Number(token));
  }
}
