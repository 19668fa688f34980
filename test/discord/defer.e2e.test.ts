import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/discord/command.js';
import { type Harness, startHarness } from '../helpers/harness.js';

/** Answers only after a wait (the defer timer was armed first, so it fires first). */
const later = (name: string, ephemeral: boolean): Command => ({
  data: new SlashCommandBuilder().setName(name).setDescription('Answers later'),
  ...(ephemeral ? { defer: 'ephemeral' as const } : {}),
  async execute(_interaction, ctx) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.respond.send({ content: 'done', ephemeral });
  },
});

let h: Harness;
beforeAll(async () => {
  // Every handler counts as slow: the auto-defer goes out before any answer.
  h = await startHarness({
    start: { autoDeferMs: 0, extraCommands: [later('secret', true), later('slow', false)] },
  });
});
afterAll(() => h.close());

describe("the auto-defer follows the command's hint", () => {
  it('a private answer is deferred privately: no public "thinking…" on the way', async () => {
    const result = await h.emu.command({ user: 'ana', guild: 'main', name: 'secret' });
    expect(result.type).toBe(5);
    expect(result.message).toMatchObject({ kind: 'reply', ephemeral: true, deleted: false, content: 'done' });
    expect(h.bot.commands.get('help')?.defer).toBe('ephemeral');
  });

  it('a public answer (no hint) is deferred publicly and filled in', async () => {
    const result = await h.emu.command({ user: 'ana', guild: 'main', name: 'slow' });
    expect(result.type).toBe(5);
    expect(result.message).toMatchObject({
      kind: 'reply',
      ephemeral: false,
      deleted: false,
      content: 'done',
    });
  });
});

describe('/help', () => {
  it('fetches the command ids once, not on every use', async () => {
    const lookups = () =>
      h.emu.requests.filter((r) => r.method === 'GET' && /\/commands/.test(r.path)).length;
    await h.emu.command({ user: 'ana', guild: 'main', name: 'help' });
    const after = lookups();
    await h.emu.command({ user: 'ana', guild: 'main', name: 'help' });
    await h.emu.command({ user: 'ben', guild: 'main', name: 'help' });
    expect(lookups()).toBe(after);
  });
});
