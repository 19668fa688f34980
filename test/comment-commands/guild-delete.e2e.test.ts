/**
 * The bot removed from a server (GUILD_DELETE) deletes nothing: when it is added back, the server's
 * comments and moderation settings are all there, and other servers never noticed. Only /moderate
 * purge deletes a server's data.
 */
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import type { CommentStore } from '../../src/comments/store.js';
import { type Backend, redisBackend, redisUrl, sqliteBackend } from '../comments/helpers.js';
import { embedOf, messageOf, startHarness, textOf } from '../helpers/harness.js';
import { captureLogs, LEVEL } from '../reliability/support.js';

const BACKENDS: Backend[] = [sqliteBackend(), ...(redisUrl ? [redisBackend()] : [])];

/** What a server holds, without the card references (recorded after each reply, in the background). */
async function holdings(store: CommentStore, guildId: string) {
  const comments: Comment[] = [];
  for await (const c of store.exportAll(guildId)) comments.push(c);
  return {
    comments: comments.map(({ number, parent, authorId, text, deleted, hidden, replyCount, articleId }) => ({
      number,
      parent,
      authorId,
      text,
      deleted,
      hidden,
      replyCount,
      articleId,
    })),
    settings: await store.moderation(guildId),
    article: await store.currentArticle(guildId),
  };
}

describe.each(BACKENDS)('the bot removed from a server and added back, on $name', (backend) => {
  it('keeps every comment and setting of that server, and touches no other server', async () => {
    const logs = captureLogs();
    const comments = await backend.open();
    const h = await startHarness({ comments, start: { logger: logs.logger } });
    try {
      const main = h.emu.guild('main').id;
      const second = h.emu.guild('second').id;
      const command = (user: string, guild: string, name: string, options: Record<string, string | number>) =>
        h.emu.command({ user, guild, name, options });

      expect(
        (await command('ana', 'main', 'comment add', { text: 'Kept when the bot leaves' })).errors,
      ).toEqual([]);
      h.cooldownPasses();
      expect(
        (await command('ben', 'main', 'comment reply', { id: '1', text: 'A reply, kept too' })).errors,
      ).toEqual([]);
      expect((await command('ana', 'second', 'comment add', { text: 'Another server' })).errors).toEqual([]);
      const set = await command('owner', 'main', 'moderate settings', {
        cooldown: 42,
        flags: 5,
        block_word: 'spoon',
      });
      expect(set.errors).toEqual([]);

      const before = { main: await holdings(comments, main), second: await holdings(comments, second) };
      expect(before.main.comments.map((c) => c.text)).toEqual([
        'Kept when the bot leaves',
        'A reply, kept too',
      ]);
      expect(before.main.settings).toMatchObject({
        cooldownSeconds: 42,
        flagThreshold: 5,
        blockedWords: ['spoon'],
      });
      expect(before.second.comments.map((c) => c.text)).toEqual(['Another server']);

      expect(h.emu.removeBotFrom('main')).toBe(1);
      await expect.poll(() => h.bot.client.guilds.cache.has(main)).toBe(false);
      await expect
        .poll(() =>
          logs.entries.filter((e) => e.level === LEVEL.info && e.guildId === main).map((e) => e.msg),
        )
        .toEqual(['removed from a server; its comments and settings are kept']);
      // The other server is still served meanwhile.
      h.cooldownPasses();
      expect(
        embedOf(messageOf(await command('ana', 'second', 'comment add', { text: 'Still here' }))).title,
      ).toMatch(/^#2 · /);
      expect({
        main: await holdings(comments, main),
        second: (await holdings(comments, second)).settings,
      }).toEqual({
        main: before.main,
        second: before.second.settings,
      });

      expect(h.emu.addBotTo('main')).toBe(1);
      await expect.poll(() => h.bot.client.guilds.cache.has(main)).toBe(true);
      expect(await holdings(comments, main)).toEqual(before.main);
      // Members see it all again, and the next comment goes on numbering.
      const list = textOf(messageOf(await command('ana', 'main', 'comment list', {})));
      expect(list).toContain('Kept when the bot leaves');
      const shown = embedOf(messageOf(await command('owner', 'main', 'moderate settings', {})));
      expect(shown.fields?.find((f) => f.name === 'Cooldown')?.value).toBe('42 s');
      h.cooldownPasses();
      expect(embedOf(messageOf(await command('ben', 'main', 'comment add', { text: 'Back' }))).title).toMatch(
        /^#3 · /,
      );
      h.emu.assertNoErrors();
    } finally {
      await h.close();
      await comments.close();
      backend.cleanup();
    }
  });
});
