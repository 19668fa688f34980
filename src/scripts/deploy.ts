import { ConfigError, loadConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../discord/loader.js';
import { loadDotenv } from '../env.js';
import { scrub } from '../logger.js';

/** `npm run deploy`: register the slash commands with Discord (or DISCORD_API_URL). */
async function main(): Promise<number> {
  loadDotenv();
  const config = loadConfig();
  const missing = [
    config.token ? undefined : 'DISCORD_TOKEN: required to deploy (the bot token)',
    config.clientId ? undefined : 'DISCORD_CLIENT_ID: required to deploy (the application id)',
  ].filter((p): p is string => p !== undefined);
  if (missing.length > 0) throw new ConfigError(missing);
  const commands = await loadCommands();
  try {
    const stored = await deployCommands(commands.values(), {
      token: config.token as string,
      clientId: config.clientId as string,
      guildId: config.guildId,
      apiUrl: config.apiUrl,
    });
    const where = config.guildId
      ? `server ${config.guildId}`
      : 'all servers (global; may take up to an hour to appear)';
    console.log(
      `Registered ${stored.length} commands to ${where}: ${stored.map((c) => `/${c.name}`).join(' ')}`,
    );
    return 0;
  } catch (error) {
    console.error(
      `Deploy failed: ${scrub(error instanceof Error ? error.message : String(error), config.token)}`,
    );
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `Deploy failed: ${String(error)}`);
    process.exit(1);
  },
);
