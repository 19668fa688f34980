import { ConfigError, loadConfig } from './config.js';
import { loadDotenv } from './env.js';
import { createLogger, scrub } from './logger.js';

/**
 * `npm start`. With DISCORD_TOKEN: connect to Discord (or DISCORD_API_URL) and serve.
 * Without: the offline sandbox — a local Discord emulator and a console to talk to the bot.
 */
async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig();
  if (!config.token) {
    const { runSandbox } = await import('./sandbox/console.js');
    process.exitCode = await runSandbox(config);
    return;
  }

  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => {
    logger.error(
      { err: reason instanceof Error ? { name: reason.name, message: reason.message } : String(reason) },
      'unhandled rejection',
    );
  });
  const { startBot } = await import('./start.js');
  const bot = await startBot(config, { logger });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void bot.stop().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\nSee .env.example and the README's configuration section.`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    // The token may sit in a driver's error message; never print it.
    console.error(`Parley could not start: ${scrub(message, process.env.DISCORD_TOKEN)}`);
  }
  process.exit(1);
});
