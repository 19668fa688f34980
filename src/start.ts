import { type Client, Events } from 'discord.js';
import type { Article } from './article/article.js';
import { loadArticle } from './article/loader.js';
import { CommentCooldown } from './comments/cooldown.js';
import { createCommentStore } from './comments/factory.js';
import type { CommentStore } from './comments/store.js';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import { createClient } from './discord/client.js';
import type { Command } from './discord/command.js';
import { loadCommands } from './discord/loader.js';
import { createRouter, type Router } from './discord/router.js';
import { createLogger, type Logger } from './logger.js';

export interface StartOptions {
  logger?: Logger;
  /** Reuse an already open store or loaded article (tests, benchmarks). */
  comments?: CommentStore;
  article?: Article;
  now?: () => number;
  autoDeferMs?: number;
  /** Commands added to those in commands/ (benchmarks register a baseline command this way). */
  extraCommands?: readonly Command[];
}

export interface RunningBot {
  client: Client;
  ctx: Ctx;
  commands: Map<string, Command>;
  router: Router;
  /** Stops taking interactions, finishes those in flight (up to `graceMs`), closes the store. */
  stop(graceMs?: number): Promise<void>;
}

/** Builds the context once (article, store, logger) — everything a handler may need. */
export async function buildContext(config: Config, options: StartOptions = {}): Promise<Ctx> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const article = options.article ?? (await loadArticle(config.articlePath));
  const comments = options.comments ?? (await createCommentStore(config.databaseUrl, { logger }));
  const cooldown = new CommentCooldown(config.commentCooldownSeconds);
  return { config, article, comments, cooldown, logger, now: options.now ?? Date.now };
}

/**
 * Production start-up: the same path for real Discord and for the local emulator (the emulator
 * is just another DISCORD_API_URL). Resolves once the client is ready.
 */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  if (!config.token) throw new Error('startBot needs a token');
  const ctx = await buildContext(config, options);
  const { logger } = ctx;
  const commands = await loadCommands();
  for (const command of options.extraCommands ?? []) commands.set(command.data.name, command);
  const client = createClient(config);
  const router = createRouter(
    commands,
    ctx,
    options.autoDeferMs === undefined ? {} : { autoDeferMs: options.autoDeferMs },
  );

  let accepting = true;
  const onInteraction = (interaction: Parameters<Router['handle']>[0]) => {
    if (accepting) void router.handle(interaction);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) =>
    logger.error({ err: { name: error.name, message: error.message } }, 'client error'),
  );
  client.on(Events.Warn, (message) => logger.warn({ message }, 'client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if (!options.comments) await ctx.comments.close();
    throw error;
  }
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, commands: commands.size },
    'Parley is ready',
  );

  let stopping: Promise<void> | undefined;
  async function stop(graceMs = 4_000): Promise<void> {
    stopping ??= (async () => {
      accepting = false;
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([router.drain(), timeout]);
      client.off(Events.InteractionCreate, onInteraction);
      await client.destroy();
      // A store handed in by the caller (tests, benchmarks) is the caller's to close.
      if (!options.comments) await ctx.comments.close();
      logger.info('Parley stopped');
    })();
    return stopping;
  }

  return { client, ctx, commands, router, stop };
}
