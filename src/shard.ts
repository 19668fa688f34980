/**
 * `npm run start:sharded`: one process per shard (discord.js ShardingManager), each running
 * src/index.ts with SHARDS / SHARD_COUNT set by the manager, all sharing one comment store.
 *
 * The shard count is SHARD_COUNT, or Discord's recommendation (GET /gateway/bot on DISCORD_API_URL)
 * when it is `auto`. SHARD_LIST (e.g. `0-3` or `0,2,4`) runs only some shards of SHARD_COUNT, for
 * spreading one bot over several machines. SIGTERM/SIGINT stop every shard gracefully.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import { type Config, ConfigError, EXIT_FATAL, loadConfig } from './config.js';
import { loadDotenv } from './env.js';
import { createLogger, type Logger, scrub } from './logger.js';
import { nodeFlags } from './node-flags.js';

/**
 * Pause after one shard is ready before starting the next. Discord allows one IDENTIFY per 5 s per
 * rate-limit bucket (max_concurrency 1 for all but the largest bots); 5.5 s is discord.js's default.
 */
export const SPAWN_DELAY_MS = 5_500;
/** How long a shard may take from spawn to READY. */
export const READY_TIMEOUT_MS = 60_000;
/** After SIGINT, how long the shards get to stop on their own before they are asked to. */
const SIGINT_ASK_AFTER_MS = 1_000;
/**
 * After SIGTERM, how long a shard may take to finish its interactions before it is killed: 10 s, or
 * its own SHUTDOWN_TIMEOUT_MS and 5 s more when that is longer.
 */
export const STOP_GRACE_MS = 10_000;
const stopGraceMs = (config: Config) => Math.max(STOP_GRACE_MS, config.shutdownTimeoutMs + 5_000);
/** Respawn back-off after a shard dies: 1 s, 2 s, 4 s… up to a minute. */
const RESPAWN_FIRST_MS = 1_000;
const RESPAWN_MAX_MS = 60_000;
/** A shard that stayed up this long after READY starts its back-off afresh when it dies. */
const STABLE_MS = 60_000;
/** The IPC message asking a shard to stop gracefully (src/index.ts). */
export const STOP_MESSAGE = 'parley:stop';

/** A configuration problem found before any shard starts (exit EXIT_FATAL); its message is for the operator. */
export class ShardSetupError extends Error {
  override name = 'ShardSetupError';
}

/** SHARD_LIST (read by config.ts) checked against the shard count: every id must exist. */
export function checkShardList(list: readonly number[] | undefined, total: number): number[] | undefined {
  if (list === undefined) return undefined;
  const highest = list.at(-1);
  if (highest !== undefined && highest >= total)
    throw new ShardSetupError(
      `SHARD_LIST: shard ${highest} does not exist with SHARD_COUNT=${total} (ids 0–${total - 1})`,
    );
  return [...list];
}

/**
 * SHARD_COUNT as a number. `auto` asks GET /gateway/bot — on DISCORD_API_URL, unlike discord.js's
 * fetchRecommendedShardCount, which always asks discord.com.
 */
export async function resolveShardCount(
  config: Pick<Config, 'token' | 'apiUrl' | 'shardCount'>,
): Promise<number> {
  if (config.shardCount !== 'auto') return config.shardCount;
  if (!config.token) throw new ShardSetupError('SHARD_COUNT=auto needs DISCORD_TOKEN to ask Discord');
  const rest = new REST({
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(config.token);
  const where = config.apiUrl ?? 'Discord';
  let body: RESTGetAPIGatewayBotResult;
  try {
    body = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (error) {
    const message = scrub(error instanceof Error ? error.message : String(error), config.token);
    const status =
      typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
    if (status === 401)
      throw new ShardSetupError(`DISCORD_TOKEN was refused by ${where} (GET /gateway/bot: 401 Unauthorized)`);
    // Worth a retry (network, 5xx): not a ShardSetupError.
    throw new Error(
      `could not ask ${where} for the recommended shard count (GET /gateway/bot): ${message}. Set SHARD_COUNT to a number to skip this.`,
    );
  }
  if (!Number.isInteger(body.shards) || body.shards < 1)
    throw new ShardSetupError(
      `${where} recommended ${String(body.shards)} shards; set SHARD_COUNT to a number`,
    );
  return body.shards;
}

/** What the comment store means for these shards: a warning to log, or undefined when it is fine (Redis). */
export function storeWarning(databaseUrl: string, shards: number, partial: boolean): string | undefined {
  const scheme = /^([a-z]+):\/\//i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') return undefined;
  if (scheme === 'memory')
    return 'DATABASE_URL=memory:// keeps each shard’s comments in that process only: they are lost on every restart. Use redis:// for sharding.';
  if (scheme === 'sqlite' && partial)
    return 'DATABASE_URL=sqlite:// with SHARD_LIST: each machine has its own file, so a server’s comments stay behind on the old machine whenever shards move or SHARD_COUNT changes. Use one redis:// for every machine.';
  if (scheme === 'sqlite' && shards > 1)
    return `DATABASE_URL=sqlite:// shared by ${shards} shard processes: safe on one machine (one file, WAL, atomic numbering), but every write takes the file's lock. Use redis:// for more traffic or several machines.`;
  return undefined;
}

/** The per-shard entry: src/index.ts (through tsx), or index.js next to a compiled shard.js. */
function shardEntry(): { file: string; execArgv: string[] } {
  const ext = extname(fileURLToPath(import.meta.url));
  const file = fileURLToPath(new URL(`./index${ext}`, import.meta.url));
  // `--import <tsx loader>` by absolute URL: works whatever the working directory (Node ≥ 20.6).
  return {
    file,
    execArgv: ext === '.ts' ? ['--import', import.meta.resolve('tsx')] : nodeFlags(),
  };
}

const describeExit = (child: ChildProcess) =>
  child.signalCode ? { signal: child.signalCode } : { code: child.exitCode };

export interface ShardedRun {
  manager: ShardingManager;
  /**
   * Resolves once every shard was spawned in turn and is READY (true), or had its chance and is not
   * (false: it keeps retrying or is respawned; the log says which).
   */
  ready: Promise<boolean>;
  /**
   * Stops every shard and resolves when all exited: asks each (after `askAfterMs`), and kills it
   * its stop grace (stopGraceMs) later if it is still running.
   */
  stop(askAfterMs?: number): Promise<void>;
}

export interface ShardOptions {
  total: number;
  list: number[] | undefined;
  logger: Logger;
  /** A shard exited with EXIT_FATAL (bad token, configuration): respawning cannot help. */
  onFatal?: (shardId: number) => void;
}

/**
 * Spawns the shards one at a time, each after the previous one's READY and SPAWN_DELAY_MS (Discord's
 * IDENTIFY spacing), and keeps them up: a dead shard is respawned through the same queue with
 * back-off, except after EXIT_FATAL.
 */
export function startShards(config: Config & { token: string }, options: ShardOptions): ShardedRun {
  const { total, list, logger } = options;
  const { file, execArgv } = shardEntry();
  const manager = new ShardingManager(file, {
    token: config.token,
    totalShards: total,
    shardList: list ?? 'auto',
    mode: 'process',
    // Respawning is ours: queued behind other IDENTIFYs, with back-off, never after a fatal exit.
    respawn: false,
    execArgv,
  });
  let stopping = false;

  // Every spawn (first start or respawn) waits its turn: one IDENTIFY per SPAWN_DELAY_MS.
  let queue: Promise<void> = Promise.resolve();
  let lastTurn = Number.NEGATIVE_INFINITY;
  const enqueue = (shard: Shard): Promise<boolean> => {
    const turn = queue.then(async () => {
      const wait = lastTurn + SPAWN_DELAY_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopping || shard.process) return false;
      try {
        await shard.spawn(READY_TIMEOUT_MS);
        return true;
      } catch (error) {
        // Died (the death handler takes over) or slow: it keeps trying on its own.
        if (!stopping)
          logger.warn(
            { shard: shard.id, err: error instanceof Error ? error.message : String(error) },
            'shard not ready',
          );
        return false;
      } finally {
        lastTurn = Date.now();
      }
    });
    queue = turn.then(() => undefined);
    return turn;
  };

  const watch = (shard: Shard) => {
    const id = shard.id;
    let failures = 0;
    let readyAt = 0;
    shard.on('spawn', (child) =>
      logger.info({ shard: id, pid: 'pid' in child ? child.pid : undefined }, 'shard spawned'),
    );
    shard.on('ready', () => {
      readyAt = Date.now();
      logger.info({ shard: id, pid: shard.process?.pid }, 'shard ready');
    });
    // (A stopping shard's client reports disconnecting too: not news.)
    shard.on(
      'disconnect',
      () => stopping || logger.warn({ shard: id }, 'shard disconnected from the gateway'),
    );
    shard.on('reconnecting', () => stopping || logger.info({ shard: id }, 'shard reconnecting'));
    shard.on('resume', () => logger.info({ shard: id }, 'shard resumed'));
    shard.on('error', (error) =>
      logger.error({ shard: id, err: { name: error.name, message: error.message } }, 'shard error'),
    );
    shard.on('death', (child) => {
      const exit = 'exitCode' in child ? describeExit(child) : {};
      if (stopping) {
        logger.info({ shard: id, ...exit }, 'shard stopped');
        return;
      }
      if ('exitCode' in child && child.exitCode === EXIT_FATAL) {
        logger.error(
          { shard: id, ...exit },
          'shard stopped for good (token or configuration): not respawning',
        );
        options.onFatal?.(id);
        return;
      }
      if (readyAt > 0 && Date.now() - readyAt > STABLE_MS) failures = 0;
      const delay = Math.min(RESPAWN_FIRST_MS * 2 ** failures, RESPAWN_MAX_MS);
      failures++;
      readyAt = 0;
      logger.error({ shard: id, ...exit, respawnInMs: delay }, 'shard died; respawning');
      setTimeout(() => void enqueue(shard), delay);
    });
  };

  async function stopShard(shard: Shard, askAfterMs: number): Promise<void> {
    const child = shard.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    const done = await Promise.race([
      exited.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), askAfterMs)),
    ]);
    if (done) return;
    // A running shard is asked over IPC rather than by a signal: on a terminal's Ctrl-C it got SIGINT
    // too, and a second signal means "exit at once" to it. One still starting has nothing to finish.
    if (shard.ready && child.connected) child.send(STOP_MESSAGE, (error) => error && child.kill('SIGTERM'));
    else child.kill('SIGTERM');
    const graceMs = stopGraceMs(config);
    const timer = setTimeout(() => {
      logger.warn({ shard: shard.id, graceMs }, 'shard did not stop in time; killing it');
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }

  let stopped: Promise<void> | undefined;
  const stop = (askAfterMs = 0) => {
    stopped ??= (async () => {
      stopping = true;
      await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, askAfterMs)));
    })();
    return stopped;
  };

  const ids = list ?? [...Array(total).keys()];
  logger.info({ shards: ids, total, spawnDelayMs: SPAWN_DELAY_MS }, 'starting shards');
  const ready = Promise.all(
    ids.map((id) => {
      const shard = manager.createShard(id);
      watch(shard);
      return enqueue(shard);
    }),
  ).then(() => {
    if (stopping) return false;
    const waiting = ids.filter((id) => !manager.shards.get(id)?.ready);
    if (waiting.length === 0) logger.info({ shards: ids, total }, 'all shards ready');
    else logger.warn({ waiting }, 'every shard was started; some are not ready yet');
    return waiting.length === 0;
  });
  return { manager, ready, stop };
}

async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig();
  const { token } = config;
  if (!token) {
    throw new ShardSetupError(
      'npm run start:sharded needs DISCORD_TOKEN (the bot token from the Discord Developer Portal, in .env or the environment). Sharding splits a real bot’s servers across processes; to try Parley without Discord, run npm start, which starts the offline sandbox.',
    );
  }
  const logger = createLogger(config.logLevel).child({ role: 'shard-manager' });
  const total = await resolveShardCount(config);
  const list = checkShardList(config.shardList, total);
  if (list && config.shardCount === 'auto')
    throw new ShardSetupError(
      'SHARD_LIST needs SHARD_COUNT set to a number: every machine must agree on the total, and auto may change.',
    );
  // Each shard loads the same configuration with SHARDS / SHARD_COUNT set: check it here, once.
  loadConfig({ ...process.env, SHARD_COUNT: String(total), SHARDS: String(list?.[0] ?? 0) });
  const warning = storeWarning(config.databaseUrl, list?.length ?? total, list !== undefined);
  if (warning) logger.warn({ databaseUrl: config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@') }, warning);

  let exitCode: number | undefined;
  const stopAll = (reason: string, code: number, askAfterMs = 0) => {
    if (exitCode !== undefined) return;
    exitCode = code;
    logger.info({ reason }, 'stopping every shard');
    void run.stop(askAfterMs).then(() => {
      logger.info({ exitCode }, 'all shards stopped');
      process.exit(exitCode);
    });
  };
  const run = startShards(
    { ...config, token },
    { total, list, logger, onFatal: (id) => stopAll(`shard ${id} cannot run`, EXIT_FATAL) },
  );
  process.on('SIGTERM', () => stopAll('SIGTERM', 0));
  // Ctrl-C in a terminal reaches every shard as well, and they stop by themselves; asking one
  // before its own SIGINT arrives would make that SIGINT a second signal ("exit at once").
  process.on('SIGINT', () => stopAll('SIGINT', 0, SIGINT_ASK_AFTER_MS));
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
  });
  await run.ready;
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example and the README's configuration section.`);
      process.exit(EXIT_FATAL);
    }
    if (error instanceof ShardSetupError) {
      console.error(`Parley (sharded) cannot start: ${error.message}`);
      process.exit(EXIT_FATAL);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Parley (sharded) could not start: ${scrub(message, process.env.DISCORD_TOKEN)}`);
    process.exit(1);
  });
}
