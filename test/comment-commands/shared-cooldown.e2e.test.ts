/**
 * The comment cooldown holds across bot processes sharing one store — a Redis, or a SQLite file on one
 * machine — (two instances on one shard, as in a rolling deploy: one answers, stops, the other takes over). The wait is the server's own, set with
 * /moderate settings (the configured one is 0), so the shared cooldown honours it too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@parley/discord-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cooldowns } from '../../src/comments/cooldown.js';
import type { Comment } from '../../src/comments/domain.js';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { commentError, STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import { loadConfig } from '../../src/config.js';
import { IdentifyBackoff } from '../../src/discord/client.js';
import { createLogger } from '../../src/logger.js';
import { type RunningBot, startBot } from '../../src/start.js';
import { redisUrl, uniquePrefix } from '../comments/helpers.js';
import { loadMainArticle } from '../helpers/articles.js';
import { messageOf, startHarness, textOf } from '../helpers/harness.js';
import { TEST_IDENTIFY } from '../reliability/support.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-shared-cooldown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = [
  { name: 'SQLite', url: () => `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}` },
  // A database of its own: the bot uses the default key prefix, and the emulator's ids are fixed.
  ...(redisUrl ? [{ name: 'Redis', url: () => `${redisUrl.replace(/\/\d*$/, '')}/5` }] : []),
];

async function storedIn(databaseUrl: string, guildId: string): Promise<Comment[]> {
  const store = await createCommentStore(databaseUrl);
  const stored: Comment[] = [];
  try {
    for await (const comment of store.exportAll(guildId)) stored.push(comment);
  } finally {
    await store.close();
  }
  return stored;
}

describe.each(backends)('the comment cooldown shared by two instances on one $name', ({ url }) => {
  it("a member's second comment, through the other instance, gets the server's cooldown reply", async () => {
    const databaseUrl = url();
    const emu = await startEmulator({ replyTimeoutMs: 30_000 });
    const main = emu.guild('main').id;
    const second = emu.guild('second').id;
    // Earlier runs on a REDIS_URL server leave nothing behind that counts.
    const cleanup = await createCommentStore(databaseUrl);
    await Promise.all([cleanup.purge(main), cleanup.purge(second)]);
    await cleanup.close();

    const config = {
      ...loadConfig({ COMMENT_COOLDOWN_SECONDS: '0', DATABASE_URL: databaseUrl }),
      token: emu.token,
      apiUrl: emu.apiUrl,
    };
    const article = await loadMainArticle();
    const start = () =>
      startBot(config, {
        article,
        logger: createLogger('silent'),
        identify: new IdentifyBackoff(TEST_IDENTIFY),
      });
    const bots: RunningBot[] = [];
    try {
      // B logs in last: the emulator hands the guild's interactions to the newest session.
      bots.push(await start(), await start());
      const [a, b] = bots;
      if (!a || !b) throw new Error('two instances expected');
      emu.registerCommands([...a.commands.values()].map((c) => c.data.toJSON()));
      const comment = (user: string, text: string, guild = 'main') =>
        emu.command({ user, guild, name: 'comment add', options: { text } });

      const set = await emu.command({
        user: 'owner',
        guild: 'main',
        name: 'moderate settings',
        options: { cooldown: 600 },
      });
      expect(set.errors).toEqual([]);
      const first = await comment('ana', 'First, through B');
      expect(messageOf(first).embeds[0]?.title).toMatch(/^#1 · /);

      // B stops; A, which never saw Ana's comment, answers from now on.
      await b.stop(1_000);
      bots.pop();
      // Once the emulator has seen B's connection close, A's session is the only one left to deliver to.
      await expect.poll(() => emu.gateway.sessionsFor(main).length, { timeout: 30_000 }).toBe(1);
      const again = await comment('ana', 'Second, through A');
      expect(again.errors).toEqual([]);
      const refusal = textOf(messageOf(again));
      const seconds = Number(/try again in (\d+) s/.exec(refusal)?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(600);
      expect(refusal).toBe(commentError('cooldown', { seconds }).message);

      // Only Ana in this server waits: Ben here, and Ana in another server, comment through A.
      expect(messageOf(await comment('ben', 'Ben, through A')).embeds[0]?.title).toMatch(/^#2 · /);
      expect(messageOf(await comment('ana', 'Elsewhere', 'second')).embeds[0]?.title).toMatch(/^#1 · /);

      const stored = await storedIn(databaseUrl, main);
      expect(stored.map((c) => [c.authorName, c.text])).toEqual([
        ['Ana', 'First, through B'],
        ['Ben', 'Ben, through A'],
      ]);
      emu.assertNoErrors();
    } finally {
      await Promise.all(bots.map((bot) => bot.stop(1_000)));
      await emu.close();
    }
  }, 120_000);
});

describe('a cooldown the bot cannot reach', () => {
  const never = new Promise<never>(() => {});
  const down = () => Promise.reject(new StoreUnavailableError('Comment store failed: connection refused'));
  const cases: { name: string; cooldown: Cooldowns }[] = [
    { name: 'hung', cooldown: { take: () => never, remaining: () => never, release: () => never } },
    { name: 'down', cooldown: { take: down, remaining: down, release: down } },
  ];

  it.each(cases)(
    '$name: /comment add and the form answer "comments are unavailable", nothing is stored',
    async ({ cooldown }) => {
      // Deadlines only the hung cooldown reaches (the memory store answers at once).
      const timeouts = { writeMs: 1_000, readMs: 1_000, countMs: 1_000 };
      const h = await startHarness({ start: { cooldown }, storeTimeouts: timeouts });
      try {
        const add = await h.emu.command({
          user: 'ana',
          guild: 'main',
          name: 'comment add',
          options: { text: 'Hello' },
        });
        expect(add.errors).toEqual([]);
        expect(messageOf(add).content).toBe(STORE_UNAVAILABLE);
        const form = await h.emu.command({ user: 'ana', guild: 'main', name: 'comment add' });
        expect(form.modal).toBeNull();
        expect(messageOf(form).content).toBe(STORE_UNAVAILABLE);
        expect(await h.comments.exportBatch(h.emu.guild('main').id, 0, 10)).toEqual([]);
      } finally {
        await h.close();
      }
    },
  );
});
