import type { EmulatedMessage, InteractionResult } from '@parley/discord-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_BACKENDS, harnessOn, SETTLES } from '../helpers/backend-harness.js';
import { embedOf, type Harness, labels, messageOf, textOf } from '../helpers/harness.js';

/**
 * Moderation end to end (real client, emulator, SQLite and Redis): the cards Parley posted follow
 * the store (edit, flags, restore, delete, a card removed by a person, after a restart), and the
 * moderator's workflow — queue, restore, delete, mute, settings, filter, mod-log, purge — and a
 * member's delete-mine.
 */

describe.each(E2E_BACKENDS)('moderation on $name', (backend) => {
  const harness = harnessOn(backend);
  let h: Harness;
  beforeAll(() => {
    h = harness();
  });
  const gid = () => h.emu.guild('main').id;

  const comment = (user: string, sub: string, options: Record<string, string | number> = {}) =>
    h.emu.command({ user, guild: 'main', name: `comment ${sub}`, options });
  const moderate = (user: string, sub: string, options: Record<string, string | number | boolean> = {}) =>
    h.emu.command({ user, guild: 'main', name: `moderate ${sub}`, options, force: true });

  /** Posts a comment and waits until the store knows which message shows its card. */
  async function post(user: string, text: string): Promise<{ n: number; card: EmulatedMessage }> {
    h.cooldownPasses();
    const card = messageOf(await comment(user, 'add', { text }));
    const n = Number(/^#(\d+)/.exec(embedOf(card).title ?? '')?.[1]);
    await expect.poll(async () => (await h.comments.get(gid(), n))?.cards?.length ?? 0, SETTLES).toBe(1);
    return { n, card };
  }

  /** The card as it is in the channel now, once it shows `text`. */
  async function cardShows(card: EmulatedMessage, text: string): Promise<EmulatedMessage | null> {
    await expect.poll(() => textOf(h.emu.message(card.id)), SETTLES).toContain(text);
    return h.emu.message(card.id);
  }

  const privateText = (result: InteractionResult) => {
    const message = messageOf(result);
    expect(message.ephemeral).toBe(true);
    return textOf(message);
  };

  it('the posted card follows edit, hide, restore, edit again (flags count afresh), delete', async () => {
    const { n, card } = await post('ana', 'Something rude');
    await comment('ana', 'edit', { id: String(n), text: 'Something ruder' });
    const edited = await cardShows(card, 'Something ruder');
    expect(embedOf(edited).title).toContain('(edited)');

    for (const user of ['ben', 'owner', 'mod']) await h.emu.click(card, { user, label: 'Flag' });
    const hidden = await cardShows(card, 'hidden pending review');
    expect(textOf(hidden)).not.toContain('ruder');

    expect(privateText(await moderate('mod', 'restore', { id: String(n) }))).toContain(`Restored #${n}`);
    const restored = await cardShows(card, 'Something ruder');
    expect(labels(restored)).toEqual(['Reply', '👍 0', 'Flag']);

    // The author edits the restored comment into something else: members' flags count again.
    await comment('ana', 'edit', { id: String(n), text: 'Abusive now' });
    await cardShows(card, 'Abusive now');
    for (const user of ['ben', 'owner', 'mod']) await h.emu.click(card, { user, label: 'Flag' });
    await cardShows(card, 'hidden pending review');
    expect((await h.comments.get(gid(), n))?.hidden).toBe(true);

    await moderate('mod', 'delete', { id: String(n) });
    const deleted = await cardShows(card, '[deleted]');
    expect(deleted?.components).toEqual([]);
    expect(textOf(deleted)).not.toContain('Abusive');
  });

  it('an author delete and a card from a modal and a reply follow too, even after a restart', async () => {
    const { n, card } = await post('ben', 'Original words');
    h.cooldownPasses();
    const reply = messageOf(await comment('ana', 'reply', { id: String(n), text: 'A reply' }));
    const r = n + 1;
    await expect.poll(async () => (await h.comments.get(gid(), r))?.cards?.length ?? 0, SETTLES).toBe(1);

    await h.restartBot();
    // Edit without text: a form with the current text.
    const opened = await comment('ben', 'edit', { id: String(n) });
    const modal = opened.modal;
    if (!modal) throw new Error('no modal');
    expect(JSON.stringify(modal.components)).toContain('Original words');
    await h.emu.submitModal(modal, { values: { text: 'Better words' } });
    await cardShows(card, 'Better words');

    await comment('ana', 'delete', { id: String(r) });
    const gone = await cardShows(reply, '[deleted]');
    expect(gone?.components).toEqual([]);
  });

  it('a card whose message a person deleted is skipped: the change is saved, nothing fails', async () => {
    const { n, card } = await post('ana', 'Soon removed by hand');
    h.emu.deleteMessageAsUser(card.id);
    const result = await comment('ana', 'edit', { id: String(n), text: 'Edited after removal' });
    expect(result.errors).toEqual([]);
    expect(privateText(result)).toContain('Edited after removal');
    expect((await h.comments.get(gid(), n))?.text).toBe('Edited after removal');
    expect(h.emu.message(card.id)?.deleted).toBe(true);
    // Parley did try the card, and Discord answered 10008: that is the path that was skipped.
    await expect
      .poll(
        () =>
          h.emu.requests.some(
            (r) => r.method === 'PATCH' && r.path.includes(`/messages/${card.id}`) && r.status === 404,
          ),
        SETTLES,
      )
      .toBe(true);
  });

  it('queue: flagged comments oldest first, with counts and who flagged, for moderators only', async () => {
    const a = await post('ana', 'Queue first');
    const b = await post('ana', 'Queue second');
    await h.emu.click(b.card, { user: 'ben', label: 'Flag' });
    await h.emu.click(a.card, { user: 'ben', label: 'Flag' });
    await h.emu.click(a.card, { user: 'owner', label: 'Flag' });
    const refused = privateText(await moderate('ben', 'queue'));
    expect(refused).toBe('Only moderators (members with Manage Messages) can moderate comments.');
    const queue = messageOf(await moderate('mod', 'queue'));
    expect(queue.ephemeral).toBe(true);
    const text = textOf(queue);
    const first = text.indexOf(`#${a.n}`);
    expect(first).toBeGreaterThan(-1);
    expect(text.indexOf(`#${b.n}`)).toBeGreaterThan(first);
    expect(text).toContain('2 flags');
    expect(text).toContain(`<@${h.emu.user('owner').id}>`);

    expect(privateText(await moderate('mod', 'restore', { id: String(a.n) }))).toContain('Restored');
    const nothing = privateText(await moderate('mod', 'restore', { id: String(a.n) }));
    expect(nothing).toContain('nothing to restore');
  });

  it('settings, mod-log, filter and mute; settings survive a restart', async () => {
    const modlog = h.emu.guild('main').channels.find((c) => c.key === 'article')?.id ?? '';
    const saved = messageOf(await moderate('mod', 'settings', { modlog: 'article', block_word: 'spoon' }));
    expect(saved.ephemeral).toBe(true);
    expect(textOf(saved)).toContain('blocked a word');
    const logged = () => h.emu.messages().filter((m) => m.kind === 'channel' && m.channel_id === modlog);
    await expect.poll(() => logged().length, SETTLES).toBe(1);
    expect(logged()[0]?.content).toContain('Mod changed settings');
    expect(logged()[0]?.allowed_mentions).toEqual({ parse: [] });

    h.cooldownPasses();
    const blocked = privateText(await comment('ana', 'add', { text: 'I love my SPOON' }));
    expect(blocked).toContain('blocked');
    h.cooldownPasses();
    const invite = privateText(await comment('ana', 'add', { text: 'join discord.gg/xyz' }));
    expect(invite).toContain('Invite links');

    await h.restartBot();
    const shown = messageOf(await moderate('mod', 'settings'));
    expect(textOf(shown)).toContain('“spoon”');
    expect(textOf(shown)).toContain(`<#${modlog}>`);

    await moderate('mod', 'mute', { member: 'ben', duration: 10 });
    await expect.poll(() => logged().length, SETTLES).toBe(2);
    expect(logged()[1]?.content).toContain('Mod muted Ben in comments for 10 minutes');
    h.cooldownPasses();
    expect(privateText(await comment('ben', 'add', { text: 'Let me speak' }))).toContain('muted you');
    h.clock.advance(10 * 60_000 + 1);
    const back = messageOf(await comment('ben', 'add', { text: 'Back again' }));
    expect(back.ephemeral).toBe(false);

    // An auto-hide writes its own line.
    await moderate('mod', 'settings', { flags: 1 });
    const { card } = await post('ben', 'One flag is enough now');
    await h.emu.click(card, { user: 'ana', label: 'Flag' });
    await expect
      .poll(() => logged().some((m) => m.content.includes('Auto-hidden after 1 flags')), SETTLES)
      .toBe(true);
    await moderate('mod', 'settings', { flags: 3, comments: false });
    h.cooldownPasses();
    expect(privateText(await comment('ana', 'add', { text: 'Anyone?' }))).toContain('turned comments off');
    await moderate('mod', 'settings', { comments: true, modlog_off: true });
  });

  it('delete-mine asks first, then deletes only the member’s own comments', async () => {
    await post('ana', 'Mine to delete');
    await post('ben', 'Not mine');
    const ask = messageOf(await comment('ana', 'delete-mine'));
    expect(ask.ephemeral).toBe(true);
    const liveOf = async (userId: string) => {
      let n = 0;
      for await (const c of h.comments.exportAll(gid())) if (c.authorId === userId && !c.deleted) n++;
      return n;
    };
    const ana = h.emu.user('ana').id;
    expect(await liveOf(ana)).toBeGreaterThan(0);
    expect(privateText(await h.emu.click(ask, { user: 'ana', index: 0 }))).toMatch(/^Deleted \d+/);
    expect(await liveOf(ana)).toBe(0);
    expect(await liveOf(h.emu.user('ben').id)).toBeGreaterThan(0);
  });

  it('purge needs Manage Server and a confirmation, then deletes the server’s comments and settings', async () => {
    expect(privateText(await moderate('mod', 'purge'))).toContain('Manage Server');
    const ask = messageOf(await moderate('owner', 'purge'));
    expect(ask.ephemeral).toBe(true);
    expect(await h.comments.get(gid(), 1)).toBeDefined();
    const done = await h.emu.click(ask, { user: 'owner', label: 'Delete everything' });
    expect(textOf(messageOf(done))).toContain("Deleted all of this server's comments");
    expect(await h.comments.get(gid(), 1)).toBeUndefined();
    expect((await h.comments.moderation(gid())).blockedWords).toEqual([]);
    h.cooldownPasses();
    const fresh = messageOf(await comment('ana', 'add', { text: 'A fresh start' }));
    expect(embedOf(fresh).title).toMatch(/^#1 /);
    // Nothing Discord would refuse, apart from the one card a person had deleted (10008).
    const refused = h.emu.requests.filter((r) => r.status >= 400 && r.fault === null);
    expect(refused.every((r) => r.method === 'PATCH' && r.status === 404)).toBe(true);
  });
});
