/**
 * `npm run start:sharded` end to end: the real manager (src/shard.ts) spawns two shard processes
 * against the emulator (in this process), both writing comments to one real redis-server.
 * Concurrent /comment add and reply in two servers owned by different shards: nothing lost, every
 * server numbered 1..N, and every interaction handled by the process of the shard owning its server.
 */

import {
  type Emulator,
  type GatewayEvent,
  type InteractionResult,
  manualClock,
  shardForGuild,
  startEmulator,
} from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { loadCommands } from '../../src/discord/loader.js';
import { collect, expectConsistent } from '../comments/helpers.js';
import { embedOf, messageOf } from '../helpers/harness.js';
import { type RedisServer, redisServerInstalled, startRedisServer } from '../setup/redis-server.js';
import { type LogLine, type ManagerProcess, startManager } from './manager.js';

const SHARDS = 2;
/** Per server: top-level comments in the first wave, then more comments and replies in the second. */
const FIRST_WAVE = 30;
const SECOND_WAVE = 15;
const REPLIES = 15;
/** Two shard processes start one after the other, 5.5 s apart (Discord's IDENTIFY spacing). */
const START_TIMEOUT_MS = 120_000;

const GUILDS = {
  main: ['ana', 'ben', 'mod', 'owner'],
  second: ['ana', 'ben', 'owner'],
} as const;
type GuildKey = keyof typeof GUILDS;
const GUILD_KEYS = Object.keys(GUILDS) as GuildKey[];

const installed = redisServerInstalled();
if (!installed) console.warn('⚠️  redis-server is not installed: the sharded end-to-end test is skipped.');

let redis: RedisServer | undefined;
let emu: Emulator | undefined;
let manager: ManagerProcess | undefined;
let store: CommentStore | undefined;
const gatewayEvents: GatewayEvent[] = [];

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start`);
  return value;
}

/** A comment the bot acknowledged: the number and text its card shows. */
interface Acked {
  guild: GuildKey;
  number: number;
  text: string;
  parent: number | null;
  interactionId: string;
}

/** `#12 · Ana` / `#12 · Ana · ✅ supports` → 12. */
function cardNumber(result: InteractionResult): number {
  const title = embedOf(messageOf(result)).title ?? '';
  const match = /^#(\d+) · /.exec(title);
  if (!match) throw new Error(`not a comment card: ${JSON.stringify(messageOf(result))}`);
  return Number(match[1]);
}

const acked: Acked[] = [];

const handledBy = (interactionId: string): LogLine[] =>
  need(manager, 'the manager').logs.filter(
    (l) => l.msg === 'interaction received' && l.interactionId === interactionId,
  );

describe.skipIf(!installed)('sharded: two shard processes, one Redis', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    // A hand-driven clock that never moves: a busy machine cannot let the 3 s answer window pass.
    emu = await startEmulator({ shards: SHARDS, now: manualClock().now, replyTimeoutMs: 60_000 });
    emu.on('gateway', (event) => gatewayEvents.push(event));
    const commands = await loadCommands();
    emu.registerCommands([...commands.values()].map((c) => c.data.toJSON()));

    manager = startManager({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      DATABASE_URL: redis.url,
      SHARD_COUNT: String(SHARDS),
      COMMENT_COOLDOWN_SECONDS: '0',
      // Debug: each shard logs the interactions it receives, which is how this test sees who answered.
      LOG_LEVEL: 'debug',
    });
    const m = manager;
    await m.waitForLog((l) => l.msg === 'all shards ready', 'all shards ready', START_TIMEOUT_MS);
    // READY reached the manager; wait for each shard's own "ready" too (its listeners are attached).
    for (let shard = 0; shard < SHARDS; shard++)
      await m.waitForLog(
        (l) => l.msg === 'Parley is ready' && l.shard === shard,
        `shard ${shard} ready`,
        30_000,
      );
    store = await createCommentStore(redis.url);
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    manager?.kill();
    await store?.close();
    await emu?.close();
    await redis?.stop();
  });

  it('spawns one process per shard, each identifying with its [shard_id, num_shards] and owning its server', () => {
    const e = need(emu, 'the emulator');
    const identifies = gatewayEvents.filter((g) => g.type === 'identify');
    expect(identifies.map((g) => g.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(new Set(identifies.map((g) => g.connection)).size).toBe(2);
    expect(gatewayEvents.filter((g) => g.type === 'ready').map((g) => g.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // The default world: "main" on shard 0, "second" on shard 1.
    expect(GUILD_KEYS.map((k) => shardForGuild(e.guild(k).id, SHARDS))).toEqual([0, 1]);

    const logs = need(manager, 'the manager').logs;
    const spawned = logs.filter((l) => l.role === 'shard-manager' && l.msg === 'shard spawned');
    expect(spawned.map((l) => l.shard)).toEqual([0, 1]);
    expect(new Set(spawned.map((l) => l.pid)).size).toBe(2);
    // Each shard process loaded only its own server.
    for (const shard of [0, 1]) {
      expect(logs.find((l) => l.msg === 'Parley is ready' && l.shard === shard)).toMatchObject({ guilds: 1 });
    }
  });

  it('takes concurrent comments and replies in both servers: nothing lost, numbered 1..N per server, each answered by its shard', {
    timeout: 180_000,
  }, async () => {
    const e = need(emu, 'the emulator');
    const s = need(store, 'the store');
    const started = Date.now();
    const dispatched: { guild: GuildKey; interactionId: string }[] = [];

    const add = async (guild: GuildKey, i: number): Promise<void> => {
      const users = GUILDS[guild];
      const user = users[i % users.length] ?? 'ana';
      const text = `Sharded load: comment ${i} by ${user} in ${guild}.`;
      const result = await e.command({ user, guild, name: 'comment add', options: { text } });
      dispatched.push({ guild, interactionId: result.id });
      acked.push({ guild, number: cardNumber(result), text, parent: null, interactionId: result.id });
    };
    const reply = async (guild: GuildKey, i: number, parent: number): Promise<void> => {
      const users = GUILDS[guild];
      const user = users[(i + 1) % users.length] ?? 'ben';
      const text = `Sharded load: reply ${i} by ${user} to #${parent} in ${guild}.`;
      const result = await e.command({
        user,
        guild,
        name: 'comment reply',
        options: { id: `#${parent}`, text },
      });
      dispatched.push({ guild, interactionId: result.id });
      acked.push({ guild, number: cardNumber(result), text, parent, interactionId: result.id });
    };
    const article = async (guild: GuildKey, i: number): Promise<void> => {
      const asks = [
        { name: 'who', options: { name: 'Chase' }, title: 'Michael Chase' },
        { name: 'summary', options: { length: 'brief' }, title: "Beijing will 'never compromise'" },
        { name: 'topics', options: {}, title: 'Topics' },
      ] as const;
      const ask = asks[i % asks.length] ?? asks[0];
      const result = await e.command({ user: 'ana', guild, name: ask.name, options: { ...ask.options } });
      dispatched.push({ guild, interactionId: result.id });
      expect(result.errors).toEqual([]);
      expect(embedOf(messageOf(result)).title).toContain(ask.title);
    };

    // Wave 1: top-level comments in both servers at once, with article commands among them.
    await Promise.all(
      GUILD_KEYS.flatMap((guild) => [
        ...Array.from({ length: FIRST_WAVE }, (_, i) => add(guild, i)),
        ...Array.from({ length: 3 }, (_, i) => article(guild, i)),
      ]),
    );
    // Wave 2: replies to wave-1 comments, more comments, more article commands, all at once.
    await Promise.all(
      GUILD_KEYS.flatMap((guild) => {
        const parents = acked.filter((a) => a.guild === guild).map((a) => a.number);
        return [
          ...Array.from({ length: REPLIES }, (_, i) =>
            reply(guild, i, parents[(i * 7) % parents.length] ?? 1),
          ),
          ...Array.from({ length: SECOND_WAVE }, (_, i) => add(guild, FIRST_WAVE + i)),
          ...Array.from({ length: 3 }, (_, i) => article(guild, i + 1)),
        ];
      }),
    );
    const elapsed = Date.now() - started;
    e.assertNoErrors();

    const perGuild = FIRST_WAVE + SECOND_WAVE + REPLIES;
    const byShard = new Map<number, number>();
    for (const guild of GUILD_KEYS) {
      const guildId = e.guild(guild).id;
      const mine = acked.filter((a) => a.guild === guild);
      // Every acknowledged comment got its own number, and the numbers are 1..N without gaps.
      expect(mine.map((a) => a.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: perGuild }, (_, i) => i + 1),
      );
      // The store holds exactly those, with the text and parent each acknowledgement showed.
      const stored: Comment[] = await collect(s.exportAll(guildId));
      expect(stored.map((c) => c.number)).toEqual(Array.from({ length: perGuild }, (_, i) => i + 1));
      for (const a of mine) {
        const c = stored.find((x) => x.number === a.number);
        expect(c?.text, `${guild} #${a.number}`).toBe(a.text);
        expect(c?.parent, `${guild} #${a.number}`).toBe(a.parent);
      }
      // Every listing, count, thread and reply count agrees with the comments themselves.
      await expectConsistent(s, guildId);

      // Every interaction for this server reached the process of the shard that owns it, and only it.
      const owner = shardForGuild(guildId, SHARDS);
      for (const d of dispatched.filter((x) => x.guild === guild)) {
        const seen = handledBy(d.interactionId);
        expect(
          seen.map((l) => l.shard),
          `interaction ${d.interactionId} in ${guild}`,
        ).toEqual([owner]);
        byShard.set(owner, (byShard.get(owner) ?? 0) + 1);
      }
    }
    // Both shards answered their half.
    expect([...byShard.entries()].sort()).toEqual([
      [0, perGuild + 6],
      [1, perGuild + 6],
    ]);
    console.info(
      `sharded load: ${acked.length} comments (${2 * (FIRST_WAVE + SECOND_WAVE)} top-level, ${2 * REPLIES} replies) and 12 article commands in ${elapsed} ms; interactions per shard: ${JSON.stringify(Object.fromEntries(byShard))}`,
    );
  });

  it('lists the same comments through either shard', async () => {
    const e = need(emu, 'the emulator');
    for (const guild of GUILD_KEYS) {
      const result = await e.command({
        user: 'ana',
        guild,
        name: 'comment list',
        options: { sort: 'oldest' },
      });
      const embed = embedOf(messageOf(result));
      expect(embed.description).toBe(`${FIRST_WAVE + SECOND_WAVE} comments · oldest first`);
      const first = acked.find((a) => a.guild === guild && a.number === 1);
      expect(embed.fields?.[0]?.name).toMatch(/^#1 /);
      expect(embed.fields?.[0]?.value).toContain(first?.text ?? 'comment #1');
      expect(handledBy(result.id).map((l) => l.shard)).toEqual([shardForGuild(e.guild(guild).id, SHARDS)]);
    }
  });

  it('stops every shard gracefully on SIGTERM and exits 0', { timeout: 60_000 }, async () => {
    const m = need(manager, 'the manager');
    m.signal('SIGTERM');
    const exit = await m.exited;
    expect(exit, m.text()).toEqual({ code: 0, signal: null });
    const stopped = m.logs.filter((l) => l.role === 'shard-manager' && l.msg === 'shard stopped');
    expect(stopped.map((l) => [l.shard, l.code]).sort()).toEqual([
      [0, 0],
      [1, 0],
    ]);
    for (const shard of [0, 1])
      expect(
        m.logs.some((l) => l.shard === shard && l.msg === 'Parley stopped'),
        `shard ${shard}`,
      ).toBe(true);
    // Both gateway sessions were closed normally (1000), not dropped. The emulator reads each close
    // frame on its own time — a loaded machine can let a shard exit before that — so wait for it.
    const closes = () =>
      gatewayEvents
        .filter((g) => g.type === 'close' && g.shard)
        .map((g) => [g.shard?.[0], g.code])
        .sort();
    await expect.poll(closes, { timeout: 30_000, interval: 50 }).toEqual([
      [0, 1000],
      [1, 1000],
    ]);
  });
});
