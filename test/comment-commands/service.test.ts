import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { MemoryCooldowns } from '../../src/comments/cooldown.js';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import {
  changeSettings,
  deleteMine,
  moderationQueue,
  moderatorDelete,
  muteMember,
  purgeServer,
  restoreComment,
} from '../../src/comments/moderation.js';
import {
  addComment,
  type CommentsEnv,
  deleteComment,
  editComment,
  flagComment,
  listComments,
  type Member,
  replyTo,
  requireCommentId,
  threadOf,
  voteOn,
} from '../../src/comments/service.js';
import type { CommentStore } from '../../src/comments/store.js';
import { loadConfig } from '../../src/config.js';
import { UserError } from '../../src/errors.js';
import { Library } from '../../src/library/library.js';
import { loadMainArticle } from '../helpers/articles.js';

let article: Article;
let store: CommentStore;
let clock: number;
let env: CommentsEnv;

const ana: Member = { guildId: 'g1', userId: 'ana', name: 'Ana', moderator: false };
const ben: Member = { guildId: 'g1', userId: 'ben', name: 'Ben', moderator: false };
const cy: Member = { guildId: 'g1', userId: 'cy', name: 'Cy', moderator: false };
const mod: Member = { guildId: 'g1', userId: 'mod', name: 'Mod', moderator: true };
const anaElsewhere: Member = { ...ana, guildId: 'g2' };

beforeAll(async () => {
  article = await loadMainArticle();
});

beforeEach(async () => {
  store = await createCommentStore('memory://');
  clock = Date.UTC(2025, 0, 1);
  const config = { ...loadConfig({}), commentCooldownSeconds: 10 };
  env = {
    library: new Library([article]),
    comments: store,
    config,
    now: () => clock,
    cooldown: new MemoryCooldowns(() => clock),
  };
});

/** Lets the cooldown pass. */
const later = () => {
  clock += 11_000;
};

async function refused(promise: Promise<unknown>, identifier?: string): Promise<UserError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  if (identifier) expect((error as UserError).identifier).toBe(identifier);
  return error as UserError;
}

/** Everything the server holds, to prove a refusal changed nothing. */
async function snapshot(guildId = 'g1') {
  const all = [];
  for await (const c of store.exportAll(guildId)) all.push(c);
  return all;
}

describe('ids', () => {
  it.each([
    ['12', 12],
    ['#12', 12],
    [' #7 ', 7],
  ])('accepts %s', (raw, n) => {
    expect(requireCommentId(raw)).toBe(n);
  });

  it.each(['', 'abc', '#', '-1', '0', '1.5', '#12abc', '99999999999999999999'])('refuses %j', (raw) => {
    expect(() => requireCommentId(raw)).toThrow(UserError);
  });
});

describe('adding and replying', () => {
  it('numbers comments per server and anchors them', async () => {
    const one = await addComment(env, ana, { article, text: 'First', on: '¶5', stance: 'question' });
    later();
    const two = await addComment(env, ana, { article, text: 'Second' });
    const other = await addComment(
      env,
      { ...ben, guildId: 'g2' },
      { article, text: 'Elsewhere', on: 'Michael Chase' },
    );
    expect([one.number, two.number, other.number]).toEqual([1, 2, 1]);
    expect(one).toMatchObject({ anchor: 'p:5', stance: 'question', authorName: 'Ana', text: 'First' });
    expect(two.anchor).toBe('article');
    expect(other.anchor).toBe('actor:michael-chase');
  });

  it.each([
    ['empty', ''],
    ['whitespace only', '   \n\t '],
    ['over the limit', 'x'.repeat(1001)],
    ['only zero-width characters', '\u200b\u200b\u200b'],
    ['a code fence', 'look:\n```\ncode\n```'],
    ['a heading', '# Big title'],
    ['@everyone', 'hey @everyone look'],
    ['@here', 'hey @here look'],
    ['@everyone behind a zero-width space', 'hey @\u200beveryone look'],
    ['a role mention', 'ping <@&123456789012345678>'],
    ['@ + a tag character + everyone', 'hey @\u{E0020}everyone look'],
    ['@ + a variation selector + here', 'hey @\uFE0Fhere look'],
    ['@ + a zero-width joiner + everyone', 'hey @\u200Deveryone look'],
    ['a fullwidth ＠everyone', 'hey ＠everyone look'],
    ['a small ﹫here', 'hey ﹫here look'],
    ['fullwidth letters', 'hey ＠ｅｖｅｒｙｏｎｅ look'],
    ['a fullwidth role mention', 'ping ＜@&123456789012345678＞'],
  ])('refuses text that is %s, and stores nothing', async (_, text) => {
    await refused(addComment(env, ana, { article, text }));
    expect(await snapshot()).toEqual([]);
    // The refusal did not start the cooldown either.
    expect((await addComment(env, ana, { article, text: 'Fine' })).number).toBe(1);
  });

  it('counts length as Discord does (code points): 1,000 emoji fit, 1,001 are "1,001 characters"', async () => {
    const added = await addComment(env, ana, { article, text: '😀'.repeat(1000) });
    expect([...added.text]).toHaveLength(1000);
    const error = await refused(addComment(env, ben, { article, text: '🏳️‍🌈'.repeat(300) + '😀'.repeat(1) }));
    expect(error.message).toMatch(/1,201 characters/);
  });

  it('keeps look-alike characters that are not mentions: emoji with selectors and tags, ＃ and ｀', async () => {
    const text = 'love ❤️ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ＃1 ｀｀｀';
    expect((await addComment(env, ana, { article, text })).text).toBe(text);
  });

  it('refuses an unknown anchor and stores nothing', async () => {
    const error = await refused(
      addComment(env, ana, { article, text: 'Hi', on: 'Atlantis' }),
      'unknown-anchor',
    );
    expect(error.message).toContain('not part of the article');
    expect(await snapshot()).toEqual([]);
  });

  it('replies inherit the anchor; replying to a deleted, hidden or unknown comment is refused', async () => {
    const root = await addComment(env, ana, { article, text: 'Root', on: 'topic:taiwan' });
    const { comment, parent } = await replyTo(env, ben, root.number, { text: 'Reply', stance: 'challenges' });
    expect(comment).toMatchObject({ parent: 1, anchor: 'topic:taiwan', stance: 'challenges' });
    expect(parent.replyCount).toBe(1);

    later();
    await refused(replyTo(env, ben, 99, { text: 'x' }), 'unknown-comment');
    await deleteComment(env, ana, root.number);
    await refused(replyTo(env, cy, root.number, { text: 'x' }), 'deleted-comment');

    const flagged = await addComment(env, cy, { article, text: 'Flag me' });
    for (const m of [ana, ben, mod]) await flagComment(env, m, flagged.number);
    later();
    await refused(replyTo(env, ben, flagged.number, { text: 'x' }), 'hidden-comment');
    expect((await snapshot()).length).toBe(3);
  });
});

describe('cooldown', () => {
  it('holds back a burst with a clear wait, per member and per server', async () => {
    await addComment(env, ana, { article, text: 'One' });
    clock += 3_000;
    const error = await refused(addComment(env, ana, { article, text: 'Two' }), 'cooldown');
    expect(error.message).toContain('try again in 7 s');
    await refused(replyTo(env, ana, 1, { text: 'Reply' }), 'cooldown');
    // Others, and the same member in another server, are not held back.
    await addComment(env, ben, { article, text: 'Ben' });
    await addComment(env, anaElsewhere, { article, text: 'Elsewhere' });
    expect((await snapshot()).length).toBe(2);
    clock += 7_000;
    await addComment(env, ana, { article, text: 'Two' });
  });

  it('does not count a comment the store failed to take', async () => {
    const failing: CommentStore = Object.create(store, {
      add: {
        value: () => Promise.reject(new StoreUnavailableError('down')),
      },
    });
    await expect(
      addComment({ ...env, comments: failing }, ana, { article, text: 'Lost' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await addComment(env, ana, { article, text: 'Kept' });
  });
});

describe('edit and delete', () => {
  it('lets only the author edit, and marks the edit', async () => {
    const c = await addComment(env, ana, { article, text: 'Old' });
    clock += 5;
    const edited = await editComment(env, ana, c.number, 'New');
    expect(edited).toMatchObject({ text: 'New', editedAt: clock });
    await refused(editComment(env, ben, c.number, 'Hacked'), 'not-author');
    await refused(editComment(env, mod, c.number, 'Moderated'), 'not-author');
    await refused(editComment(env, ana, c.number, '   '));
    expect((await store.get('g1', c.number))?.text).toBe('New');
  });

  it('lets the author or a moderator delete, nobody else', async () => {
    const a = await addComment(env, ana, { article, text: 'A' });
    later();
    const b = await addComment(env, ana, { article, text: 'B' });
    await refused(deleteComment(env, ben, a.number), 'not-author');
    expect((await store.get('g1', a.number))?.deleted).toBe(false);
    expect((await deleteComment(env, ana, a.number)).comment.deleted).toBe(true);
    expect((await deleteComment(env, mod, b.number)).comment.deleted).toBe(true);
    await refused(deleteComment(env, ana, a.number), 'deleted-comment');
    await refused(editComment(env, ana, a.number, 'Back'), 'deleted-comment');
  });

  it('keeps servers apart: #1 of one server is not #1 of another', async () => {
    await addComment(env, ana, { article, text: 'Mine' });
    await refused(editComment(env, anaElsewhere, 1, 'x'), 'unknown-comment');
    await refused(deleteComment(env, { ...mod, guildId: 'g2' }, 1), 'unknown-comment');
    await refused(voteOn(env, { ...ben, guildId: 'g2' }, 1), 'unknown-comment');
    expect((await store.get('g1', 1))?.text).toBe('Mine');
  });
});

describe('votes, flags and moderation', () => {
  it('toggles one vote per member', async () => {
    const c = await addComment(env, ana, { article, text: 'Vote' });
    expect((await voteOn(env, ben, c.number)).voted).toBe(true);
    expect((await voteOn(env, cy, c.number)).comment.votes).toEqual(['ben', 'cy']);
    expect((await voteOn(env, ben, c.number)).voted).toBe(false);
  });

  it('hides a comment after 3 flags until a moderator restores it', async () => {
    const c = await addComment(env, ana, { article, text: 'Rude' });
    await refused(flagComment(env, ana, c.number), 'own-comment');
    expect((await flagComment(env, ben, c.number)).added).toBe(true);
    expect((await flagComment(env, ben, c.number)).added).toBe(false);
    await flagComment(env, cy, c.number);
    expect((await listComments(env, ben, { article, sort: 'newest', page: 0 })).result.total).toBe(1);
    const third = await flagComment(env, mod, c.number);
    expect(third.comment.hidden).toBe(true);
    expect((await listComments(env, ben, { article, sort: 'newest', page: 0 })).result.total).toBe(0);
    await refused(voteOn(env, ben, c.number), 'hidden-comment');

    await refused(restoreComment(env, ben, c.number), 'not-moderator');
    expect((await store.get('g1', c.number))?.hidden).toBe(true);
    const restored = await restoreComment(env, mod, c.number);
    expect(restored).toMatchObject({ hidden: false, restored: true });
    expect((await listComments(env, ben, { article, sort: 'newest', page: 0 })).result.total).toBe(1);
  });

  it('lets a moderator delete a flagged comment', async () => {
    const c = await addComment(env, ana, { article, text: 'Rude' });
    for (const m of [ben, cy, mod]) await flagComment(env, m, c.number);
    await refused(moderatorDelete(env, ben, c.number), 'not-moderator');
    expect((await moderatorDelete(env, mod, c.number)).comment.deleted).toBe(true);
    await refused(restoreComment(env, mod, c.number), 'deleted-comment');
  });
});

describe('moderation', () => {
  it('says there is nothing to restore on a comment nobody flagged', async () => {
    const c = await addComment(env, ana, { article, text: 'Fine' });
    const error = await refused(restoreComment(env, mod, c.number), 'nothing-to-restore');
    expect(error.message).toContain('nothing to restore');
  });

  it('restore, then an edit, then flags hide it again (flags count afresh)', async () => {
    const c = await addComment(env, ana, { article, text: 'Rude' });
    for (const m of [ben, cy, mod]) await flagComment(env, m, c.number);
    await restoreComment(env, mod, c.number);
    later();
    const edited = await editComment(env, ana, c.number, 'Even ruder');
    expect(edited).toMatchObject({ restored: false, flags: [], hidden: false });
    await flagComment(env, ben, c.number);
    await flagComment(env, cy, c.number);
    expect((await flagComment(env, mod, c.number)).comment.hidden).toBe(true);
  });

  it('queues flagged comments oldest first, restored and deleted ones left out', async () => {
    const a = await addComment(env, ana, { article, text: 'one' });
    later();
    const b = await addComment(env, ana, { article, text: 'two' });
    later();
    const d = await addComment(env, ana, { article, text: 'three' });
    await flagComment(env, ben, b.number);
    await flagComment(env, ben, a.number);
    await flagComment(env, ben, d.number);
    await moderatorDelete(env, mod, d.number);
    await refused(moderationQueue(env, ben), 'not-moderator');
    expect((await moderationQueue(env, mod)).map((c) => c.number)).toEqual([a.number, b.number]);
    await restoreComment(env, mod, a.number);
    expect((await moderationQueue(env, mod)).map((c) => c.number)).toEqual([b.number]);
  });

  it('uses the server threshold and refuses comments while off or muted, until the mute ends', async () => {
    await refused(changeSettings(env, ben, { flagThreshold: 1 }), 'not-moderator');
    await changeSettings(env, mod, { flagThreshold: 1 });
    const c = await addComment(env, ana, { article, text: 'Hm' });
    expect((await flagComment(env, ben, c.number)).comment.hidden).toBe(true);

    await muteMember(env, mod, { userId: 'ben', isModerator: false }, 10);
    later();
    await refused(addComment(env, ben, { article, text: 'let me talk' }), 'muted');
    await refused(muteMember(env, mod, { userId: 'mod', isModerator: true }, 10), 'mute-self');
    clock += 10 * 60_000;
    expect((await addComment(env, ben, { article, text: 'back' })).text).toBe('back');

    await changeSettings(env, mod, { commentsEnabled: false });
    later();
    await refused(addComment(env, ana, { article, text: 'anyone?' }), 'comments-off');
  });

  it('filters blocked words, links and invites, storing nothing', async () => {
    await changeSettings(env, mod, { blockWord: 'Spoon' });
    await refused(addComment(env, ana, { article, text: 'a SPOON here' }), 'filtered');
    await refused(addComment(env, ana, { article, text: 'join discord.gg/abc' }), 'filtered');
    await refused(addComment(env, ana, { article, text: 'join https://discord.com/invite/abc' }), 'filtered');
    expect(await store.get('g1', 1)).toBeUndefined();
    expect((await addComment(env, ana, { article, text: 'spoons and https://example.com' })).number).toBe(1);
    await changeSettings(env, mod, { links: 'deny' });
    later();
    const error = await refused(
      addComment(env, ana, { article, text: 'see https://example.com' }),
      'filtered',
    );
    expect(error.message).toContain('Links are not allowed');
    await changeSettings(env, mod, { invites: 'allow', links: 'allow', unblockWord: 'spoon' });
    expect((await addComment(env, ana, { article, text: 'spoon discord.gg/abc' })).number).toBe(2);
  });

  it('applies the server cooldown', async () => {
    await changeSettings(env, mod, { cooldownSeconds: 60 });
    await addComment(env, ana, { article, text: 'one' });
    later();
    const error = await refused(addComment(env, ana, { article, text: 'two' }), 'cooldown');
    expect(error.message).toMatch(/in 49 s/);
  });

  it("deletes all of a member's comments, and purges a server only with Manage Server", async () => {
    await addComment(env, ana, { article, text: 'mine 1' });
    later();
    await addComment(env, ben, { article, text: 'his' });
    later();
    await replyTo(env, ana, 2, { text: 'mine 2' });
    const removed = await deleteMine(env, ana);
    expect(removed.map((r) => r.comment.number)).toEqual([1, 3]);
    // Deleting the reply #3 lowered #2's count: the removal names it, as written.
    expect(removed.map((r) => r.recounted.map((c) => [c.number, c.replyCount]))).toEqual([[], [[2, 0]]]);
    expect((await store.get('g1', 2))?.deleted).toBe(false);

    await refused(purgeServer(env, mod), 'not-manager');
    await purgeServer(env, { ...mod, manager: true });
    expect(await store.get('g1', 2)).toBeUndefined();
  });
});

describe('list and thread', () => {
  it('pages the list, filters by anchor and clamps a page past the end', async () => {
    for (let i = 0; i < 12; i++) {
      await addComment(env, i % 2 === 0 ? ana : ben, {
        article,
        text: `C${i + 1}`,
        on: i < 4 ? '¶2' : undefined,
      });
      later();
    }
    const first = await listComments(env, ana, { article, sort: 'oldest', page: 0 });
    expect(first.result.total).toBe(12);
    expect(first.result.items.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    const onP2 = await listComments(env, ana, { article, on: 'p:2', sort: 'newest', page: 0 });
    expect(onP2.anchor).toBe('p:2');
    expect(onP2.result.items.map((c) => c.number)).toEqual([4, 3, 2, 1]);
    const past = await listComments(env, ana, { article, sort: 'oldest', page: 40 });
    expect(past.page).toBe(2);
    expect(past.result.items.map((c) => c.number)).toEqual([11, 12]);
    // Typed by the member (strict): a page past the end is refused with the real count.
    const typed = await refused(
      listComments(env, ana, { article, sort: 'oldest', page: 40, strict: true }),
      'no-such-page',
    );
    expect(typed.message).toBe(
      'There are only 3 pages of comments here, so there is no page 41. Try page:3.',
    );
    // Forged pages never reach an offset: NaN ("abc"), fractions, negatives, beyond safe integers.
    for (const page of [Number.NaN, 1.5, -1, Number.POSITIVE_INFINITY, 2 ** 60]) {
      await refused(listComments(env, ana, { article, sort: 'oldest', page }), 'bad-page');
    }
    await refused(
      listComments(env, ana, { article, on: 'nowhere at all', sort: 'top', page: 0 }),
      'unknown-anchor',
    );
  });

  it('returns the tree with depths and keeps deleted comments that have replies', async () => {
    const root = await addComment(env, ana, { article, text: 'Root' });
    later();
    const a = (await replyTo(env, ben, root.number, { text: 'A' })).comment;
    later();
    const b = (await replyTo(env, cy, a.number, { text: 'B' })).comment;
    later();
    const leaf = (await replyTo(env, ana, root.number, { text: 'Leaf' })).comment;
    await deleteComment(env, ben, a.number);
    await deleteComment(env, ana, leaf.number);
    const entries = await threadOf(env, ana, root.number);
    expect(entries.map((e) => [e.number, e.depth, e.comment?.deleted])).toEqual([
      [root.number, 0, false],
      [a.number, 1, true],
      [b.number, 2, false],
    ]);
    await refused(threadOf(env, ana, 99), 'unknown-comment');
    // A deleted comment with nothing under it has no thread left.
    await refused(threadOf(env, ana, leaf.number), 'deleted-comment');
    await refused(threadOf(env, anaElsewhere, root.number), 'unknown-comment');
  });
});
