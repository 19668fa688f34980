/**
 * Lua scripts that make each Redis write atomic: a script runs alone on the server, so the value,
 * its index entries and counters change together (other processes included), and a client killed
 * mid-call either ran the whole script or none of it. Scripts check their inputs before writing
 * anything, because Redis does not roll back a script that fails half-way.
 */
import { createHash } from 'node:crypto';
import type { RedisClientType } from '@keyv/redis';

/** A script and its SHA1, run by EVALSHA (sent whole only the first time the server lacks it). */
export interface Script {
  body: string;
  sha: string;
}
export const script = (body: string): Script => ({
  body,
  sha: createHash('sha1').update(body).digest('hex'),
});

export async function runScript(
  client: RedisClientType,
  s: Script,
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await client.evalSha(s.sha, { keys, arguments: args });
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return client.eval(s.body, { keys, arguments: args });
  }
}

/**
 * Allocates the next number and stores a new comment with its index entries.
 * KEYS: sequence, then the index keys (redis-store.ts indexKeys): byNumber(article), byVotes(article),
 *       byNumber(article, anchor), byVotes(article, anchor), anchorCounts(article), live(server),
 *       live(article), articleCounts; then [parent comment, thread(root)] for replies.
 * ARGV: comment key prefix, serialized value before the number, after the number, anchor, article,
 *       [parent's current serialized value, parent's new value] for replies.
 * Returns the number, or 0 when the parent changed since it was read (the caller re-reads and retries).
 */
export const ADD_SCRIPT = `
local reply = #KEYS >= 11
if reply and redis.call('GET', KEYS[10]) ~= ARGV[6] then return 0 end
local n = redis.call('INCR', KEYS[1])
redis.call('SET', ARGV[1] .. n, ARGV[2] .. n .. ARGV[3])
if reply then
  redis.call('SET', KEYS[10], ARGV[7])
  redis.call('ZADD', KEYS[11], n, n)
else
  redis.call('ZADD', KEYS[2], n, n)
  redis.call('ZADD', KEYS[3], n, n)
  redis.call('ZADD', KEYS[4], n, n)
  redis.call('ZADD', KEYS[5], n, n)
end
redis.call('HINCRBY', KEYS[6], ARGV[4], 1)
redis.call('ZADD', KEYS[7], n, n)
redis.call('ZADD', KEYS[8], n, n)
redis.call('HINCRBY', KEYS[9], ARGV[5], 1)
return n
`;

/**
 * Compare-and-set of one or more comments of one thread (they share article and anchor, so index
 * keys), plus their index state: every value is checked before any is written.
 * KEYS: the index keys as for ADD_SCRIPT (byNumber … articleCounts, eight), then each comment's key.
 * ARGV: anchor, article, then seven per comment: expected current value, new value, number, listed
 *       ('1'/'0'), vote score, visible delta, live ('1'/'0').
 * Returns 1, or 0 when a value changed since it was read.
 */
export const MUTATE_SCRIPT = `
local count = #KEYS - 8
local function arg(i, k) return ARGV[2 + (i - 1) * 7 + k] end
for i = 1, count do
  if redis.call('GET', KEYS[8 + i]) ~= arg(i, 1) then return 0 end
end
for i = 1, count do
  redis.call('SET', KEYS[8 + i], arg(i, 2))
  local n = arg(i, 3)
  if arg(i, 4) == '1' then
    redis.call('ZADD', KEYS[1], n, n)
    redis.call('ZADD', KEYS[2], arg(i, 5), n)
    redis.call('ZADD', KEYS[3], n, n)
    redis.call('ZADD', KEYS[4], arg(i, 5), n)
  else
    redis.call('ZREM', KEYS[1], n)
    redis.call('ZREM', KEYS[2], n)
    redis.call('ZREM', KEYS[3], n)
    redis.call('ZREM', KEYS[4], n)
  end
  local delta = tonumber(arg(i, 6))
  if delta ~= 0 then
    redis.call('HINCRBY', KEYS[5], ARGV[1], delta)
    redis.call('HINCRBY', KEYS[8], ARGV[2], delta)
  end
  if arg(i, 7) == '1' then
    redis.call('ZADD', KEYS[6], n, n)
    redis.call('ZADD', KEYS[7], n, n)
  else
    redis.call('ZREM', KEYS[6], n)
    redis.call('ZREM', KEYS[7], n)
  end
end
return 1
`;

/**
 * Compare-and-set of a per-server record (plain JSON).
 * KEYS: record. ARGV: '1' if it existed when read ('0' if not), its value then, the new value.
 * Returns 1, or 0 when it changed since it was read.
 */
export const RECORD_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
return 1
`;

/**
 * Claims a member's comment cooldown: SET NX with the cooldown as PX, or, when someone holds it, the
 * milliseconds it still has (PTTL) — in one step, so a claim that expires in between cannot read as "gone".
 * KEYS: cooldown. ARGV: token, milliseconds. Returns 0 when claimed, else the milliseconds left (≥ 1).
 */
export const COOLDOWN_TAKE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local left = redis.call('PTTL', KEYS[1])
if left < 1 then return 1 end
return left
`;

/**
 * Gives a cooldown back only if it is still the claim `token` made (not a later one).
 * KEYS: cooldown. ARGV: token. Returns 1 when deleted.
 */
export const COOLDOWN_RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
