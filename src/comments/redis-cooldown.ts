/**
 * The comment cooldown in Redis, one key per server and member (keys.ts) holding the claim's token
 * with the cooldown as its TTL: every process on this Redis sees the same wait, and Redis forgets it
 * when it ends. A release deletes the key only while it still holds the same token, so giving back a
 * claim that already expired never frees a later one.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';
import { type Cooldowns, type CooldownTake, waitSeconds } from './cooldown.js';
import type { CommentKeys } from './keys.js';
import { COOLDOWN_RELEASE_SCRIPT, COOLDOWN_TAKE_SCRIPT, runScript, script } from './redis-scripts.js';

const TAKE = script(COOLDOWN_TAKE_SCRIPT);
const RELEASE = script(COOLDOWN_RELEASE_SCRIPT);

/** Runs a call the way the store runs its own (closed store and driver errors → StoreUnavailableError). */
type Guard = <T>(action: string, fn: () => Promise<T>) => Promise<T>;

export class RedisCooldowns implements Cooldowns {
  constructor(
    private readonly client: RedisClientType,
    private readonly keys: CommentKeys,
    private readonly guard: Guard,
  ) {}

  async take(guildId: string, userId: string, seconds: number): Promise<CooldownTake> {
    const ms = Math.floor(seconds * 1000);
    if (!(ms > 0)) return { claimed: true, token: '' };
    const token = randomUUID();
    const key = this.keys.cooldown(guildId, userId);
    const left = await this.guard('claim the comment cooldown', () =>
      runScript(this.client, TAKE, [key], [token, String(ms)]),
    );
    const wait = Number(left);
    return wait > 0 ? { claimed: false, wait: waitSeconds(wait) } : { claimed: true, token };
  }

  async remaining(guildId: string, userId: string): Promise<number> {
    const key = this.keys.cooldown(guildId, userId);
    const left = await this.guard('read the comment cooldown', () => this.client.pTTL(key));
    // -2: no cooldown; -1 (a key without a TTL) cannot come from take(): treat it as none.
    return left > 0 ? waitSeconds(left) : 0;
  }

  async release(guildId: string, userId: string, token: string): Promise<void> {
    if (token === '') return;
    const key = this.keys.cooldown(guildId, userId);
    await this.guard('give back the comment cooldown', () => runScript(this.client, RELEASE, [key], [token]));
  }
}
