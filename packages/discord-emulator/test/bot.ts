import { once } from 'node:events';
import type { Emulator } from '@parley/discord-emulator';
import { Client, type ClientOptions, Events, type Interaction } from 'discord.js';

/** A tiny in-test bot: a real discord.js Client pointed at the emulator. */
export interface TestBot {
  client: Client;
  /** Errors thrown by the handler (e.g. DiscordAPIError from a refused callback). */
  failures: unknown[];
  destroy(): Promise<void>;
}

export async function startBot(
  emu: Emulator,
  handle: (interaction: Interaction) => Promise<unknown>,
  options: Partial<ClientOptions> = {},
): Promise<TestBot> {
  const client = new Client({ ...emu.clientOptions(), ...options });
  const failures: unknown[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => failures.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(emu.token);
  await ready;
  return { client, failures, destroy: () => client.destroy() };
}

/** A promise with its resolver, for making the bot wait on the test. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
