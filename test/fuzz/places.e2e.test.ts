import {
  DEFAULT_GUILDS,
  type EmulatedMessage,
  type GuildConfig,
  type InteractionResult,
} from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CleanOptions, expectClean, mark } from './checks.js';
import { type FuzzHarness, startFuzzHarness } from './harness.js';

/**
 * Where and how interactions arrive, beyond the happy path: from a server the bot never received
 * GUILD_CREATE for, from DMs, and delivered twice (same id and token).
 */

const UNANNOUNCED: GuildConfig = {
  key: 'unannounced',
  name: 'Parley Unannounced Server',
  owner: 'owner',
  roles: [{ key: 'moderator', name: 'Moderator', permissions: ['ManageMessages'] }],
  channels: [{ key: 'general', name: 'general' }],
  members: [{ user: 'ana' }, { user: 'ben' }, { user: 'mod', roles: ['moderator'] }, { user: 'owner' }],
  unannounced: true,
};

let h: FuzzHarness;
const userId = (key: string) => h.emu.user(key).id;

beforeAll(async () => {
  h = await startFuzzHarness({ emulator: { guilds: [...DEFAULT_GUILDS, UNANNOUNCED] } });
});
afterAll(async () => {
  await h?.close();
});

async function clean(send: () => Promise<InteractionResult>, options: CleanOptions = {}) {
  const before = mark(h);
  const result = await send();
  await h.bot.router.drain();
  expectClean(h, result, before, options);
  return result;
}

function messageOf(result: InteractionResult): EmulatedMessage {
  const message = result.message;
  if (!message) throw new Error(`no message for ${result.record.label}`);
  return message;
}

const ARTICLE_COMMANDS: { name: string; options?: Record<string, string | number> }[] = [
  { name: 'summary' },
  { name: 'summary', options: { length: 'full' } },
  { name: 'who' },
  { name: 'who', options: { name: 'Chase' } },
  { name: 'positions' },
  { name: 'positions', options: { topic: 'Taiwan' } },
  { name: 'topics' },
  { name: 'quotes' },
  { name: 'article' },
  { name: 'article', options: { paragraph: 2 } },
  { name: 'ask', options: { question: 'Who led the Chinese delegation?' } },
  { name: 'help' },
];

const COMMENT_SUBCOMMANDS: { sub: string; options?: Record<string, string | number> }[] = [
  { sub: 'add', options: { text: 'From a DM.' } },
  { sub: 'add' },
  { sub: 'reply', options: { id: '1', text: 'Hi' } },
  { sub: 'list' },
  { sub: 'thread', options: { id: '1' } },
  { sub: 'edit', options: { id: '1', text: 'Edited' } },
  { sub: 'delete', options: { id: '1' } },
  { sub: 'delete-mine' },
  { sub: 'export' },
];

describe('a server the bot never received GUILD_CREATE for', () => {
  const guild = 'unannounced';

  it('really is unknown to the client', () => {
    expect(h.bot.client.guilds.cache.has(h.emu.guild(guild).id)).toBe(false);
    expect(h.bot.client.guilds.cache.has(h.emu.guild('main').id)).toBe(true);
  });

  it('every article command answers', async () => {
    for (const { name, options } of ARTICLE_COMMANDS) {
      const result = await clean(() => h.emu.command({ user: 'ana', guild, name, options: options ?? {} }));
      expect(messageOf(result).embeds.length).toBeGreaterThan(0);
    }
  });

  it('comments work: add, reply (pinging the author), vote, flag, list, thread, edit, export, moderate, delete', async () => {
    const card = messageOf(
      await clean(() =>
        h.emu.command({ user: 'ana', guild, name: 'comment add', options: { text: 'Hello.', on: '¶1' } }),
      ),
    );
    expect(card.embeds[0]?.title).toBe('#1 · Ana');
    const reply = messageOf(
      await clean(
        () =>
          h.emu.command({ user: 'ben', guild, name: 'comment reply', options: { id: '1', text: 'Hi Ana.' } }),
        { pingable: [userId('ana')] },
      ),
    );
    expect(reply.allowed_mentions).toEqual({ users: [userId('ana')] });
    await clean(() => h.emu.click(card, { user: 'mod', label: '👍 0' }));
    await clean(() => h.emu.click(card, { user: 'ben', label: 'Flag' }));
    const list = messageOf(await clean(() => h.emu.command({ user: 'ben', guild, name: 'comment list' })));
    expect(list.embeds[0]?.description).toBe('1 comment · newest first');
    await clean(() => h.emu.command({ user: 'ben', guild, name: 'comment thread', options: { id: '1' } }));
    await clean(() =>
      h.emu.command({ user: 'ana', guild, name: 'comment edit', options: { id: '1', text: 'Hello again.' } }),
    );
    const exported = messageOf(
      await clean(() => h.emu.command({ user: 'ben', guild, name: 'comment export' })),
    );
    expect(exported.attachments[0]?.data.toString('utf8')).toContain('Hello again.');
    const ids = await clean(() =>
      h.emu.autocompleteResult({
        user: 'ben',
        guild,
        name: 'comment thread',
        focused: 'id',
        options: { id: '' },
      }),
    );
    expect(ids.choices?.map((c) => c.value)).toEqual(['2', '1']);
    const refused = messageOf(
      await clean(() =>
        h.emu.command({ user: 'ben', guild, name: 'moderate delete', options: { id: '2' }, force: true }),
      ),
    );
    expect(refused.content).toContain('Only moderators');
    await clean(() => h.emu.command({ user: 'mod', guild, name: 'moderate delete', options: { id: '2' } }));
    expect((await h.comments.get(h.emu.guild(guild).id, 2))?.deleted).toBe(true);
    // Its comments are its own: the main server has none of them.
    expect(await h.comments.get(h.emu.guild('main').id, 1)).toBeUndefined();
  });
});

describe('DMs', () => {
  it('every article command works, without member-comment counts', async () => {
    for (const { name, options } of ARTICLE_COMMANDS) {
      const result = await clean(() =>
        h.emu.command({ user: 'ben', guild: null, name, options: options ?? {} }),
      );
      const message = messageOf(result);
      expect(message.embeds.length).toBeGreaterThan(0);
      expect(message.content).not.toContain('member comment');
      for (const row of message.components) {
        if ('components' in row)
          for (const c of row.components) if ('custom_id' in c) expect(c.custom_id).not.toMatch(/^comment:/);
      }
    }
  });

  it('every /comment subcommand is refused with a clear, private message', async () => {
    for (const { sub, options } of COMMENT_SUBCOMMANDS) {
      const result = await clean(() =>
        h.emu.command({
          user: 'ana',
          guild: null,
          name: `comment ${sub}`,
          options: options ?? {},
          force: true,
        }),
      );
      const message = messageOf(result);
      expect(message.ephemeral).toBe(true);
      expect(message.content).toMatch(/^Comments belong to a server: use \/comment in a server/);
    }
    for (const focused of ['on', 'id'] as const) {
      const name = focused === 'on' ? 'comment add' : 'comment thread';
      const result = await clean(() =>
        h.emu.autocompleteResult({
          user: 'ana',
          guild: null,
          name,
          focused,
          options: { [focused]: '1' },
          force: true,
        }),
      );
      expect(result.choices).toEqual([]);
    }
  });
});

describe('an interaction delivered twice (same id and token)', () => {
  /** Replays `result`'s interaction and waits until the bot has dealt with the copy. */
  async function replay(result: InteractionResult): Promise<void> {
    const requests = h.emu.requests.length;
    const logs = h.logs.length;
    await h.emu.replay(result.id);
    // The copy is dealt with once the bot logs it as a duplicate, or answers it (wrongly) again.
    await expect
      .poll(
        () =>
          h.logs.slice(logs).some((l) => l.interactionId === result.id) ||
          h.emu.requests.slice(requests).some((r) => r.interactionId === result.id),
        { timeout: 20_000, interval: 10 },
      )
      .toBe(true);
    await h.bot.router.drain();
  }

  const noErrorsFor = (result: InteractionResult) =>
    expect(h.emu.requests.filter((r) => r.interactionId === result.id && r.status >= 400)).toEqual([]);

  it('a slash command: the member sees one answer, and nothing is done twice', async () => {
    const guildId = h.emu.guild('main').id;
    const before = (await h.comments.recent(guildId, 1000)).length;
    const result = await clean(() =>
      h.emu.command({ user: 'ana', guild: 'main', name: 'comment add', options: { text: 'Only once.' } }),
    );
    await replay(result);
    expect((await h.comments.recent(guildId, 1000)).length).toBe(before + 1);
    expect(h.emu.messages().filter((m) => m.interaction_id === result.id)).toHaveLength(1);
    noErrorsFor(result);
  });

  it('a 👍 press counts once', async () => {
    const card = messageOf(
      await clean(() =>
        h.emu.command({ user: 'ana', guild: 'main', name: 'comment add', options: { text: 'Vote me.' } }),
      ),
    );
    const n = Number(/^#(\d+)/.exec(card.embeds[0]?.title ?? '')?.[1]);
    const vote = await clean(() => h.emu.click(card, { user: 'ben', label: '👍 0' }));
    await replay(vote);
    expect((await h.comments.get(h.emu.guild('main').id, n))?.votes).toEqual([userId('ben')]);
    noErrorsFor(vote);
  });

  it('a modal submission posts once', async () => {
    const opened = await clean(() => h.emu.command({ user: 'ben', guild: 'main', name: 'comment add' }));
    const modal = opened.modal;
    if (!modal) throw new Error('no modal');
    const guildId = h.emu.guild('main').id;
    const before = (await h.comments.recent(guildId, 1000)).length;
    const submitted = await clean(() => h.emu.submitModal(modal, { values: { text: 'Typed once.' } }));
    await replay(submitted);
    expect((await h.comments.recent(guildId, 1000)).length).toBe(before + 1);
    noErrorsFor(submitted);
  });

  it('an article answer and an autocomplete stay single', async () => {
    const who = await clean(() =>
      h.emu.command({ user: 'ana', guild: 'main', name: 'who', options: { name: 'Song' } }),
    );
    await replay(who);
    expect(h.emu.message(messageOf(who).id)?.edits).toBe(0);
    noErrorsFor(who);
    const choices = await clean(() =>
      h.emu.autocompleteResult({
        user: 'ana',
        guild: 'main',
        name: 'who',
        focused: 'name',
        options: { name: 'ch' },
      }),
    );
    await replay(choices);
    noErrorsFor(choices);
  });

  it('no error was logged and Discord refused nothing else', () => {
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
    h.emu.assertNoErrors();
  });
});
