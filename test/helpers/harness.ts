import {
  type EmulatedMessage,
  type Emulator,
  type EmulatorOptions,
  type InteractionResult,
  type ManualClock,
  manualClock,
  startEmulator,
} from '@parley/discord-emulator';
import type { APIButtonComponent, APIEmbed } from 'discord.js';
import type { Article } from '../../src/article/article.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { loadConfig, type StoreTimeouts } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type RunningBot, type StartOptions, startBot } from '../../src/start.js';
import { loadMainArticle } from './articles.js';

export const COOLDOWN_SECONDS = 30;

export interface Harness {
  emu: Emulator;
  /** Replaced by restartBot(). */
  bot: RunningBot;
  clock: ManualClock;
  article: Article;
  comments: CommentStore;
  /** Lets every member's comment cooldown run out. */
  cooldownPasses(): void;
  /** Stops the bot and starts a new one on the same emulator and store (a restart or deploy). */
  restartBot(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real bot (startBot: real discord.js client, router, every command in commands/) against the
 * emulator, with an in-memory comment store and a hand-driven clock shared by both.
 */
export interface HarnessOptions {
  /** Default: a fresh memory store, closed with the harness. A store passed in is the caller's to close. */
  comments?: CommentStore;
  article?: Article;
  emulator?: EmulatorOptions;
  /** Passed on to startBot (logger, autoDeferMs, identify backoff…). */
  start?: Partial<StartOptions>;
  cooldownSeconds?: number;
  /** Default: RELAXED_TIMEOUTS; the tests of the timeouts themselves pass short ones. */
  storeTimeouts?: StoreTimeouts;
}

/**
 * Store deadlines no busy machine reaches: the suites that are not about timeouts must not see a
 * slow fsync reported as an outage.
 */
export const RELAXED_TIMEOUTS: StoreTimeouts = { writeMs: 60_000, readMs: 60_000, countMs: 60_000 };

/** The same deadlines as configuration, for bots started as child processes. */
export const RELAXED_TIMEOUT_ENV: Record<string, string> = {
  STORE_WRITE_TIMEOUT_MS: String(RELAXED_TIMEOUTS.writeMs),
  STORE_READ_TIMEOUT_MS: String(RELAXED_TIMEOUTS.readMs),
  STORE_COUNT_TIMEOUT_MS: String(RELAXED_TIMEOUTS.countMs),
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = manualClock(Date.UTC(2025, 0, 15, 12));
  const emu = await startEmulator({ now: clock.now, ...options.emulator });
  const article = options.article ?? (await loadMainArticle());
  const ownStore = options.comments === undefined;
  const comments = options.comments ?? (await createCommentStore('memory://'));
  const cooldown = options.cooldownSeconds ?? COOLDOWN_SECONDS;
  const config = {
    ...loadConfig({}),
    token: emu.token,
    apiUrl: emu.apiUrl,
    logLevel: 'silent' as const,
    commentCooldownSeconds: cooldown,
    storeTimeouts: options.storeTimeouts ?? RELAXED_TIMEOUTS,
  };
  const start = () =>
    startBot(config, { comments, article, now: clock.now, logger: createLogger('silent'), ...options.start });
  const bot = await start();
  emu.registerCommands([...bot.commands.values()].map((c) => c.data.toJSON()));
  const harness: Harness = {
    emu,
    bot,
    clock,
    article,
    comments,
    cooldownPasses: () => clock.advance(cooldown * 1000 + 1),
    async restartBot() {
      await harness.bot.stop(500);
      harness.bot = await start();
    },
    async close() {
      await harness.bot.stop(500);
      if (ownStore) await comments.close();
      await emu.close();
    },
  };
  return harness;
}

export function messageOf(result: InteractionResult): EmulatedMessage {
  const message = result.message;
  if (!message) throw new Error(`No message for ${result.id}; errors: ${JSON.stringify(result.errors)}`);
  return message;
}

export function embedOf(message: EmulatedMessage | null | undefined, index = 0): APIEmbed {
  const embed = message?.embeds[index];
  if (!embed) throw new Error(`No embed ${index} on message: ${JSON.stringify(message)}`);
  return embed;
}

export function buttonsOf(message: EmulatedMessage | null | undefined): APIButtonComponent[] {
  return (message?.components ?? []).flatMap((row) =>
    'components' in row ? (row.components as APIButtonComponent[]) : [],
  );
}

export const labels = (message: EmulatedMessage | null | undefined) =>
  buttonsOf(message).map((b) => ('label' in b ? b.label : undefined));

/** Everything a reader sees in a message's embeds. */
export function textOf(message: EmulatedMessage | null | undefined): string {
  return [
    message?.content ?? '',
    ...(message?.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ].join('\n');
}
