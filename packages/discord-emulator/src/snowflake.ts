/** Discord's epoch (2015-01-01T00:00:00.000Z) in Unix milliseconds. */
export const DISCORD_EPOCH = 1_420_070_400_000;

/** Builds a snowflake from a Unix-ms timestamp, a worker id and a 12-bit increment. */
export function snowflakeAt(timestampMs: number, increment = 0, worker = 1): string {
  const ms = BigInt(Math.max(0, Math.floor(timestampMs) - DISCORD_EPOCH));
  return ((ms << 22n) | (BigInt(worker & 0x1f) << 17n) | BigInt(increment & 0xfff)).toString();
}

/** The Unix-ms timestamp encoded in a snowflake. */
export function snowflakeTimestamp(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/** The shard a guild belongs to: `(guild_id >> 22) % num_shards`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

/** Generates increasing snowflakes from a clock (so ids sort and decode to the emulated time). */
export class SnowflakeGenerator {
  #increment = 0;
  #lastId = 0n;

  constructor(
    private readonly now: () => number,
    private readonly worker = 2,
  ) {}

  next(): string {
    this.#increment = (this.#increment + 1) & 0xfff;
    let id = BigInt(snowflakeAt(this.now(), this.#increment, this.worker));
    // Keep ids strictly increasing even if the injected clock stands still or goes back.
    if (id <= this.#lastId) id = this.#lastId + 1n;
    this.#lastId = id;
    return id.toString();
  }
}
