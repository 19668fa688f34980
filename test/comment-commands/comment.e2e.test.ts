import type { EmulatedMessage, InteractionResult } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentModals } from '../../src/comments/custom-ids.js';
import { articleRef } from '../../src/library/library.js';
import { embedOf, type Harness, labels, messageOf, startHarness, textOf } from '../helpers/harness.js';

let h: Harness;
const id = (user: string) => h.emu.world.user(user).id;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function comment(
  user: string,
  sub: string,
  options: Record<string, string | number> = {},
  guild: string | null = 'main',
): Promise<InteractionResult> {
  return h.emu.command({ user, guild, name: `comment ${sub}`, options });
}

/** Expects a private refusal and returns its text. */
function refusal(result: InteractionResult): string {
  const message = messageOf(result);
  expect(message.ephemeral).toBe(true);
  expect(message.embeds).toEqual([]);
  return message.content;
}

/** The number of the comment a card shows (`#12 · …`). */
function numberOf(message: EmulatedMessage): number {
  const match = /^#(\d+) /.exec(embedOf(message).title ?? '');
  if (!match) throw new Error(`not a card: ${embedOf(message).title}`);
  return Number(match[1]);
}

describe('/comment end to end (real client, emulator, memory store)', () => {
  let first: EmulatedMessage;

  it('add: posts a public card with number, author, stance, anchor and buttons', async () => {
    const result = await comment('ana', 'add', {
      text: 'I think the US framing matters here.',
      on: 'p:5',
      stance: 'question',
    });
    first = messageOf(result);
    expect(result.errors).toEqual([]);
    expect(first.ephemeral).toBe(false);
    const embed = embedOf(first);
    expect(embed.title).toBe('#1 · Ana · ❓ question');
    expect(embed.description).toBe('I think the US framing matters here.');
    expect(embed.fields?.[0]?.value).toMatch(/^¶5 — “In response, the US stressed/);
    expect(labels(first)).toEqual(['Reply', '👍 0', 'Flag']);
    // User text never pings: the client default stands.
    expect(first.allowed_mentions).toEqual({ parse: [] });
  });

  it('add without text: opens a modal, and the submission posts the card', async () => {
    const opened = await comment('ben', 'add', { on: 'Michael Chase' });
    expect(opened.type).toBe(9);
    const modal = opened.modal;
    if (!modal) throw new Error('no modal');
    expect(commentModals.decode(modal.custom_id)).toEqual({
      kind: 'add',
      stance: null,
      article: articleRef(h.article.id),
      anchor: 'actor:michael-chase',
    });
    const submitted = await h.emu.submitModal(modal, {
      values: { text: 'Chase said a lot\nin two lines.', stance: 'supports' },
    });
    const card = messageOf(submitted);
    expect(embedOf(card).title).toBe('#2 · Ben · ✅ supports');
    expect(embedOf(card).description).toBe('Chase said a lot\nin two lines.');
    expect(embedOf(card).fields?.[0]?.value).toBe('Actor · Michael Chase');
  });

  it('autocompletes anchors and recent comments', async () => {
    const anchors = await h.emu.autocomplete({
      user: 'ana',
      guild: 'main',
      name: 'comment add',
      focused: 'on',
      options: { on: 'chase' },
    });
    expect(anchors[0]).toEqual({ name: 'Actor · Michael Chase', value: 'actor:michael-chase' });
    const ids = await h.emu.autocomplete({
      user: 'ana',
      guild: 'main',
      name: 'comment reply',
      focused: 'id',
      options: { id: '' },
    });
    expect(ids.map((c) => c.value)).toEqual(['2', '1']);
    expect(ids[1]?.name).toBe('#1 · Ana: I think the US framing matters here.');
    const typed = await h.emu.autocomplete({
      user: 'ana',
      guild: 'main',
      name: 'comment thread',
      focused: 'id',
      options: { id: '#1' },
    });
    expect(typed.map((c) => c.value)).toEqual(['1']);
  });

  it('reply: pings the replied-to author only', async () => {
    h.cooldownPasses();
    const result = await comment('ben', 'reply', {
      id: '#1',
      text: 'Because of the talks.',
      stance: 'adds context',
    });
    const card = messageOf(result);
    expect(embedOf(card).title).toBe('#3 · Ben · ➕ adds context');
    expect(embedOf(card).description).toMatch(/^↳ reply to \*\*#1\*\* · Ana: “I think the US framing/);
    expect(card.content).toBe(`<@${id('ana')}>, Ben replied to your comment #1.`);
    expect(card.allowed_mentions).toEqual({ users: [id('ana')] });
  });

  it('Reply button: opens a modal and posts the reply', async () => {
    const opened = await h.emu.click(first, { user: 'owner', label: 'Reply' });
    const modal = opened.modal;
    if (!modal) throw new Error('no modal');
    expect(modal.title).toBe('Reply to #1 by Ana');
    const posted = messageOf(await h.emu.submitModal(modal, { values: { text: 'Via the button.' } }));
    expect(numberOf(posted)).toBe(4);
    expect(posted.allowed_mentions).toEqual({ users: [id('ana')] });
  });

  it('replying to your own comment pings nobody', async () => {
    h.cooldownPasses();
    const posted = messageOf(await comment('ana', 'reply', { id: '3', text: 'Thanks Ben, fair point.' }));
    expect(posted.content).toBe(`<@${id('ben')}>, Ana replied to your comment #3.`);
    h.cooldownPasses();
    const own = messageOf(await comment('ana', 'reply', { id: '5', text: 'Replying to myself.' }));
    expect(own.content).toBe('');
    expect(own.allowed_mentions).toEqual({ parse: [] });
  });

  it('list: top-level comments with reply and vote counts', async () => {
    const list = messageOf(await comment('ben', 'list'));
    const embed = embedOf(list);
    expect(embed.description).toBe('2 comments · newest first');
    expect(embed.fields?.map((f) => f.name)).toEqual(['#2 · Ben · ✅ supports', '#1 · Ana · ❓ question']);
    expect(embed.fields?.[1]?.value).toContain('👍 0 · 💬 2 replies');
    const onP5 = messageOf(await comment('ben', 'list', { on: '¶5' }));
    expect(embedOf(onP5).title).toMatch(/^Comments on ¶5/);
    expect(embedOf(onP5).fields).toHaveLength(1);
  });

  it('thread: the comment and all its replies as an indented tree', async () => {
    const thread = messageOf(await comment('ben', 'thread', { id: '1' }));
    const text = embedOf(thread).description ?? '';
    expect(embedOf(thread).title).toBe('Thread #1 · ¶5');
    expect(text).toContain('**#1 · Ana · ❓ question** · 👍 0\nI think the US framing matters here.');
    expect(text).toContain('↳ **#3 · Ben · ➕ adds context**');
    expect(text).toContain('\u2003↳ **#5 · Ana**');
    expect(text).toContain('\u2003\u2003↳ **#6 · Ana**');
    expect(text).toContain('↳ **#4 · Owner**');
    expect(text.indexOf('#3')).toBeLessThan(text.indexOf('#5'));
    expect(text.indexOf('#6')).toBeLessThan(text.indexOf('#4'));
  });

  it('👍 toggles one vote per member and updates the card', async () => {
    const voted = await h.emu.click(first, { user: 'ben', label: '👍 0' });
    await voted.waitForFollowUps(1);
    expect(voted.type).toBe(7);
    expect(labels(h.emu.message(first.id))).toEqual(['Reply', '👍 1', 'Flag']);
    expect(voted.followUps[0]).toMatchObject({
      ephemeral: true,
      content: '👍 You voted for #1. Press again to take it back.',
    });
    await (await h.emu.click(first, { user: 'owner', label: '👍 1' })).waitForFollowUps(1);
    expect(labels(h.emu.message(first.id))).toEqual(['Reply', '👍 2', 'Flag']);
    const undo = await h.emu.click(first, { user: 'ben', label: '👍 2' });
    await undo.waitForFollowUps(1);
    expect(labels(h.emu.message(first.id))).toEqual(['Reply', '👍 1', 'Flag']);
    const top = messageOf(await comment('ben', 'list', { sort: 'top' }));
    expect(embedOf(top).fields?.[0]?.name).toBe('#1 · Ana · ❓ question');
  });

  it('flag ×3 hides a comment from lists; only a moderator restores it', async () => {
    h.cooldownPasses();
    const card = messageOf(await comment('ana', 'add', { text: 'A spicy take.', on: 'topic:taiwan' }));
    const n = numberOf(card);
    const own = await h.emu.click(card, { user: 'ana', label: 'Flag' });
    expect(refusal(own)).toContain('your own comment');

    const once = await h.emu.click(card, { user: 'ben', label: 'Flag' });
    expect(refusal(once)).toContain(`Thanks for flagging #${n}.`);
    expect(refusal(await h.emu.click(card, { user: 'ben', label: 'Flag' }))).toBe(
      `You already flagged #${n}.`,
    );
    await h.emu.click(card, { user: 'owner', label: 'Flag' });
    const third = await h.emu.click(card, { user: 'mod', label: 'Flag' });
    await third.waitForFollowUps(1);
    expect(third.followUps[0]?.content).toContain('it is hidden until a moderator reviews it');
    const hiddenCard = h.emu.message(card.id);
    expect(textOf(hiddenCard)).not.toContain('A spicy take.');
    expect(textOf(hiddenCard)).toContain('[hidden');

    const list = messageOf(await comment('ben', 'list', { on: 'topic:taiwan' }));
    expect(embedOf(list).description).toContain('No comments yet');
    // Members see a placeholder in the thread; moderators see the text, marked.
    expect(textOf(messageOf(await comment('ben', 'thread', { id: String(n) })))).not.toContain('spicy');
    // …privately, so the hidden text never lands in the channel.
    const modView = messageOf(await comment('mod', 'thread', { id: String(n) }));
    expect(modView.ephemeral).toBe(true);
    expect(textOf(modView)).toContain('🚩 hidden (3 flags)');
    const benView = messageOf(await comment('ben', 'thread', { id: String(n) }));
    expect(benView.ephemeral).toBe(false);

    const moderate = (user: string, sub: string, options: Record<string, string>) =>
      h.emu.command({ user, guild: 'main', name: `moderate ${sub}`, options, force: true });
    const notMod = refusal(await moderate('ben', 'restore', { id: String(n) }));
    expect(notMod).toBe('Only moderators (members with Manage Messages) can moderate comments.');
    const restored = refusal(await moderate('mod', 'restore', { id: String(n) }));
    expect(restored).toContain(`Restored #${n}`);
    const back = messageOf(await comment('ben', 'list', { on: 'topic:taiwan' }));
    expect(embedOf(back).fields?.map((f) => f.name)).toEqual([`#${n} · Ana`]);
  });

  it('edit: author only, shows (edited)', async () => {
    const refused = refusal(await comment('ben', 'edit', { id: '1', text: 'Hijacked' }));
    expect(refused).toBe('Only its author can edit #1.');
    const edited = messageOf(
      await comment('ana', 'edit', { id: '#1', text: 'I think the US framing matters a lot.' }),
    );
    expect(edited.ephemeral).toBe(true);
    expect(embedOf(edited).title).toBe('#1 · Ana · ❓ question (edited)');
    expect(embedOf(edited).description).toBe('I think the US framing matters a lot.');
  });

  it('delete: author or moderator; a deleted comment with replies stays as [deleted]', async () => {
    const refused = refusal(await comment('ben', 'delete', { id: '1' }));
    expect(refused).toContain('Only its author or a moderator');
    const done = refusal(await comment('mod', 'delete', { id: '1' }));
    expect(done).toBe('Deleted #1. It has replies, so it stays in its thread as “[deleted]”.');
    const thread = embedOf(messageOf(await comment('ben', 'thread', { id: '1' }))).description ?? '';
    expect(thread).toContain('\n**#1** [deleted]\n');
    expect(thread).toContain('↳ **#3 · Ben');
    expect(refusal(await comment('ben', 'reply', { id: '1', text: 'Too late' }))).toBe(
      "#1 was deleted, so you can't reply to it.",
    );
    // Listed for its replies, counting only those still there: #3 (with its own replies) and #4.
    const listedFor = async () =>
      embedOf(messageOf(await comment('ben', 'list'))).fields?.find((f) => f.name.startsWith('#1 '))?.value ??
      '';
    expect(await listedFor()).toContain('[deleted] · 2 replies · /comment thread id:#1');
    expect(refusal(await comment('owner', 'delete', { id: '4' }))).toBe('Deleted #4.');
    expect(await listedFor()).toContain('[deleted] · 1 reply · /comment thread id:#1');
    h.cooldownPasses();
    const leaf = messageOf(await comment('ben', 'add', { text: 'Short-lived.' }));
    expect(refusal(await comment('ben', 'delete', { id: String(numberOf(leaf)) }))).toBe(
      `Deleted #${numberOf(leaf)}.`,
    );
  });

  it('refuses bad input privately and changes nothing', async () => {
    h.cooldownPasses();
    const before = (await h.comments.recent(h.emu.world.guild('main').id, 100)).length;
    const cases: [Record<string, string>, RegExp][] = [
      [{ text: '   ' }, /./],
      [{ text: 'hello @everyone' }, /./],
      [{ text: 'ping <@&123456789012345678>' }, /./],
      [{ text: '# Heading' }, /./],
      [{ text: '```\ncode\n```' }, /./],
      [{ text: 'Fine text', on: 'Atlantis' }, /not part of the article/],
      [{ text: 'Fine text', on: '¶42' }, /¶1–¶6/],
    ];
    for (const [options, message] of cases) {
      expect(refusal(await comment('owner', 'add', options))).toMatch(message);
    }
    expect(refusal(await comment('owner', 'thread', { id: 'abc' }))).toContain('is not a comment number');
    expect(refusal(await comment('owner', 'thread', { id: '#999' }))).toBe(
      'Comment #999 does not exist in this server. Use /comment list to see comments.',
    );
    expect((await h.comments.recent(h.emu.world.guild('main').id, 100)).length).toBe(before);
  });

  it('cooldown: a burst from one member gets a clear wait', async () => {
    h.cooldownPasses();
    messageOf(await comment('owner', 'add', { text: 'One.' }));
    h.clock.advance(12_000);
    const held = refusal(await comment('owner', 'add', { text: 'Two.' }));
    expect(held).toContain('try again in 18 s');
    const viaModal = refusal(await comment('owner', 'add', {}));
    expect(viaModal).toContain('try again in 18 s');
    h.clock.advance(18_000);
    expect(messageOf(await comment('owner', 'add', { text: 'Two.' })).ephemeral).toBe(false);
  });

  it('list pages with ◀ ▶: the owner turns the page, others get their own copy', async () => {
    for (let i = 0; i < 6; i++) {
      h.cooldownPasses();
      await comment(i % 2 ? 'ana' : 'ben', 'add', { text: `Filler ${i}.`, on: '¶3' });
    }
    const list = messageOf(await comment('ana', 'list', { on: '¶3', sort: 'oldest' }));
    expect(embedOf(list).footer?.text).toMatch(/^Page 1\/2/);
    expect(labels(list)).toEqual(['◀', '▶']);
    const turned = await h.emu.click(list, { user: 'ana', label: '▶' });
    expect(turned.type).toBe(7);
    expect(embedOf(h.emu.message(list.id)).footer?.text).toMatch(/^Page 2\/2/);
    expect(embedOf(h.emu.message(list.id)).fields).toHaveLength(1);
    const other = await h.emu.click(list, { user: 'ben', label: '◀' });
    expect(other.type).toBe(4);
    expect(messageOf(other).ephemeral).toBe(true);
    expect(embedOf(messageOf(other)).footer?.text).toMatch(/^Page 1\/2/);
    expect(embedOf(h.emu.message(list.id)).footer?.text).toMatch(/^Page 2\/2/);
  });

  it('export: the whole discussion as a Markdown file', async () => {
    const result = await comment('ben', 'export');
    const message = messageOf(result);
    expect(message.ephemeral).toBe(true);
    const [file] = message.attachments;
    expect(file?.filename).toBe('discussion.md');
    const md = file?.data.toString('utf8') ?? '';
    expect(md).toMatch(/^# Discussion: /);
    expect(md).toContain('## ¶5');
    expect(md).toContain('> In response, the US stressed');
    expect(md).toContain('- **#1** [deleted]\n  - **#3** · Ben');
    expect(md).toContain('## Actor · Michael Chase');
  });

  it('refuses in DMs with a clear message', async () => {
    const result = await h.emu.command({ user: 'ana', guild: null, name: 'comment list', force: true });
    expect(refusal(result)).toContain('Comments belong to a server');
    const choices = await h.emu.autocomplete({
      user: 'ana',
      guild: null,
      name: 'comment thread',
      focused: 'id',
      options: { id: '' },
      force: true,
    });
    expect(choices).toEqual([]);
  });

  it('keeps servers apart', async () => {
    expect(refusal(await comment('ana', 'thread', { id: '2' }, 'second'))).toContain(
      'does not exist in this server',
    );
    expect(embedOf(messageOf(await comment('ana', 'list', {}, 'second'))).description).toContain(
      'No comments yet',
    );
    expect(
      await h.emu.autocomplete({
        user: 'ana',
        guild: 'second',
        name: 'comment reply',
        focused: 'id',
        options: { id: '' },
      }),
    ).toEqual([]);
    h.cooldownPasses();
    const card = messageOf(await comment('ana', 'add', { text: 'Hello from the second server.' }, 'second'));
    expect(embedOf(card).title).toBe('#1 · Ana');
    // Numbers are per server: main's #1 and #2 are untouched by what happens to second's #1.
    expect(refusal(await comment('ben', 'delete', { id: '1' }, 'second'))).toContain('Only its author');
    const main2 = await h.comments.get(h.emu.world.guild('main').id, 2);
    expect(main2?.text).toBe('Chase said a lot\nin two lines.');
  });

  it('sent nothing Discord would refuse', () => {
    h.emu.assertNoErrors();
  });
});
