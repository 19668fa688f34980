import type { APIButtonComponentWithCustomId } from 'discord.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { commentButtons } from '../../src/comments/custom-ids.js';
import type { NewComment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { articleCommentsExtra, memberCommentsExtra } from '../../src/comments/member-comments.js';
import type { CommentStore } from '../../src/comments/store.js';
import type { Reply } from '../../src/discord/payload.js';
import { articleRef } from '../../src/library/library.js';
import { createLogger } from '../../src/logger.js';
import { loadMainArticle } from '../helpers/articles.js';

let article: Article;
let comments: CommentStore;
const logger = createLogger('silent');
const ctx = () => ({ article, comments, logger });
const ref = () => articleRef(article.id);

beforeAll(async () => {
  article = await loadMainArticle();
});
beforeEach(async () => {
  comments = await createCommentStore('memory://');
});

const draft = (anchor: string, parent: number | null = null): NewComment => ({
  articleId: article.id,
  parent,
  anchor,
  stance: null,
  authorId: 'u1',
  authorName: 'Ana',
  text: 'A comment.',
  createdAt: 0,
});

const buttonIds = (reply: Reply) =>
  (reply.components ?? []).flatMap((row) =>
    row.components.map((b) => (b as APIButtonComponentWithCustomId).custom_id),
  );

describe('memberCommentsExtra', () => {
  it('adds nothing outside a server', async () => {
    expect(await memberCommentsExtra(ctx(), article, null, ['p:5'])).toEqual({});
    expect(await articleCommentsExtra(ctx(), article, null)).toEqual({});
  });

  it('invites a first comment when there is none', async () => {
    const extra = await memberCommentsExtra(ctx(), article, 'g1', ['p:5']);
    expect(extra.content).toBe('💬 No member comments on ¶5 yet. Start one with /comment add.');
    expect(extra.components).toBeUndefined();
  });

  it('counts comments and replies on one anchor, with a button that lists them', async () => {
    const root = await comments.add('g1', draft('actor:michael-chase'));
    await comments.add('g1', draft('actor:michael-chase', root.number));
    await comments.add('g1', draft('p:5'));
    await comments.add('g2', draft('actor:michael-chase'));
    const extra = await memberCommentsExtra(ctx(), article, 'g1', ['actor:michael-chase']);
    expect(extra.content).toBe('💬 **2 member comments** on Michael Chase.');
    expect(buttonIds(extra).map(commentButtons.decode)).toEqual([
      { kind: 'list', article: ref(), anchor: 'actor:michael-chase' },
    ]);
  });

  it('gives counts per anchor and buttons only for those with comments', async () => {
    await comments.add('g1', draft('topic:taiwan'));
    await comments.add('g1', draft('topic:south-china-sea'));
    await comments.add('g1', draft('topic:south-china-sea'));
    const topics = article.model.topics.map((t) => `topic:${t.id}`);
    const extra = await memberCommentsExtra(ctx(), article, 'g1', topics);
    expect(extra.content).toBe('💬 Member comments: Taiwan **1** · South China Sea **2**');
    expect(buttonIds(extra).map(commentButtons.decode)).toEqual([
      { kind: 'list', article: ref(), anchor: 'topic:taiwan' },
      { kind: 'list', article: ref(), anchor: 'topic:south-china-sea' },
    ]);
  });

  it('totals the whole server for the article overview', async () => {
    await comments.add('g1', draft('article'));
    await comments.add('g1', draft('p:1'));
    await comments.add('g1', draft('position:china-taiwan-never-compromise'));
    const extra = await articleCommentsExtra(ctx(), article, 'g1');
    expect(extra.content).toBe('💬 **3 member comments** on this article.');
    expect(buttonIds(extra).map(commentButtons.decode)).toEqual([
      { kind: 'list', article: ref(), anchor: null },
    ]);
  });

  it('leaves the count out when the store is down', async () => {
    await comments.close();
    expect(await memberCommentsExtra(ctx(), article, 'g1', ['p:5'])).toEqual({});
    expect(await articleCommentsExtra(ctx(), article, 'g1')).toEqual({});
  });
});
