import { type Client, Events } from 'discord.js';
import type { Article } from './article/article.js';
import { AskEngines } from './ask/engines.js';
import { createInteractionClaims, type InteractionClaims, MemoryClaims } from './comments/claims.js';
import { type Cooldowns, MemoryCooldowns, sharesCooldowns } from './comments/cooldown.js';
import { createCommentStore } from './comments/factory.js';
import type { CommentStore } from './comments/store.js';
import { withCooldownTimeouts, withDeadline, withStoreTimeouts } from './comments/timeouts.js';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import { type ChannelMessages, restChannelMessages } from './discord/channel-messages.js';
import { createClient, type IdentifyBackoff } from './discord/client.js';
import type { Command } from './discord/command.js';
import { CommandIds } from './discord/command-ids.js';
import { loadCommands } from './discord/loader.js';
import { createRouter, type Router } from './discord/router.js';
import { Library, loadLibrary } from './library/library.js';
import { createLogger, type Logger, scrub } from './logger.js';
import type { Metrics } from './ops/metrics.js';
import { fromProjectRoot } from './paths.js';
import { Pictures } from './pictures/pictures.js';

export interface StartOptions {
  logger?: Logger;
  /** Reuse an already open store or loaded library (tests, benchmarks). */
  comments?: CommentStore;
  library?: Library;
  /** Serve only this article (tests, benchmarks); ignored when `library` is given. */
  article?: Article;
  now?: () => number;
  autoDeferMs?: number;
  /** Commands added to those in commands/ (benchmarks register a baseline command this way). */
  extraCommands?: readonly Command[];
  /** The IDENTIFY throttle/backoff; pass one instance to every restart so the backoff carries over. */
  identify?: IdentifyBackoff;
  /**
   * Called once when Discord ends the gateway for good after start-up (4004 token reset, 4010–4014):
   * discord.js does not reconnect then, so the process should stop rather than idle.
   */
  onFatal?: (error: FatalDiscordError) => void;
  /** Prometheus metrics (METRICS_PORT); none when absent. */
  metrics?: Metrics;
  /**
   * The comment cooldown. Default: in DATABASE_URL's store when processes can share it (Redis, SQLite),
   * else in this process; with `comments` given, in this process on `now` (tests drive the clock).
   */
  cooldown?: Cooldowns;
  /** Interaction claims shared with other bot processes (tests); default: on DATABASE_URL's store. */
  claims?: InteractionClaims;
  /** Aborting it while logging in gives up the login (shutdown during start-up). */
  signal?: AbortSignal;
}

/** How long an interaction may wait for its claim before it is handled anyway (the store is slow). */
const CLAIM_DEADLINE_MS = 1_000;

/**
 * Gateway close codes after which retrying is pointless (and IDENTIFYs with a bad token count
 * towards Discord's daily limit): fix the configuration instead.
 */
export const FATAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map([
  [
    4004,
    'Discord rejected the bot token (close 4004): reset it in the Developer Portal and update DISCORD_TOKEN',
  ],
  [4010, 'Discord rejected the shard (close 4010): check SHARD_COUNT'],
  [
    4011,
    'Discord requires sharding for this bot (close 4011): run npm run start:sharded (SHARD_COUNT=auto or a number)',
  ],
  [4012, 'Discord rejected the gateway API version (close 4012): upgrade discord.js'],
  [4013, 'Discord rejected the gateway intents (close 4013)'],
  [4014, 'Discord refused a privileged intent (close 4014): Parley needs none; check the client options'],
]);

/** Discord refused the bot in a way no retry fixes (bad token, disallowed intents, sharding). */
export class FatalDiscordError extends Error {
  constructor(
    /** Gateway close code, or null for a token refused over REST (401). */
    readonly closeCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'FatalDiscordError';
  }
}

/** A promise that only ever rejects, with its rejecter (never left unhandled). */
function deferred(): { promise: Promise<never>; reject: (reason: unknown) => void } {
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<never>((_, rej) => {
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, reject };
}

function tokenRefused(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'TokenInvalid';
}

export interface RunningBot {
  client: Client;
  ctx: Ctx;
  commands: Map<string, Command>;
  router: Router;
  /** Stops taking interactions, finishes those in flight (up to `graceMs`), closes the store. */
  stop(graceMs?: number): Promise<void>;
}

/** The store, counting each comment it stores (parley_comments_added_total). */
function countingAdds(store: CommentStore, metrics: Metrics): CommentStore {
  const add: CommentStore['add'] = async (guildId, draft) => {
    const comment = await store.add(guildId, draft);
    metrics.commentsAdded.inc();
    return comment;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'add') return add;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The library to serve: the one given, a library of the one article given, or ARTICLES_DIR. */
export async function libraryFor(config: Config, options: StartOptions = {}): Promise<Library> {
  if (options.library) return options.library;
  if (options.article) return new Library([options.article]);
  return loadLibrary(fromProjectRoot(config.articlesDir), { defaultArticle: config.defaultArticle });
}

/**
 * The article comments from before the library discussed: DEFAULT_ARTICLE, or the only article.
 * With several articles and no DEFAULT_ARTICLE, nobody can say (the store then refuses to guess).
 */
function legacyArticle(config: Config, library: Library): string | undefined {
  if (config.defaultArticle !== undefined) return config.defaultArticle;
  return library.articles.length === 1 ? library.defaultArticle.id : undefined;
}

/** Builds the context once (library, store, logger) — everything a handler may need. */
export async function buildContext(
  config: Config,
  channels: ChannelMessages,
  options: StartOptions = {},
): Promise<Ctx> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const library = await libraryFor(config, options);
  const timeouts = config.storeTimeouts;
  const store =
    options.comments ??
    (await createCommentStore(config.databaseUrl, {
      logger,
      legacyArticle: legacyArticle(config, library),
      // The wait for SQLite's write lock ends inside the write's deadline, so a write reported as
      // timed out never commits afterwards.
      sqliteBusyTimeoutMs: Math.max(Math.floor(timeouts.writeMs / 2), timeouts.writeMs - 1_000),
    }));
  const timed = withStoreTimeouts(store, timeouts);
  const comments = options.metrics ? countingAdds(timed, options.metrics) : timed;
  const now = options.now ?? Date.now;
  const cooldown = withCooldownTimeouts(
    options.cooldown ??
      (!options.comments && sharesCooldowns(store) ? store.sharedCooldowns(now) : new MemoryCooldowns(now)),
    timeouts,
  );
  const pictures = new Pictures();
  const ask = new AskEngines(library.articles);
  const { token: _token, ...settings } = config;
  const commandIds = new CommandIds();
  return {
    config: settings,
    library,
    ask,
    comments,
    cooldown,
    logger,
    pictures,
    channels,
    commandIds,
    now,
  };
}

/**
 * Production start-up: the same path for real Discord and for the local emulator (the emulator
 * is just another DISCORD_API_URL). Resolves once the client is ready.
 */
/** The deployed commands' ids, global and (with DISCORD_GUILD_ID) the guild's. */
async function deployedIds(client: Client, guildId: string | undefined): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const commands = client.application?.commands;
  for (const fetched of [await commands?.fetch(), guildId ? await commands?.fetch({ guildId }) : undefined]) {
    for (const command of fetched?.values() ?? []) ids.set(command.name, command.id);
  }
  return ids;
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  if (!config.token) throw new Error('startBot needs a token');
  const client = createClient(config, options.identify ? { identify: options.identify } : {});
  // Cards and mod-log lines go through the client's own REST queue (shared rate limits).
  const ctx = await buildContext(config, restChannelMessages(client.rest), options);
  const { logger } = ctx;
  let claims: InteractionClaims;
  try {
    claims =
      options.claims ??
      (options.comments ? new MemoryClaims() : await createInteractionClaims(config.databaseUrl, { logger }));
  } catch (error) {
    if (!options.comments) await ctx.comments.close();
    throw error;
  }
  const closeStores = async () => {
    // A store handed in by the caller (tests, benchmarks) is the caller's to close.
    if (!options.claims) await claims.close().catch(() => undefined);
    if (!options.comments) await ctx.comments.close();
  };
  const commands = await loadCommands();
  for (const command of options.extraCommands ?? []) commands.set(command.data.name, command);
  ctx.commandIds.use(() => deployedIds(client, config.guildId));
  const router = createRouter(commands, ctx, {
    scrub: (text) => scrub(text, config.token),
    ...(options.autoDeferMs === undefined ? {} : { autoDeferMs: options.autoDeferMs }),
    // A slow store must not hold up every interaction: past the deadline it is handled anyway.
    claim: (id) => withDeadline(() => claims.claim(id), CLAIM_DEADLINE_MS, 'claim the interaction'),
    ...(options.metrics ? { observe: options.metrics.observeInteraction } : {}),
  });

  const onInteraction = (interaction: Parameters<Router['handle']>[0]) => {
    void router.handle(interaction);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, (error) =>
    logger.error({ err: { name: error.name, message: error.message } }, 'client error'),
  );
  client.on(Events.Warn, (message) => logger.warn({ message }, 'client warning'));
  // Removed from a server (discord.js reports an outage as GuildUnavailable instead). Nothing is
  // deleted: a kick by mistake or a re-invite finds everything; /moderate purge deletes on purpose.
  client.on(Events.GuildDelete, (guild) =>
    logger.info({ guildId: guild.id }, 'removed from a server; its comments and settings are kept'),
  );
  // discord.js emits this only for close codes it will not recover from.
  let fatal: FatalDiscordError | undefined;
  let isReady = false;
  let onFatalDuringLogin: ((error: FatalDiscordError) => void) | undefined;
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const reason = FATAL_CLOSE_CODES.get(event.code);
    if (!reason) {
      logger.warn({ shardId, code: event.code }, 'gateway disconnected');
      return;
    }
    logger.error({ shardId, code: event.code }, `gateway closed for good: ${reason}`);
    if (fatal) return;
    fatal = new FatalDiscordError(event.code, reason);
    if (isReady) options.onFatal?.(fatal);
    else onFatalDuringLogin?.(fatal);
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    options.metrics?.reconnects.inc();
    logger.info({ shardId }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // Login ends in READY, a failed login, a fatal close (after which discord.js may wait for ever),
  // or an abort (shutdown during start-up).
  const ended = deferred();
  onFatalDuringLogin = ended.reject;
  const signal = options.signal;
  const onAbort = () => ended.reject(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const loggedIn = client.login(config.token).then(() => ready);
  loggedIn.catch(() => undefined);
  try {
    await Promise.race([loggedIn, ended.promise]);
  } catch (error) {
    await client.destroy();
    await closeStores();
    if (fatal) throw fatal;
    if (tokenRefused(error)) {
      throw new FatalDiscordError(null, 'Discord rejected the bot token (401): check DISCORD_TOKEN');
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    onFatalDuringLogin = undefined;
  }
  // Once, not on every /help: the deployed ids only change with a deploy.
  await ctx.commandIds.get();
  isReady = true;
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, commands: commands.size },
    'Parley is ready',
  );

  let stopping: Promise<void> | undefined;
  async function stop(graceMs = 4_000): Promise<void> {
    stopping ??= (async () => {
      // From now on interactions get a short "restarting" answer instead of silence.
      router.close();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([router.drain(), timeout]);
      client.off(Events.InteractionCreate, onInteraction);
      await client.destroy();
      await closeStores();
      logger.info('Parley stopped');
    })();
    return stopping;
  }

  return { client, ctx, commands, router, stop };
}
