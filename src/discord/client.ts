import { Client, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The discord.js client. Guilds is the only intent (no privileged intents), and no reply can
 * ping anyone unless a reply explicitly allows one user.
 */
export function createClient(config: Pick<Config, 'apiUrl'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
}
