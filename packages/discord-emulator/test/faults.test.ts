import { once } from 'node:events';
import { type Emulator, type GatewayEvent, manualClock, startEmulator } from '@parley/discord-emulator';
import { Events, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from './bot.js';

let emu: Emulator;
let bot: TestBot;
let gatewayEvents: GatewayEvent['type'][];

async function reply(i: Interaction): Promise<void> {
  if (i.isChatInputCommand()) await i.reply(`pong ${i.options.getString('n') ?? ''}`.trim());
}

beforeEach(async () => {
  // A hand-driven clock: the 3 s window cannot expire while the client reconnects on a busy machine.
  emu = await startEmulator({ now: manualClock().now });
  gatewayEvents = [];
  emu.on('gateway', (e) => gatewayEvents.push(e.type));
  emu.registerCommands([
    {
      name: 'ping',
      description: 'Ping',
      options: [{ type: 3, name: 'n', description: 'Tag' }],
      contexts: [0, 1],
    },
  ]);
  bot = await startBot(emu, reply);
  gatewayEvents = [];
});

afterEach(async () => {
  await bot.destroy();
  await emu.close();
});

/** An interaction dispatched right after the fault is still answered (replayed on resume, or sent to the new session). */
async function stillAnswers(tag: string): Promise<void> {
  const result = await emu.command({ name: 'ping', options: { n: tag } });
  expect(result.message?.content).toBe(`pong ${tag}`);
  // No duplicate delivery (a replayed interaction answered twice would get 40060).
  emu.assertNoErrors();
}

describe('gateway faults: the real client recovers', () => {
  it('dropConnection → the client resumes and gets the events it missed', async () => {
    const resumed = once(bot.client, Events.ShardResume);
    expect(emu.dropConnection()).toBe(1);
    await stillAnswers('after-drop');
    const [shardId, replayed] = await resumed;
    expect(shardId).toBe(0);
    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(gatewayEvents).toContain('resumed');
    expect(gatewayEvents).not.toContain('identify');
  });

  it('sendReconnect (op 7) → the client reconnects and resumes', async () => {
    const resumed = emu.waitForGateway('resumed');
    expect(emu.sendReconnect()).toBe(1);
    // Sent while the client is still handling op 7: it must arrive exactly once (live or replayed).
    await stillAnswers('during-reconnect');
    await resumed;
    await stillAnswers('after-reconnect');
    expect(gatewayEvents).not.toContain('identify');
  });

  it('invalidateSession(true) → the client resumes on the same connection', async () => {
    emu.invalidateSession(true);
    await emu.waitForGateway('resumed');
    await stillAnswers('after-op9-true');
    expect(gatewayEvents.filter((t) => t === 'connect')).toHaveLength(0);
  });

  it('invalidateSession(false) → the client identifies again with a new session', async () => {
    const before = emu.gateway.sessions()[0]?.id;
    emu.invalidateSession(false);
    await stillAnswers('after-op9-false');
    expect(gatewayEvents).toContain('identify');
    expect(emu.gateway.sessions()[0]?.id).not.toBe(before);
  });

  it('closeWith(4000) → the client resumes', async () => {
    emu.closeWith(4000);
    await stillAnswers('after-4000');
    expect(gatewayEvents).toContain('resumed');
  });

  it('closeWith(4009) → the resume is refused and the client identifies again', async () => {
    emu.closeWith(4009);
    await stillAnswers('after-4009');
    expect(gatewayEvents).toEqual(expect.arrayContaining(['close', 'resume', 'invalid-session', 'identify']));
  });

  it('closeWith(4004) → the client gives up, so nothing receives interactions', async () => {
    const disconnected = once(bot.client, Events.ShardDisconnect);
    emu.closeWith(4004);
    const [event] = await disconnected;
    expect(event).toMatchObject({ code: 4004 });
    await expect(emu.command({ name: 'ping', timeoutMs: 300 })).rejects.toThrow(/No gateway session/);
  });
});

describe('REST faults', () => {
  it('a 429 on the callback is waited out by discord.js and the reply still lands', async () => {
    const fault = emu.faults.rateLimit('/callback', 0.05);
    await stillAnswers('after-429');
    expect(fault).toMatchObject({ hits: 1, remaining: 0 });
    const callbacks = emu.requests.filter((r) => r.route === '/interactions/:id/:token/callback');
    expect(callbacks.map((r) => [r.status, r.fault])).toEqual([
      [429, '429 retry_after=0.05'],
      [204, null],
    ]);
    expect(callbacks[0]?.responseBody).toEqual({
      message: 'You are being rate limited.',
      retry_after: 0.05,
      global: false,
    });
  });

  it('a 500 on the callback is retried by discord.js', async () => {
    emu.faults.serverError(/^POST \/interactions\//, 2);
    await stillAnswers('after-500');
    const statuses = emu.requests
      .filter((r) => r.route === '/interactions/:id/:token/callback')
      .map((r) => r.status);
    expect(statuses).toEqual([500, 500, 204]);
  });

  it('faults match by method and can delay instead', async () => {
    const fault = emu.faults.add({ route: '/applications/', method: 'GET', delayMs: 20 });
    await bot.client.application?.commands.fetch();
    expect(fault.hits).toBe(1);
    expect(emu.requests.at(-1)).toMatchObject({ method: 'GET', status: 200, fault: null });
    expect(emu.faults.pending).toHaveLength(0);
  });
});
