import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayIntentBits, IntentsBitField } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/discord/client.js';
import { type FuzzHarness, startFuzzHarness } from '../fuzz/harness.js';
import { REPO_ROOT } from '../helpers/articles.js';

/**
 * Parley asks for as little as it can: only the Guilds intent (no privileged ones), no partials,
 * nobody pinged by default, an invite with `permissions=0` — and, running, it only answers
 * interactions: it never calls a REST route that needs a permission in the server.
 */

describe('the client', () => {
  const client = createClient({ apiUrl: undefined });
  afterAll(async () => {
    await client.destroy();
  });

  it('asks for exactly the Guilds intent: no privileged intents', () => {
    expect(new IntentsBitField(client.options.intents).bitfield).toBe(GatewayIntentBits.Guilds);
    const privileged =
      GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
    expect(new IntentsBitField(client.options.intents).bitfield & privileged).toBe(0);
  });

  it('needs no partials and pings nobody unless a reply says so', () => {
    expect(client.options.partials ?? []).toEqual([]);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
  });
});

describe('the running bot', () => {
  let h: FuzzHarness;
  beforeAll(async () => {
    h = await startFuzzHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('identifies with intents = Guilds', () => {
    const sessions = h.emu.gateway.sessions();
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) expect(session.intents).toBe(GatewayIntentBits.Guilds);
  });

  it('only ever calls answer routes (callbacks, its webhooks, commands), which need no server permission', async () => {
    const card = await h.emu.command({
      user: 'ana',
      guild: 'main',
      name: 'comment add',
      options: { text: 'Hi.' },
    });
    if (card.message) await h.emu.click(card.message, { user: 'ben', label: '👍 0' });
    await h.emu.command({ user: 'ben', guild: 'main', name: 'help' });
    await h.emu.command({ user: 'ben', guild: 'main', name: 'comment export' });
    await h.emu.command({ user: 'ben', guild: null, name: 'who' });
    await h.bot.router.drain();
    const allowed = new Set([
      '/gateway/bot',
      '/users/@me',
      '/applications/@me',
      '/applications/:app/commands',
      '/applications/:app/guilds/:guild/commands',
      '/interactions/:id/:token/callback',
      '/webhooks/:app/:token',
      '/webhooks/:app/:token/messages/:message',
    ]);
    const routes = new Set(h.emu.requests.map((r) => `${r.method} ${r.route ?? r.path}`));
    for (const route of routes) expect(allowed.has(route.replace(/^\S+ /, ''))).toBe(true);
    // Command reads are GETs (for /help's clickable mentions); the bot registers nothing at runtime.
    for (const r of h.emu.requests) if (r.route?.includes('/commands')) expect(r.method).toBe('GET');
  });
});

describe('the README', () => {
  const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');

  it('invites the bot with permissions=0 and the scopes bot applications.commands', () => {
    const links = [
      ...readme.matchAll(/https:\/\/discord\.com\/(?:api\/)?oauth2\/authorize\?[^\s`)>\]]+/g),
    ].map((m) => new URL(m[0]));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.searchParams.get('permissions')).toBe('0');
      expect(link.searchParams.get('scope')?.split(' ').sort()).toEqual(['applications.commands', 'bot']);
    }
  });

  it('says no privileged intents are needed', () => {
    expect(readme).toMatch(/no privileged intents/i);
  });
});
