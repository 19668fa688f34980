import type { APIButtonComponent, APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { commentButtons } from '../../src/comments/custom-ids.js';
import type { Comment } from '../../src/comments/domain.js';
import { LIST_PAGE_SIZE } from '../../src/comments/policy.js';
import { commentCard, listEmbed, threadPages, treeBlock } from '../../src/comments/render.js';
import type { ThreadLine } from '../../src/comments/threading.js';
import { LIMITS } from '../../src/discord/limits.js';
import { pagedReply, pageIdOf, pagerRow } from '../../src/discord/pages.js';
import type { Reply } from '../../src/discord/payload.js';
import { loadMainArticle } from '../helpers/articles.js';
import { embedProblems } from '../helpers/embeds.js';
import { makeComment, replyOf } from './fixtures.js';

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

const MOD = { moderator: true };
const MEMBER = { moderator: false };

/** The card's buttons as plain records (label and custom_id are on every kind we build). */
function buttons(reply: Reply): { label?: string; custom_id?: string; disabled?: boolean }[] {
  return (reply.components ?? [])
    .flatMap((row) => row.components as APIButtonComponent[])
    .map((b) => ({
      ...('label' in b && b.label !== undefined ? { label: b.label } : {}),
      ...('custom_id' in b ? { custom_id: b.custom_id } : {}),
      ...(b.disabled === undefined ? {} : { disabled: b.disabled }),
    }));
}

function expectWithinLimits(embeds: APIEmbed[]): void {
  for (const embed of embeds) expect(embedProblems(embed)).toEqual([]);
}

describe('comment card', () => {
  it('shows number, author, stance, anchor with opening words, text, counts and buttons', () => {
    const c = makeComment({
      number: 12,
      authorName: 'Ana',
      stance: 'supports',
      anchor: 'p:5',
      text: 'I think the US framing matters here.',
      votes: ['a', 'b'],
      replyCount: 3,
    });
    const card = commentCard(article, c);
    const embed = card.embeds?.[0];
    expect(embed?.title).toBe('#12 · Ana · ✅ supports');
    expect(embed?.description).toBe('I think the US framing matters here.');
    expect(embed?.fields?.[0]?.value).toMatch(/^¶5 — “In response, the US stressed/);
    expect(embed?.footer?.text).toContain('👍 2 · 💬 3 replies');
    expect(buttons(card).map((b) => [b.label, b.custom_id])).toEqual([
      ['Reply', 'comment:reply:12'],
      ['👍 2', 'comment:vote:12'],
      ['Flag', 'comment:flag:12'],
    ]);
    expect(card.allowedMentions).toBeUndefined();
  });

  it('marks edits and shows a position anchor with its text', () => {
    const c = makeComment({ number: 3, editedAt: 1, anchor: 'position:china-taiwan-never-compromise' });
    const embed = commentCard(article, c).embeds?.[0];
    expect(embed?.title).toContain('(edited)');
    expect(embed?.fields?.[0]?.value).toContain('Beijing will "never compromise"');
  });

  it('shows a reply with the comment it answers', () => {
    const parent = makeComment({ number: 3, authorName: 'Bo', text: 'Root **text** here' });
    const reply = replyOf(parent, { number: 4 });
    const embed = commentCard(article, reply, { parent }).embeds?.[0];
    expect(embed?.description).toMatch(/^↳ reply to \*\*#3\*\* · Bo: “Root \\\*\\\*text\\\*\\\* here”/);
  });

  it('hides a flagged comment from members, shows it marked to moderators, and disables its buttons', () => {
    const c = makeComment({ number: 7, hidden: true, flags: ['a', 'b', 'c'], text: 'rude words' });
    const member = commentCard(article, c, { viewer: MEMBER });
    expect(JSON.stringify(member)).not.toContain('rude words');
    expect(member.embeds?.[0]?.description).toContain('[hidden');
    expect(buttons(member).every((b) => b.disabled)).toBe(true);
    const mod = commentCard(article, c, { viewer: MOD });
    expect(mod.embeds?.[0]?.description).toBe('rude words');
    expect(mod.embeds?.[0]?.title).toContain('🚩 hidden (3 flags)');
  });

  it('shows a deleted comment as [deleted] without buttons', () => {
    const card = commentCard(article, makeComment({ number: 9, deleted: true, text: '' }));
    expect(card.embeds?.[0]?.description).toBe('[deleted]');
    expect(card.components).toEqual([]);
  });

  it('stays within Discord limits for any text and author name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 1000 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (text, authorName, number) => {
          const parent = makeComment({ number: 1, text, authorName });
          const card = commentCard(article, replyOf(parent, { number, text, authorName, anchor: 'p:3' }), {
            parent,
          });
          expectWithinLimits(card.embeds ?? []);
          for (const b of buttons(card)) {
            expect(b.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
            expect(b.custom_id?.length ?? 0).toBeLessThanOrEqual(LIMITS.customId);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('list page', () => {
  const long = 'word '.repeat(200).trim();
  const items = Array.from({ length: LIST_PAGE_SIZE }, (_, i) =>
    makeComment({
      number: i + 1,
      text: long,
      authorName: 'N'.repeat(200),
      anchor: 'p:2',
      replyCount: i,
      votes: ['x'],
    }),
  );

  it('lists top-level comments with reply and vote counts within limits', () => {
    const embed = listEmbed(article, { items, total: 23 }, { sort: 'top', page: 1 });
    expectWithinLimits([embed]);
    expect(embed.title).toBe('Member comments');
    expect(embed.description).toBe('23 comments · most 👍 first');
    expect(embed.footer?.text).toContain(article.model.headline.slice(0, 30));
    expect(embed.footer?.text).toContain('Page 2/5');
    expect(embed.fields?.[2]?.value).toContain('on ¶2');
    expect(embed.fields?.[2]?.value).toContain('👍 1 · 💬 2 replies');
  });

  it('names the anchor when filtered, and says when there is nothing yet', () => {
    const embed = listEmbed(
      article,
      { items: [], total: 0 },
      { anchor: 'actor:michael-chase', sort: 'newest', page: 0 },
    );
    expect(embed.title).toBe('Comments on Actor · Michael Chase');
    expect(embed.description).toContain('No comments yet');
    // Named as members know it, never by the internal key.
    expect(embed.description).toContain('/comment add on:Actor · Michael Chase');
    expect(embed.description).not.toContain('actor:');
    expect(embed.fields).toEqual([]);
  });

  it('keeps a deleted comment with replies reachable: "[deleted] · N replies"', () => {
    const deleted = makeComment({ number: 4, deleted: true, text: '', replyCount: 2 });
    const embed = listEmbed(article, { items: [deleted], total: 1 }, { sort: 'newest', page: 0 });
    expect(embed.fields?.[0]?.name).toBe('#4 · [deleted]');
    expect(embed.fields?.[0]?.value).toContain('[deleted] · 2 replies · /comment thread id:#4');
    expectWithinLimits([embed]);
  });

  it('has ◀ ▶ buttons whose ids carry the anchor and parse back', () => {
    const pageId = (page: number) =>
      commentButtons.encode({
        kind: 'pl',
        owner: '123',
        page,
        article: 'Ab-_09',
        sort: 'newest',
        anchor: 'actor:michael-chase',
      });
    const row = pagerRow(pageId, 1, 3);
    const ids = row.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual([
      'comment:pl:123:0:newest:Ab-_09:actor%3Amichael-chase',
      'comment:pl:123:2:newest:Ab-_09:actor%3Amichael-chase',
    ]);
    expect(commentButtons.decode(ids[0] ?? '')).toEqual({
      kind: 'pl',
      owner: '123',
      page: 0,
      sort: 'newest',
      article: 'Ab-_09',
      anchor: 'actor:michael-chase',
    });
  });
});

describe('thread tree', () => {
  const root = makeComment({ number: 1, authorName: 'Ana', text: 'Root', replyCount: 2 });
  const a = replyOf(root, { number: 2, authorName: 'Bo', text: 'First reply\nsecond line', deleted: false });
  const gone = replyOf(root, { number: 3, deleted: true, text: '' });
  const b = replyOf(gone, { number: 4, authorName: 'Cy', text: 'Under a deleted one' });
  const hidden = replyOf(a, { number: 5, hidden: true, flags: ['p', 'q', 'r'], text: 'flagged words' });
  const entries: ThreadLine[] = [
    { comment: root, number: root.number, depth: 0 },
    { comment: a, number: a.number, depth: 1 },
    { comment: hidden, number: hidden.number, depth: 2 },
    { comment: gone, number: gone.number, depth: 1 },
    { comment: b, number: b.number, depth: 2 },
  ];

  it('indents by depth and keeps [deleted] placeholders', () => {
    const text = threadPages(article, entries, MEMBER)
      .map((p) => p.description)
      .join('\n');
    expect(text).toContain('**#1 · Ana** · 👍 0\nRoot');
    expect(text).toContain('↳ **#2 · Bo** · 👍 0\n\u2003First reply\n\u2003second line');
    expect(text).toContain('↳ **#3** [deleted]');
    expect(text).toContain('\u2003↳ **#4 · Cy**');
  });

  it('shows hidden replies to moderators only', () => {
    const member = threadPages(article, entries, MEMBER)
      .map((p) => p.description)
      .join('\n');
    expect(member).not.toContain('flagged words');
    expect(member).toContain('**#5** [hidden');
    const mod = threadPages(article, entries, MOD)
      .map((p) => p.description)
      .join('\n');
    expect(mod).toContain('flagged words');
    expect(mod).toContain('🚩 hidden (3 flags)');
  });

  it('shows a comment missing from the store as [deleted], keeping its replies in place', () => {
    const text = threadPages(
      article,
      [
        { comment: null, number: 8, depth: 0 },
        { comment: b, number: 4, depth: 1 },
      ],
      MEMBER,
    )
      .map((p) => p.description)
      .join('\n');
    expect(text).toContain('**#8** [deleted]');
    expect(text).toContain('↳ **#4 · Cy**');
  });

  it('caps indentation for deep threads', () => {
    const deep: Comment = makeComment({ number: 99 });
    expect(
      treeBlock({ comment: deep, number: 99, depth: 40 }, MEMBER).split('↳')[0]?.length,
    ).toBeLessThanOrEqual(6);
  });

  it('spreads a long thread over pages, each within limits', () => {
    const many: ThreadLine[] = [{ comment: root, number: 1, depth: 0 }];
    for (let i = 0; i < 120; i++) {
      many.push({
        comment: replyOf(root, { number: 10 + i, text: 'long reply '.repeat(90) }),
        number: 10 + i,
        depth: 1 + (i % 8),
      });
    }
    const pages = threadPages(article, many, MEMBER);
    expect(pages.length).toBeGreaterThan(10);
    expectWithinLimits(pages);
    const text = pages.map((p) => p.description).join('\n');
    for (let i = 0; i < 120; i++) expect(text).toContain(`#${10 + i} `);
    const reply = pagedReply(pages, 3, pageIdOf({ command: 'comment', owner: '1', state: ['t', '1'] }));
    expect(reply.components?.[0]?.components).toHaveLength(2);
  });
});
