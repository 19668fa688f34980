import type { EmulatedMessage } from '@parley/discord-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { commentCard } from '../../src/comments/render.js';
import { E2E_BACKENDS, harnessOn, SETTLES } from '../helpers/backend-harness.js';
import { embedOf, type Harness, labels, messageOf } from '../helpers/harness.js';

/**
 * A posted card shows its comment's counts (`👍 N · 💬 N replies`), and follows them end to end (real
 * client, emulator, SQLite and Redis): a reply (command or Reply button and form) raises the parent's
 * count on its cards; a delete (author, moderator, delete-mine) lowers it on every ancestor whose count
 * changed in that write; a 👍 shows on every posted card of the comment; a parent's card a person
 * deleted is skipped.
 */

describe.each(E2E_BACKENDS)('reply counts on posted cards on $name', (backend) => {
  const harness = harnessOn(backend);
  let h: Harness;
  beforeAll(() => {
    h = harness();
  });
  const gid = () => h.emu.guild('main').id;

  const comment = (user: string, sub: string, options: Record<string, string | number> = {}) => {
    h.cooldownPasses();
    return h.emu.command({ user, guild: 'main', name: `comment ${sub}`, options });
  };

  /** The number on a card's title (`#12 · Ana`). */
  const numberOf = (card: EmulatedMessage) => Number(/^#(\d+)/.exec(embedOf(card).title ?? '')?.[1]);

  /** Waits until the store knows which message shows the comment's card. */
  async function recorded(card: EmulatedMessage): Promise<{ n: number; card: EmulatedMessage }> {
    const n = numberOf(card);
    await expect.poll(async () => (await h.comments.get(gid(), n))?.cards?.length ?? 0, SETTLES).toBe(1);
    return { n, card };
  }

  const post = async (user: string, text: string) =>
    recorded(messageOf(await comment(user, 'add', { text })));
  const reply = async (user: string, to: number, text: string) =>
    recorded(messageOf(await comment(user, 'reply', { id: String(to), text })));

  /** The counts line of the card as it is in the channel now. */
  const counts = (card: EmulatedMessage) => embedOf(h.emu.message(card.id)).footer?.text ?? '';
  const shows = (card: EmulatedMessage, text: string) =>
    expect.poll(() => counts(card), SETTLES).toContain(text);
  /** Edits Parley made to a message over REST. */
  const patches = (card: EmulatedMessage) =>
    h.emu.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${card.id}`)).length;

  it('replies raise the parent’s card; deletes by the author and by a moderator lower it', async () => {
    const parent = await post('ana', 'Who blinks first?');
    expect(counts(parent.card)).toContain('💬 0 replies');

    const first = await reply('ben', parent.n, 'Neither, for now');
    await shows(parent.card, '💬 1 reply');
    // The second reply through the card's Reply button and its form.
    const opened = await h.emu.click(parent.card, { user: 'owner', label: 'Reply' });
    if (!opened.modal) throw new Error(`no modal: ${JSON.stringify(opened.errors)}`);
    h.cooldownPasses();
    const submitted = await h.emu.submitModal(opened.modal, { values: { text: 'Both, eventually' } });
    const second = await recorded(messageOf(submitted));
    await shows(parent.card, '💬 2 replies');
    expect(labels(h.emu.message(parent.card.id))).toEqual(['Reply', '👍 0', 'Flag']);

    await comment('ben', 'delete', { id: String(first.n) });
    await shows(parent.card, '💬 1 reply');
    const result = await h.emu.command({
      user: 'mod',
      guild: 'main',
      name: 'moderate delete',
      options: { id: String(second.n) },
      force: true,
    });
    expect(result.errors).toEqual([]);
    await shows(parent.card, '💬 0 replies');
    await expect.poll(() => counts(second.card), SETTLES).toContain('/comment thread');
    expect(embedOf(h.emu.message(second.card.id)).title).toContain('[deleted]');
  });

  it('a reply to a reply changes only its parent’s cards; a delete recounts every ancestor it empties', async () => {
    const top = await post('ana', 'Top of the thread');
    const middle = await reply('ben', top.n, 'In the middle');
    await shows(top.card, '💬 1 reply');
    const topEdits = patches(top.card);

    const bottom = await reply('ana', middle.n, 'At the bottom');
    await shows(middle.card, '💬 1 reply');
    // #top still has one direct reply: its card was left alone.
    expect(patches(top.card)).toBe(topEdits);
    expect(counts(top.card)).toContain('💬 1 reply');
    expect(counts(bottom.card)).toContain('💬 0 replies');

    // Deleted with a reply under it, the middle stays as "[deleted]" and still counts for the top.
    await comment('ben', 'delete', { id: String(middle.n) });
    await expect.poll(() => embedOf(h.emu.message(middle.card.id)).title, SETTLES).toContain('[deleted]');
    expect(counts(middle.card)).toContain('💬 1 reply');
    expect(counts(top.card)).toContain('💬 1 reply');

    // Its last reply gone, the middle leaves the thread: both ancestors' cards follow from one write.
    await comment('ana', 'delete', { id: String(bottom.n) });
    await shows(middle.card, '💬 0 replies');
    await shows(top.card, '💬 0 replies');
    expect((await h.comments.get(gid(), top.n))?.replyCount).toBe(0);
  });

  it('delete-mine lowers the counts on the cards of the comments it replied to', async () => {
    const theirs = await post('ben', 'Replied to by the owner');
    await reply('owner', theirs.n, 'Soon gone with the rest of mine');
    await shows(theirs.card, '💬 1 reply');
    const ask = messageOf(await h.emu.command({ user: 'owner', guild: 'main', name: 'comment delete-mine' }));
    const done = await h.emu.click(ask, { user: 'owner', index: 0 });
    expect(done.errors).toEqual([]);
    await shows(theirs.card, '💬 0 replies');
  });

  it('a 👍 shows on every posted card of the comment, not only the one pressed', async () => {
    const { n, card } = await post('ana', 'Shown twice');
    // A second message showing the same card (as one posted before cards were recorded, then pressed).
    const stored = await h.comments.get(gid(), n);
    if (!stored) throw new Error(`#${n} not stored`);
    const again = await h.bot.ctx.channels.post(card.channel_id, commentCard(h.article, stored));
    await h.comments.addCard(gid(), n, again);
    const copy = h.emu.message(again.messageId);
    if (!copy) throw new Error('second card not posted');

    const voted = await h.emu.click(copy, { user: 'ben', label: '👍 0' });
    expect(voted.errors).toEqual([]);
    await expect.poll(() => labels(h.emu.message(card.id)), SETTLES).toContain('👍 1');
    expect(counts(card)).toContain('👍 1');
    expect(labels(h.emu.message(copy.id))).toContain('👍 1');
  });

  it('a parent’s card whose message a person deleted is skipped: the reply is posted and counted', async () => {
    const parent = await post('ana', 'My card will be removed by hand');
    h.emu.deleteMessageAsUser(parent.card.id);
    const result = await comment('ben', 'reply', { id: String(parent.n), text: 'Still answering' });
    expect(result.errors).toEqual([]);
    expect(messageOf(result).ephemeral).toBe(false);
    expect((await h.comments.get(gid(), parent.n))?.replyCount).toBe(1);
    // Parley tried the parent's card and Discord answered 10008: the path that was skipped.
    await expect
      .poll(
        () =>
          h.emu.requests.some(
            (r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${parent.card.id}`) && r.status === 404,
          ),
        SETTLES,
      )
      .toBe(true);
  });
});
