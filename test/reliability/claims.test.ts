/**
 * Two bot instances on one shard — a rolling deploy, or the bot started twice — each with its own
 * connections to the shared store, and an emulator that delivers every interaction to both gateway
 * sessions. Each interaction is claimed once in the store: every add and vote happens once, and
 * the losing instance stays silent (no 40060 "already acknowledged").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatedMessage, type Emulator, startEmulator } from '@parley/discord-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import type { Comment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { loadConfig } from '../../src/config.js';
import { IdentifyBackoff } from '../../src/discord/client.js';
import { createLogger } from '../../src/logger.js';
import { type RunningBot, startBot } from '../../src/start.js';
import { redisUrl, uniquePrefix } from '../comments/helpers.js';
import { loadMainArticle } from '../helpers/articles.js';
import { TEST_IDENTIFY } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = [
  { name: 'SQLite (a unique row)', url: () => `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}` },
  // A database of its own, so the default key prefix meets no other test's keys.
  { name: 'Redis (SET NX with a TTL)', url: () => `${redisUrl.replace(/\/\d*$/, '')}/7` },
];

async function startTwo(emu: Emulator, databaseUrl: string, article: Article): Promise<RunningBot[]> {
  const config = {
    ...loadConfig({ COMMENT_COOLDOWN_SECONDS: '0', DATABASE_URL: databaseUrl }),
    token: emu.token,
    apiUrl: emu.apiUrl,
  };
  const bots: RunningBot[] = [];
  for (let i = 0; i < 2; i++) {
    bots.push(
      await startBot(config, {
        article,
        logger: createLogger('silent'),
        identify: new IdentifyBackoff(TEST_IDENTIFY),
      }),
    );
  }
  return bots;
}

/** Runs `count` jobs, `width` at a time. */
async function inBatches<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, k) => job(start + k));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe.each(backends)('two instances receiving every interaction: $name', ({ url }) => {
  it('50 adds store 50 comments and 30 confirmed votes store 30 votes, each answered once', async () => {
    const emu = await startEmulator({ interactionsToEverySession: true, replyTimeoutMs: 30_000 });
    const databaseUrl = url();
    const article = await loadMainArticle();
    let bots: RunningBot[] = [];
    try {
      bots = await startTwo(emu, databaseUrl, article);
      emu.registerCommands([...(bots[0]?.commands.values() ?? [])].map((c) => c.data.toJSON()));
      const gateway = emu.guild('main');
      const tag = uniquePrefix();

      const adds = await inBatches(50, 10, (i) =>
        emu.command({ user: 'ana', guild: 'main', name: 'comment add', options: { text: `${tag} #${i}` } }),
      );
      const cards: EmulatedMessage[] = [];
      for (const add of adds) {
        expect(add.errors).toEqual([]);
        expect(add.message?.embeds[0]?.title).toMatch(/^#\d+ · /);
        if (add.message) cards.push(add.message);
      }

      const votes = await inBatches(30, 10, async (i) => {
        const card = cards[i];
        if (!card) throw new Error(`no card ${i}`);
        const vote = await emu.click(card, { user: 'ben', label: '👍 0' });
        await vote.waitForFollowUps(1);
        return vote;
      });
      for (const vote of votes) {
        expect(vote.errors).toEqual([]);
        expect(vote.followUps).toHaveLength(1);
        expect(vote.followUps[0]?.content).toMatch(/^👍 You voted for #\d+\./);
      }
      // Neither instance answered an interaction the other had taken.
      expect(emu.errors()).toEqual([]);

      const store = await createCommentStore(databaseUrl);
      const stored: Comment[] = [];
      try {
        for await (const comment of store.exportAll(gateway.id)) stored.push(comment);
      } finally {
        await store.close();
      }
      const mine = stored.filter((c) => c.text.startsWith(tag));
      expect(mine).toHaveLength(50);
      expect(new Set(mine.map((c) => c.text)).size).toBe(50);
      expect(mine.filter((c) => c.votes.length === 1)).toHaveLength(30);
      expect(mine.filter((c) => c.votes.length > 1)).toEqual([]);
    } finally {
      await Promise.all(bots.map((bot) => bot.stop(1_000)));
      await emu.close();
    }
  }, 180_000);
});
