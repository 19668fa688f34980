import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';

/** An article command: installed to servers, usable in servers and in DMs with the bot. */
export const articleCommand = (name: string, description: string) =>
  new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** A server-only command (comments belong to a server). */
export const serverCommand = (name: string, description: string) =>
  new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild);
