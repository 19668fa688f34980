import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import { commentError } from './messages.js';
import type { Member } from './service.js';

export type MemberInteraction =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction
  | AutocompleteInteraction;

/**
 * The acting member, from the interaction only: the guild id is Discord's, never an option, and
 * moderation rights come from the member's permissions in this channel (checked here as well as by
 * the commands' default permissions, which a server can change).
 */
export function memberOf(interaction: MemberInteraction): Member {
  const guildId = interaction.guildId;
  if (!interaction.inGuild() || !guildId) {
    throw commentError('dm');
  }
  const m = interaction.member;
  const nick = m && 'nick' in m && typeof m.nick === 'string' ? m.nick : undefined;
  const displayName =
    m && 'displayName' in m && typeof m.displayName === 'string' ? m.displayName : undefined;
  const permissions = interaction.memberPermissions;
  return {
    guildId,
    userId: interaction.user.id,
    name: displayName ?? nick ?? interaction.user.displayName,
    moderator: permissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
    manager: permissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}
