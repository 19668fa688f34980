import type { EmulatedMessage, InteractionResult } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, memoryBackend, redisBackend, redisUrl, sqliteBackend } from '../comments/helpers.js';
import { expectClean, mark } from '../fuzz/checks.js';
import { type FuzzHarness, startFuzzHarness } from '../fuzz/harness.js';

/**
 * Server isolation: what members write in "Parley Test Server" (main) is never seen, counted,
 * suggested, exported or touched from "Parley Second Server" (second) — and comment numbers,
 * which both servers share (#1, #2…), always mean the number in the server asking. On every
 * backend: the memory store, SQLite and Redis (when a redis-server is available).
 */

const BACKENDS: Backend[] = [memoryBackend(), sqliteBackend(), ...(redisUrl ? [redisBackend()] : [])];

describe.each(BACKENDS)('$name store', (backend) => {
  let h: FuzzHarness;
  const gid = (key: string) => h.emu.guild(key).id;

  /** Words only main's comments contain. */
  const SECRET = 'MAINONLY';

  beforeAll(async () => {
    h = await startFuzzHarness({ comments: await backend.open() });
    const add = (user: string, options: Record<string, string>) =>
      h.emu.command({ user, guild: 'main', name: 'comment add', options });
    await add('ana', { text: `${SECRET} one on the first paragraph.`, on: '¶1' });
    await add('ben', { text: `${SECRET} two about Chase.`, on: 'Michael Chase' });
    await add('ana', { text: `${SECRET} three on Taiwan.`, on: 'topic:taiwan' });
    await h.emu.command({
      user: 'ben',
      guild: 'main',
      name: 'comment reply',
      options: { id: '1', text: `${SECRET} a reply.` },
    });
  });
  afterAll(async () => {
    await h?.close();
    backend.cleanup();
  });

  async function inSecond(
    user: string,
    name: string,
    options: Record<string, string | number> = {},
  ): Promise<InteractionResult> {
    const marks = mark(h);
    const result = await h.emu.command({ user, guild: 'second', name, options });
    expectClean(h, result, marks);
    return result;
  }

  function text(message: EmulatedMessage | null): string {
    return JSON.stringify({
      content: message?.content,
      embeds: message?.embeds,
      components: message?.components,
      files: message?.attachments.map((a) => a.data.toString('utf8')),
    });
  }

  function expectNothingFromMain(result: InteractionResult): void {
    for (const message of [result.message, ...result.followUps]) expect(text(message)).not.toContain(SECRET);
  }

  describe('a second server, before it has comments of its own', () => {
    it('list (all, and per anchor) shows none of the first server’s comments', async () => {
      for (const options of [{}, { on: '¶1' }, { on: 'Michael Chase' }, { sort: 'top' }]) {
        const result = await inSecond('ana', 'comment list', options);
        expectNothingFromMain(result);
        expect(result.message?.embeds[0]?.description).toMatch(/^No comments yet/);
      }
    });

    it('thread and get-by-number say the number does not exist here', async () => {
      for (const id of ['1', '2', '#4']) {
        const result = await inSecond('ben', 'comment thread', { id });
        expect(result.message?.content).toMatch(/does not exist in this server/);
      }
      const reply = await inSecond('ben', 'comment reply', { id: '1', text: 'Hello?' });
      expect(reply.message?.content).toMatch(/does not exist in this server/);
      expect(await h.comments.get(gid('second'), 1)).toBeUndefined();
    });

    it('edit, delete and moderate by number touch nothing in the first server', async () => {
      const before = await h.comments.get(gid('main'), 1);
      await inSecond('ana', 'comment edit', { id: '1', text: 'Hijack' });
      await inSecond('ana', 'comment delete', { id: '1' });
      await inSecond('owner', 'moderate delete', { id: '1' });
      await inSecond('owner', 'moderate restore', { id: '1' });
      expect(await h.comments.get(gid('main'), 1)).toEqual(before);
    });

    it('counts on /who, /positions, /topics and /article are zero', async () => {
      const who = await inSecond('ana', 'who', { name: 'Chase' });
      expect(who.message?.content).toBe(
        '💬 No member comments on Michael Chase yet. Start one with /comment add.',
      );
      const topic = await inSecond('ana', 'positions', { topic: 'Taiwan' });
      expect(topic.message?.content).toMatch(/^💬 No member comments on Taiwan yet/);
      const topics = await inSecond('ana', 'topics');
      expect(topics.message?.content).toBe(
        '💬 No member comments on these yet. Start one with /comment add.',
      );
      const article = await inSecond('ana', 'article');
      expect(article.message?.content).toMatch(/^💬 No member comments on this article yet/);
      const paragraph = await inSecond('ana', 'article', { paragraph: 1 });
      expect(paragraph.message?.content).toMatch(/^💬 No member comments on ¶1 yet/);
      // …while the first server counts its own.
      const mainWho = await h.emu.command({
        user: 'ana',
        guild: 'main',
        name: 'who',
        options: { name: 'Chase' },
      });
      expect(mainWho.message?.content).toBe('💬 **1 member comment** on Michael Chase.');
    });

    it('id autocomplete suggests nothing (only a typed number, as typed)', async () => {
      for (const value of ['', 'MAIN', 'ana', '1']) {
        const choices = await h.emu.autocomplete({
          user: 'ana',
          guild: 'second',
          name: 'comment reply',
          focused: 'id',
          options: { id: value },
        });
        expect(JSON.stringify(choices)).not.toContain(SECRET);
        expect(choices.map((c) => c.name)).toEqual(value === '1' ? ['#1'] : []);
      }
    });

    it('export holds none of the first server’s comments', async () => {
      const result = await inSecond('ben', 'comment export');
      expectNothingFromMain(result);
      expect(result.message?.content).toBe('The discussion so far: 0 comments, as Markdown.');
    });
  });

  describe('both servers with a #1', () => {
    let secondCard: EmulatedMessage;
    let mainCard: EmulatedMessage;

    beforeAll(async () => {
      const posted = await inSecond('ben', 'comment add', { text: 'Second server’s own #1.' });
      if (!posted.message) throw new Error('no card');
      secondCard = posted.message;
      const list = await h.emu.command({
        user: 'ana',
        guild: 'main',
        name: 'comment thread',
        options: { id: '2' },
      });
      if (!list.message) throw new Error('no thread');
      const mainPosted = await h.emu.command({
        user: 'ben',
        guild: 'main',
        name: 'comment add',
        options: { text: `${SECRET} with buttons.` },
      });
      if (!mainPosted.message) throw new Error('no main card');
      mainCard = mainPosted.message;
    });

    it('numbers are per server', () => {
      expect(secondCard.embeds[0]?.title).toBe('#1 · Ben');
    });

    it('votes and flags by number stay in their server', async () => {
      const mainN = Number(/^#(\d+)/.exec(mainCard.embeds[0]?.title ?? '')?.[1]);
      await h.emu.click(secondCard, { user: 'ana', label: '👍 0' });
      await h.emu.click(secondCard, { user: 'owner', label: 'Flag' });
      await h.emu.click(mainCard, { user: 'mod', label: '👍 0' });
      await h.bot.router.drain();
      const second1 = await h.comments.get(gid('second'), 1);
      const main1 = await h.comments.get(gid('main'), 1);
      const mainVoted = await h.comments.get(gid('main'), mainN);
      expect(second1?.votes).toEqual([h.emu.user('ana').id]);
      expect(second1?.flags).toEqual([h.emu.user('owner').id]);
      expect(main1?.votes).toEqual([]);
      expect(main1?.flags).toEqual([]);
      expect(mainVoted?.votes).toEqual([h.emu.user('mod').id]);
      expect(await h.comments.get(gid('second'), mainN)).toBeUndefined();
    });

    it('edit and delete by number act on this server’s comment only', async () => {
      const main1 = await h.comments.get(gid('main'), 1);
      await inSecond('ben', 'comment edit', { id: '1', text: 'Edited in the second server.' });
      expect((await h.comments.get(gid('second'), 1))?.text).toBe('Edited in the second server.');
      await inSecond('ben', 'comment delete', { id: '1' });
      expect((await h.comments.get(gid('second'), 1))?.deleted).toBe(true);
      expect(await h.comments.get(gid('main'), 1)).toEqual(main1);
    });

    it('the second server’s lists, counts, suggestions and export still hold only its own', async () => {
      await inSecond('ana', 'comment add', { text: 'Another one here.', on: 'Michael Chase' });
      const list = await inSecond('ben', 'comment list');
      expectNothingFromMain(list);
      expect(list.message?.embeds[0]?.description).toBe('1 comment · newest first');
      const who = await inSecond('ben', 'who', { name: 'Chase' });
      expect(who.message?.content).toBe('💬 **1 member comment** on Michael Chase.');
      const choices = await h.emu.autocomplete({
        user: 'ana',
        guild: 'second',
        name: 'comment thread',
        focused: 'id',
        options: { id: '' },
      });
      expect(choices.map((c) => c.value)).toEqual(['2']);
      expectNothingFromMain(await inSecond('ben', 'comment export'));
    });

    it('sent nothing Discord would refuse', () => {
      h.emu.assertNoErrors();
    });
  });
});
