import { pathToFileURL } from 'node:url';
import { type Config, ConfigError, EXIT_FATAL, loadConfig, SANDBOX_DATABASE_URL } from './config.js';
import { loadDotenv } from './env.js';
import { createLogger, type Logger, scrub } from './logger.js';
import { fromProjectRoot } from './paths.js';
import type { RunningBot } from './start.js';

/**
 * `npm start`. With DISCORD_TOKEN: connect to Discord (or DISCORD_API_URL) and serve.
 * Without: the offline sandbox — a local Discord emulator and a console to talk to the bot.
 */
async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig();
  // Spawned by `npm run start:sharded`: the manager set SHARDS/SHARD_COUNT for this process and
  // discord.js reads them. Otherwise SHARD_COUNT is the manager's setting ("auto" would make
  // discord.js throw): a lone process is one shard.
  const shard = process.env.SHARDING_MANAGER ? Number(process.env.SHARDS) : undefined;
  if (shard === undefined) {
    delete process.env.SHARD_COUNT;
    delete process.env.SHARDS;
  }
  if (!config.token) {
    // Trying Parley out never writes into the production database.
    const own = process.env.DATABASE_URL?.trim() ? {} : { databaseUrl: SANDBOX_DATABASE_URL };
    process.exitCode = await runSandbox({ ...config, ...own });
    return;
  }

  const logger =
    shard === undefined ? createLogger(config.logLevel) : createLogger(config.logLevel).child({ shard });
  const { startBot } = await import('./start.js');
  const { IdentifyBackoff } = await import('./discord/client.js');
  const { installProcessHandlers, isFatalStartError, startWithRetry } = await import('./process.js');

  // /healthz answers from the start, /readyz once the bot is ready; /metrics when asked for.
  let running: RunningBot | undefined;
  const ops = await startOps(config, logger, () => running);

  // Signals are handled from the start: a SIGTERM during start-up (or its backoff) ends it too.
  const startup = new AbortController();
  let started: Promise<{ stop(graceMs?: number): Promise<void> } | undefined> = Promise.resolve(undefined);
  const handlers = installProcessHandlers(
    logger,
    async () => {
      startup.abort(new Error('shutting down'));
      const bot = await started.catch(() => undefined);
      // In-flight interactions get all but the last second; closing the client and store takes the rest.
      await bot?.stop(config.shutdownTimeoutMs - 1_000);
      await ops?.close();
    },
    { shutdownTimeoutMs: config.shutdownTimeoutMs },
  );
  if (shard !== undefined) {
    // The sharding manager asks over IPC (src/shard.ts), not with a second signal.
    process.on('message', (message) => {
      if (message === 'parley:stop') void handlers.shutdown(0, 'sharding manager');
    });
  }
  if (process.channel) {
    // The parent that started us over IPC (the sharding manager, or npm start's scripts/start.mjs)
    // died without asking (SIGKILL, crash): stop rather than live on unsupervised, e.g. as a
    // second session for this shard once the manager is started again.
    process.once('disconnect', () => void handlers.shutdown(0, 'parent process gone'));
  }

  // One IDENTIFY backoff for the whole process, so restarts of the client continue it.
  const identify = new IdentifyBackoff({ logger });
  const run = startWithRetry(
    () =>
      startBot(config, {
        logger,
        identify,
        signal: startup.signal,
        ...(ops?.metrics ? { metrics: ops.metrics } : {}),
        onFatal: (error) => {
          console.error(`Parley stopped: ${error.message}`);
          void handlers.shutdown(EXIT_FATAL, error.message);
        },
      }),
    logger,
    { signal: startup.signal },
  );
  started = run;
  try {
    running = await run;
  } catch (error) {
    if (startup.signal.aborted) return; // the signal handler stops and exits
    handlers.uninstall();
    if (isFatalStartError(error)) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Parley cannot start: ${scrub(message, config.token)}`);
      process.exit(EXIT_FATAL);
    }
    throw error;
  }
}

/** HEALTH_PORT / METRICS_PORT, when set (prom-client is loaded only for metrics). */
async function startOps(config: Config, logger: Logger, bot: () => RunningBot | undefined) {
  if (config.healthPort === undefined && config.metricsPort === undefined) return undefined;
  const metrics =
    config.metricsPort === undefined ? undefined : new (await import('./ops/metrics.js')).Metrics();
  const { startOpsServers } = await import('./ops/server.js');
  const servers = await startOpsServers({
    host: config.opsHost,
    healthPort: config.healthPort,
    metricsPort: config.metricsPort,
    logger,
    metrics,
    probe: () => {
      const running = bot();
      return (
        running && {
          gatewayReady: () => running.client.isReady(),
          pingStore: () => running.ctx.comments.ping(),
        }
      );
    },
  });
  return { metrics, close: servers.close };
}

/**
 * The sandbox is development tooling (sandbox/ and packages/discord-emulator, TypeScript run through
 * tsx): production code never imports it statically, and a production-only install (no tsx, no
 * emulator) says how to get it.
 */
async function runSandbox(config: Config): Promise<number> {
  type Sandbox = { runSandbox(config: Config): Promise<number> };
  let sandbox: Sandbox;
  try {
    // Compiled (dist/), the TypeScript sandbox needs tsx's loader; under tsx it is already there.
    if (import.meta.url.endsWith('.js')) {
      const tsx = 'tsx/esm/api';
      ((await import(tsx)) as { register(): unknown }).register();
    }
    sandbox = (await import(pathToFileURL(fromProjectRoot('sandbox/console.ts')).href)) as Sandbox;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    console.error(
      'No DISCORD_TOKEN is set, and the offline sandbox is not installed here: it comes with the development install (npm install, not npm ci --omit=dev). To run for real, set DISCORD_TOKEN (see the README).',
    );
    return EXIT_FATAL;
  }
  return sandbox.runSandbox(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSee .env.example and the README's configuration section.`);
    process.exit(EXIT_FATAL);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The token may sit in a driver's error message; never print it.
  console.error(`Parley could not start: ${scrub(message, process.env.DISCORD_TOKEN)}`);
  process.exit(1);
});
