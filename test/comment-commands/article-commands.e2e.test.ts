import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import { embedOf, type Harness, labels, messageOf, startHarness, textOf } from '../helpers/harness.js';

describe('article commands show what members said', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const guild = h.emu.world.guild('main').id;
    const draft = (anchor: string, text: string, authorId = 'x') => ({
      articleId: h.article.id,
      parent: null,
      anchor,
      stance: null,
      authorId,
      authorName: 'Ana',
      text,
      createdAt: 0,
    });
    await h.comments.add(guild, draft('actor:michael-chase', 'Chase is careful here.'));
    await h.comments.add(guild, draft('topic:taiwan', 'Taiwan is the core issue.'));
    await h.comments.add(guild, draft('topic:taiwan', 'Agreed on Taiwan.'));
    await h.comments.add(guild, draft('p:5', 'Paragraph five matters.'));
    await h.comments.add(h.emu.world.guild('second').id, draft('p:5', 'Other server.'));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/who profile: count for the actor and a button that lists the comments', async () => {
    const who = messageOf(
      await h.emu.command({ user: 'ben', guild: 'main', name: 'who', options: { name: 'Chase' } }),
    );
    expect(embedOf(who).title).toBe('Michael Chase');
    expect(who.content).toBe('💬 **1 member comment** on Michael Chase.');
    expect(labels(who)).toContain('Read member comments (1)');
    const list = messageOf(await h.emu.click(who, { user: 'ben', label: 'Read member comments (1)' }));
    expect(list.ephemeral).toBe(true);
    expect(embedOf(list).title).toBe('Comments on Actor · Michael Chase');
    expect(textOf(list)).toContain('Chase is careful here.');
  });

  it('/positions with a topic, /topics and /article show counts', async () => {
    const positions = messageOf(
      await h.emu.command({ user: 'ben', guild: 'main', name: 'positions', options: { topic: 'Taiwan' } }),
    );
    expect(positions.content).toBe('💬 **2 member comments** on Taiwan.');
    const topics = messageOf(await h.emu.command({ user: 'ben', guild: 'main', name: 'topics' }));
    expect(topics.content).toBe('💬 Member comments: Taiwan **2**');
    expect(labels(topics)).toContain('Taiwan (2)');
    const paragraph = messageOf(
      await h.emu.command({ user: 'ben', guild: 'main', name: 'article', options: { paragraph: 5 } }),
    );
    expect(paragraph.content).toBe('💬 **1 member comment** on ¶5.');
    const overview = messageOf(await h.emu.command({ user: 'ben', guild: 'main', name: 'article' }));
    expect(overview.content).toBe('💬 **4 member comments** on this article.');
    const all = messageOf(await h.emu.click(overview, { user: 'ben', label: 'Read member comments (4)' }));
    expect(embedOf(all).description).toBe('4 comments · newest first');
  });

  it('counts only this server, and nothing in DMs', async () => {
    const second = messageOf(
      await h.emu.command({ user: 'ana', guild: 'second', name: 'article', options: { paragraph: 5 } }),
    );
    expect(second.content).toBe('💬 **1 member comment** on ¶5.');
    const dm = messageOf(
      await h.emu.command({ user: 'ana', guild: null, name: 'who', options: { name: 'Chase' } }),
    );
    expect(embedOf(dm).title).toBe('Michael Chase');
    expect(dm.content).toBe('');
    expect(labels(dm).some((l) => l?.startsWith('Read member comments'))).toBe(false);
  });
});

describe('when the comment store is down', () => {
  let h: Harness;
  beforeAll(async () => {
    const comments = await createCommentStore('memory://');
    await comments.close();
    h = await startHarness({ comments });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/comment says comments are unavailable', async () => {
    for (const options of [{ text: 'Hello' }]) {
      const add = messageOf(
        await h.emu.command({ user: 'ana', guild: 'main', name: 'comment add', options }),
      );
      expect(add).toMatchObject({ ephemeral: true, content: STORE_UNAVAILABLE });
    }
    const list = messageOf(await h.emu.command({ user: 'ana', guild: 'main', name: 'comment list' }));
    expect(list).toMatchObject({ ephemeral: true, content: STORE_UNAVAILABLE });
    expect(STORE_UNAVAILABLE).toMatch(/^Comments are unavailable right now/);
    const choices = await h.emu.autocomplete({
      user: 'ana',
      guild: 'main',
      name: 'comment thread',
      focused: 'id',
      options: { id: '' },
    });
    expect(choices).toEqual([]);
  });

  it('the article commands keep working, without the count', async () => {
    const who = messageOf(
      await h.emu.command({ user: 'ana', guild: 'main', name: 'who', options: { name: 'Chase' } }),
    );
    expect(embedOf(who).title).toBe('Michael Chase');
    expect(who.content).toBe('');
    const topics = messageOf(await h.emu.command({ user: 'ana', guild: 'main', name: 'topics' }));
    expect(topics.ephemeral).toBe(false);
    expect(topics.content).toBe('');
    const article = messageOf(await h.emu.command({ user: 'ana', guild: 'main', name: 'article' }));
    expect(article.content).toBe('');
  });
});
