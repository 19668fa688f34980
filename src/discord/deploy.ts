import { REST, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import type { Command } from './command.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  /** Deploy to one server (instant) instead of globally. */
  guildId?: string | undefined;
  /** REST base URL (proxy or local emulator). */
  apiUrl?: string | undefined;
}

export function commandDefinitions(commands: Iterable<Command>) {
  return [...commands].map((c) => c.data.toJSON());
}

/** Registers every command with one bulk overwrite; returns what Discord stored (with ids). */
export async function deployCommands(
  commands: Iterable<Command>,
  options: DeployOptions,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  return (await rest.put(route, {
    body: commandDefinitions(commands),
  })) as RESTPutAPIApplicationCommandsResult;
}
