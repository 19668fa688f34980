import { createInflate, inflateSync, constants as zlibConstants } from 'node:zlib';
import { type Emulator, manualClock, shardForGuild, startEmulator } from '@parley/discord-emulator';
import { Client, Events, type Guild, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBot, type TestBot } from './bot.js';

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A bare gateway client to poke at the protocol. */
class RawGateway {
  readonly frames: Frame[] = [];
  readonly #waiters: (() => void)[] = [];
  closeCode: number | null = null;
  readonly ws: WebSocket;

  constructor(url: string, decode: (data: Buffer, isBinary: boolean) => string | null = (d) => d.toString()) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data: Buffer, isBinary) => {
      const text = decode(data, isBinary);
      if (text === null) return;
      this.frames.push(JSON.parse(text) as Frame);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  send(frame: { op: number; d: unknown }): void {
    this.ws.send(JSON.stringify(frame));
  }

  async next(match: (f: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.closeCode !== null) throw new Error(`closed with ${this.closeCode}`);
      if (Date.now() > deadline) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async closed(timeoutMs = 2000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null) {
      if (Date.now() > deadline) throw new Error('not closed');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closeCode;
  }

  close(): void {
    this.ws.terminate();
  }
}

let emu: Emulator | undefined;
const bots: TestBot[] = [];
const raws: RawGateway[] = [];

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.close();
  for (const bot of bots.splice(0)) await bot.destroy();
  await emu?.close();
  emu = undefined;
});

async function raw(
  path = '/gateway?v=10&encoding=json',
  decode?: ConstructorParameters<typeof RawGateway>[1],
): Promise<RawGateway> {
  if (!emu) emu = await startEmulator({ heartbeatIntervalMs: 45_000 });
  const client = new RawGateway(`${emu.url.replace('http', 'ws')}${path}`, decode);
  raws.push(client);
  await client.next((f) => f.op === 10);
  return client;
}

const identify = (extra: Record<string, unknown> = {}) => ({
  op: 2,
  d: {
    token: 'test-token',
    intents: 1,
    properties: { os: 'linux', browser: 'test', device: 'test' },
    ...extra,
  },
});

describe('gateway protocol', () => {
  it('says HELLO, acknowledges heartbeats and sends READY then GUILD_CREATEs with sequence numbers', async () => {
    const gw = await raw();
    expect(gw.frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 45_000 } });
    gw.send({ op: 1, d: null });
    await gw.next((f) => f.op === 11);
    gw.send(identify());
    const ready = await gw.next((f) => f.t === 'READY');
    expect(ready).toMatchObject({
      s: 1,
      d: { v: 10, user: { bot: true }, shard: [0, 1], application: { id: emu?.applicationId } },
    });
    expect((ready.d as { resume_gateway_url: string }).resume_gateway_url).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/resume$/,
    );
    const creates = await gw.next((f) => f.t === 'GUILD_CREATE' && f.s === 3);
    expect(creates.d).toMatchObject({ name: 'Parley Second Server', unavailable: false });
    const first = gw.frames.find((f) => f.t === 'GUILD_CREATE' && f.s === 2)?.d as {
      members: unknown[];
      member_count: number;
      roles: { id: string; name: string }[];
      id: string;
    };
    // Without the GuildMembers intent, only the bot's own member is sent.
    expect(first.members).toHaveLength(1);
    expect(first.member_count).toBe(5);
    expect(first.roles[0]).toMatchObject({ id: first.id, name: '@everyone' });
  });

  it('sends every member with the GuildMembers intent', async () => {
    const gw = await raw();
    gw.send(identify({ intents: 1 | 2 }));
    const create = await gw.next((f) => f.t === 'GUILD_CREATE');
    expect((create.d as { members: unknown[] }).members).toHaveLength(5);
  });

  it.each([
    ['a bad token', identify({ token: 'nope' }), 4004],
    ['a bad shard', identify({ shard: [2, 2] }), 4010],
    ['bad intents', identify({ intents: 'all' }), 4013],
    ['an unknown opcode', { op: 99, d: null }, 4001],
    ['a request before identifying', { op: 8, d: { guild_id: '1' } }, 4003],
  ])('closes on %s', async (_what, frame, code) => {
    const gw = await raw();
    gw.send(frame);
    expect(await gw.closed()).toBe(code);
  });

  it('closes on a second IDENTIFY', async () => {
    const gw = await raw();
    gw.send(identify());
    await gw.next((f) => f.t === 'READY');
    gw.send(identify());
    expect(await gw.closed()).toBe(4005);
  });

  it('resumes and replays missed dispatches, or refuses with op 9', async () => {
    const gw = await raw();
    gw.send(identify());
    const ready = await gw.next((f) => f.t === 'READY');
    const sessionId = (ready.d as { session_id: string }).session_id;
    await gw.next((f) => f.s === 3);
    gw.close();
    const again = await raw('/resume?v=10&encoding=json');
    again.send({ op: 6, d: { token: 'test-token', session_id: sessionId, seq: 1 } });
    const resumed = await again.next((f) => f.t === 'RESUMED');
    expect(again.frames.filter((f) => f.op === 0 && f.t !== 'RESUMED').map((f) => f.s)).toEqual([2, 3]);
    expect(resumed.s).toBe(4);
    const stranger = await raw();
    stranger.send({ op: 6, d: { token: 'test-token', session_id: 'nope', seq: 0 } });
    expect(await stranger.next((f) => f.op === 9)).toMatchObject({ d: false });
  });

  it('compresses with zlib-stream when asked', async () => {
    const inflate = createInflate();
    const texts: string[] = [];
    inflate.on('data', (chunk: Buffer) => texts.push(chunk.toString()));
    const decode = (data: Buffer, isBinary: boolean): string | null => {
      expect(isBinary).toBe(true);
      expect([...data.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
      inflate.write(data);
      inflate.flush(zlibConstants.Z_SYNC_FLUSH);
      return null;
    };
    emu = await startEmulator();
    const gw = new RawGateway(
      `${emu.url.replace('http', 'ws')}/gateway?v=10&encoding=json&compress=zlib-stream`,
      decode,
    );
    raws.push(gw);
    const ops = () => texts.join('').match(/"op":\d+/g);
    await expect.poll(ops, { timeout: 10_000 }).toEqual(['"op":10']);
    gw.send({ op: 1, d: null });
    await expect.poll(ops, { timeout: 10_000 }).toEqual(['"op":10', '"op":11']);
  });

  it('compresses each payload when IDENTIFY asks for compress: true', async () => {
    const gw = await raw('/gateway?v=10&encoding=json', (data, isBinary) =>
      isBinary ? inflateSync(data).toString() : data.toString(),
    );
    gw.send(identify({ compress: true }));
    expect(await gw.next((f) => f.t === 'READY')).toMatchObject({ op: 0 });
  });
});

describe('REST auth', () => {
  it('answers 401 without the bot token, and discord.js reports an invalid token', async () => {
    emu = await startEmulator();
    const res = await fetch(`${emu.apiUrl}/v10/gateway/bot`, { headers: { Authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const client = new Client(emu.clientOptions());
    await expect(client.login('wrong')).rejects.toThrow(/invalid token/i);
    await client.destroy();
  });

  it('answers unknown routes with 404', async () => {
    emu = await startEmulator();
    const res = await fetch(`${emu.apiUrl}/v10/guilds/1/bans`, {
      method: 'POST',
      headers: { Authorization: 'Bot test-token' },
    });
    expect(res.status).toBe(404);
    expect(emu.errors().map((e) => e.route)).toEqual([null]);
  });
});

describe('sharding', () => {
  it('gives each shard its guilds and routes interactions to the shard that owns the guild', async () => {
    emu = await startEmulator({ shards: 2, now: manualClock().now });
    const main = emu.world.guild('main');
    const second = emu.world.guild('second');
    expect([shardForGuild(main.id, 2), shardForGuild(second.id, 2)]).toEqual([0, 1]);
    const res = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: 'Bot test-token' },
    });
    expect(await res.json()).toMatchObject({ shards: 2, session_start_limit: { max_concurrency: 1 } });

    emu.registerCommands([{ name: 'shard', description: 'Which shard?', contexts: [0, 1] }]);
    const reply = (name: string) => async (i: Interaction) => {
      if (i.isChatInputCommand()) await i.reply(`${name} (shard ${i.guild?.shardId ?? 'dm'})`);
    };
    const a = await startBot(emu, reply('A'), { shards: [0], shardCount: 2 });
    const b = await startBot(emu, reply('B'), { shards: [1], shardCount: 2 });
    bots.push(a, b);
    expect(a.client.guilds.cache.map((g) => g.name)).toEqual(['Parley Test Server']);
    expect(b.client.guilds.cache.map((g) => g.name)).toEqual(['Parley Second Server']);

    expect((await emu.command({ guild: 'main', name: 'shard' })).message?.content).toBe('A (shard 0)');
    expect((await emu.command({ guild: 'second', name: 'shard' })).message?.content).toBe('B (shard 1)');
    expect((await emu.command({ guild: null, name: 'shard' })).message?.content).toBe('A (shard dm)');
  });

  it('waits for the owning shard and explains when none logs in', async () => {
    emu = await startEmulator({ shards: 2 });
    emu.registerCommands([{ name: 'ping', description: 'Ping' }]);
    const a = await startBot(
      emu,
      async (i) => {
        if (i.isChatInputCommand()) await i.reply('pong');
      },
      { shards: [0], shardCount: 2 },
    );
    bots.push(a);
    await expect(emu.command({ guild: 'second', name: 'ping', timeoutMs: 200 })).rejects.toThrow(
      /No gateway session receives events for guild/,
    );
  });
});

describe('the bot removed from a guild and added back', () => {
  it('GUILD_DELETE when removed (no commands there meanwhile), GUILD_CREATE when added back', async () => {
    emu = await startEmulator({ now: manualClock().now });
    emu.registerCommands([{ name: 'ping', description: 'Ping' }]);
    const bot = await startBot(emu, async (i) => {
      if (i.isChatInputCommand()) await i.reply(`pong from ${i.guild?.name ?? 'a DM'}`);
    });
    bots.push(bot);
    const main = emu.guild('main');
    expect(bot.client.guilds.cache.has(main.id)).toBe(true);

    const deleted = new Promise<Guild>((resolve) => bot.client.once(Events.GuildDelete, resolve));
    expect(emu.removeBotFrom('main')).toBe(1);
    expect((await deleted).id).toBe(main.id);
    expect(bot.client.guilds.cache.has(main.id)).toBe(false);
    expect(() => emu?.removeBotFrom('main')).toThrow(/already out of guild "main"/);
    await expect(emu.command({ guild: 'main', name: 'ping' })).rejects.toThrow(/not in guild "main"/);
    expect((await emu.command({ guild: 'second', name: 'ping' })).message?.content).toBe(
      'pong from Parley Second Server',
    );

    const created = new Promise<Guild>((resolve) => bot.client.once(Events.GuildCreate, resolve));
    expect(emu.addBotTo('main')).toBe(1);
    expect((await created).name).toBe('Parley Test Server');
    expect((await emu.command({ guild: 'main', name: 'ping' })).message?.content).toBe(
      'pong from Parley Test Server',
    );
    expect(() => emu?.addBotTo('main')).toThrow(/already in guild "main"/);
  });

  it('leaves a removed guild out of READY', async () => {
    emu = await startEmulator({ heartbeatIntervalMs: 45_000 });
    emu.removeBotFrom('main');
    const gw = await raw();
    gw.send(identify());
    const ready = await gw.next((f) => f.t === 'READY');
    const ids = (ready.d as { guilds: { id: string }[] }).guilds.map((g) => g.id);
    expect(ids).toEqual([emu.guild('second').id]);
  });
});
