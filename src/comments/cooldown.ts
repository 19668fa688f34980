/**
 * Per-member comment cooldown: after posting, a member of a server waits `seconds` before the
 * next comment. Kept in memory (a burst guard, not an audit record) and keyed by server and
 * member, so a cooldown in one server never blocks the same person in another.
 */
export class CommentCooldown {
  /** Member → when their wait ends, and when it was claimed (to give back exactly that claim). */
  readonly #until = new Map<string, { until: number; at: number }>();
  readonly #ms: number;

  constructor(seconds: number) {
    this.#ms = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds * 1000) : 0;
  }

  get enabled(): boolean {
    return this.#ms > 0;
  }

  /** Whole seconds left to wait at `now` (0: free to comment). Does not claim anything. */
  remaining(guildId: string, userId: string, now: number): number {
    const until = this.#until.get(`${guildId}/${userId}`)?.until;
    return until !== undefined && until > now ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
  }

  /**
   * Claims the member's slot at `now`. Returns the whole seconds left to wait (≥ 1) when they are
   * still cooling down; otherwise records the comment and returns 0. Checking and recording happen
   * in one synchronous step, so two simultaneous commands cannot both pass. `seconds` is the
   * server's own cooldown when its moderators set one (otherwise the configured one).
   */
  take(guildId: string, userId: string, now: number, seconds?: number): number {
    const ms = seconds === undefined ? this.#ms : Math.max(0, Math.floor(seconds * 1000));
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
