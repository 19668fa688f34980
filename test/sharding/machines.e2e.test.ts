/**
 * Shards spread over two "machines" (two managers with SHARD_LIST) sharing one Redis; a shard
 * process killed with SIGKILL is respawned.
 */

import { type Emulator, type GatewayEvent, manualClock, startEmulator } from '@parley/discord-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { loadCommands } from '../../src/discord/loader.js';
import { expectConsistent } from '../comments/helpers.js';
import { embedOf, messageOf } from '../helpers/harness.js';
import { type RedisServer, redisServerInstalled, startRedisServer } from '../setup/redis-server.js';
import { type ManagerProcess, startManager } from './manager.js';

const installed = redisServerInstalled();
const START_TIMEOUT_MS = 90_000;

let redis: RedisServer | undefined;
let emu: Emulator | undefined;
const managers: ManagerProcess[] = [];
const gatewayEvents: GatewayEvent[] = [];

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start`);
  return value;
}

async function add(guild: 'main' | 'second', user: string, text: string): Promise<number> {
  const result = await need(emu, 'the emulator').command({
    user,
    guild,
    name: 'comment add',
    options: { text },
  });
  const match = /^#(\d+) · /.exec(embedOf(messageOf(result)).title ?? '');
  if (!match) throw new Error(`not a comment card: ${JSON.stringify(messageOf(result))}`);
  return Number(match[1]);
}

describe.skipIf(!installed)('shards on several machines', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    emu = await startEmulator({ shards: 2, now: manualClock().now, replyTimeoutMs: 60_000 });
    emu.on('gateway', (event) => gatewayEvents.push(event));
    emu.registerCommands([...(await loadCommands()).values()].map((c) => c.data.toJSON()));
  });
  afterEach(() => {
    for (const m of managers.splice(0)) m.kill();
  });
  afterAll(async () => {
    await emu?.close();
    await redis?.stop();
  });

  const machine = (list: string, extra: Record<string, string> = {}) => {
    const e = need(emu, 'the emulator');
    const m = startManager({
      DISCORD_TOKEN: e.token,
      DISCORD_API_URL: e.apiUrl,
      DATABASE_URL: need(redis, 'redis').url,
      SHARD_COUNT: '2',
      SHARD_LIST: list,
      COMMENT_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      ...extra,
    });
    managers.push(m);
    return m;
  };

  it('two managers with SHARD_LIST=0 and SHARD_LIST=1 serve one server each, into one Redis; a killed shard is respawned', {
    timeout: 180_000,
  }, async () => {
    const e = need(emu, 'the emulator');
    const [a, b] = [machine('0'), machine('1')];
    await Promise.all(
      [a, b].map((m) =>
        m.waitForLog((l) => l.msg === 'all shards ready', 'all shards ready', START_TIMEOUT_MS),
      ),
    );
    expect(a.logs.filter((l) => l.msg === 'shard spawned').map((l) => l.shard)).toEqual([0]);
    expect(b.logs.filter((l) => l.msg === 'shard spawned').map((l) => l.shard)).toEqual([1]);
    expect(
      gatewayEvents
        .filter((g) => g.type === 'identify')
        .map((g) => g.shard)
        .sort(),
    ).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const users = ['ana', 'ben', 'owner'];
    const first = await Promise.all(
      (['main', 'second'] as const).flatMap((guild) =>
        Array.from({ length: 20 }, (_, i) =>
          add(guild, users[i % 3] ?? 'ana', `Machine test ${i} in ${guild}`),
        ),
      ),
    );
    for (const numbers of [first.slice(0, 20), first.slice(20)])
      expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // SIGKILL machine B's shard process: its manager respawns it and the server carries on.
    const pid = b.logs.find((l) => l.msg === 'shard spawned')?.pid;
    expect(typeof pid).toBe('number');
    process.kill(Number(pid), 'SIGKILL');
    await b.waitForLog(
      (l) => l.msg === 'shard died; respawning' && l.signal === 'SIGKILL',
      'shard died',
      30_000,
    );
    await b.waitForLog(
      (l) => l.msg === 'shard ready' && l.pid !== pid,
      'respawned shard ready',
      START_TIMEOUT_MS,
    );
    expect(await add('second', 'ana', 'After the respawn')).toBe(21);
    expect(await add('main', 'ana', 'Machine A never noticed')).toBe(21);

    const store = await createCommentStore(need(redis, 'redis').url);
    try {
      for (const guild of ['main', 'second'])
        expect((await expectConsistent(store, e.guild(guild).id)).length).toBe(21);
    } finally {
      await store.close();
    }
    e.assertNoErrors();
  });
});
