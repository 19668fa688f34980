import {
  type APIApplicationCommand,
  ChannelType,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import { EmulatorUsageError, FORCE_HINT } from './errors.js';
import type { InteractionPlace } from './payloads.js';
import type { World, WorldGuild } from './world.js';

/** What scenario helpers take (who does what, where) and the checks Discord's client makes before sending. */

/**
 * An option value as a test writes it. The bot only defines STRING and INTEGER options, so only the
 * primitive option types are emulated (USER, CHANNEL, ROLE, MENTIONABLE and ATTACHMENT are not).
 */
export type OptionValue = string | number | boolean;

export interface WhoWhere {
  /** User key (`'ana'`) or id. Default: the first human member of the guild (or the first user for DMs). */
  user?: string;
  /** Guild key (`'main'`) or id; `null` for a DM with the bot. Default: the first guild. */
  guild?: string | null;
  /** Channel key or id in that guild. Default: the guild's first text channel. */
  channel?: string;
  /** How long to wait for the bot (default: the emulator's `replyTimeoutMs`). */
  timeoutMs?: number;
}

export interface CommandInput extends WhoWhere {
  /** Command name; `'comments add'` is short for `{ name: 'comments', subcommand: 'add' }`. */
  name: string;
  subcommand?: string;
  group?: string;
  options?: Record<string, OptionValue>;
  /**
   * Skip the checks Discord's client does before sending (default_member_permissions, contexts, required
   * options, choices, min/max) — to test the bot's own defences.
   */
  force?: boolean;
}

export interface AutocompleteInput extends CommandInput {
  /** The option being typed in. Its value (default `''`) comes from `options`. */
  focused: string;
}

export interface ClickInput {
  user?: string;
  customId?: string;
  label?: string;
  /** Nth clickable button of the message (reading order, link buttons excluded). */
  index?: number;
  timeoutMs?: number;
}

export interface ModalInput {
  /** Defaults to the user the modal was shown to (nobody else can submit it). */
  user?: string;
  /** Text input custom_id → text (string select custom_id → chosen option values). */
  values: Record<string, string | string[]>;
  force?: boolean;
  timeoutMs?: number;
}

/** Resolves who/where into world objects. */
export function resolvePlace(world: World, input: WhoWhere): InteractionPlace {
  const guild: WorldGuild | null =
    input.guild === null
      ? null
      : input.guild === undefined
        ? (world.guilds[0] ?? null)
        : world.guild(input.guild);
  const firstHuman = guild
    ? guild.members.find((m) => !m.user.bot)?.user
    : [...world.users.values()].find((u) => !u.bot);
  if (!input.user && !firstHuman) throw new EmulatorUsageError('No user to act as; pass `user`');
  const user = input.user ? world.user(input.user) : world.user(firstHuman?.id ?? '');
  if (guild?.botRemoved) {
    throw new EmulatorUsageError(
      `The bot is not in guild "${guild.key}" (removeBotFrom): its commands cannot be used there until addBotTo`,
    );
  }
  if (guild && !world.member(guild, user)) {
    throw new EmulatorUsageError(`${user.key} is not a member of guild "${guild.key}"`);
  }
  const channel = guild ? world.channel(guild, input.channel) : null;
  if (channel && channel.type === ChannelType.GuildCategory) {
    throw new EmulatorUsageError(`#${channel.name} is a category; commands are used in text channels`);
  }
  return { user, guild, channel };
}

export function splitCommandName(input: CommandInput): { name: string; group?: string; subcommand?: string } {
  const parts = input.name.trim().split(/\s+/);
  const [name = '', a, b] = parts;
  if (parts.length === 3) return { name, group: a ?? '', subcommand: b ?? '' };
  if (parts.length === 2) return { name, subcommand: a ?? '' };
  return {
    name,
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.subcommand !== undefined ? { subcommand: input.subcommand } : {}),
  };
}

/** The client-side gate: can this user see and use the command here? */
export function checkCommandAccess(
  world: World,
  place: InteractionPlace,
  command: APIApplicationCommand,
): void {
  const contexts = command.contexts ?? null;
  if (place.guild === null) {
    if (command.guild_id)
      throw new EmulatorUsageError(`/${command.name} is a guild command; it is not available in DMs`);
    if (contexts && !contexts.includes(1))
      throw new EmulatorUsageError(
        `/${command.name} is not available in DMs (contexts: [${contexts.join(', ')}])`,
      );
    return;
  }
  if (contexts && !contexts.includes(0))
    throw new EmulatorUsageError(
      `/${command.name} is not available in servers (contexts: [${contexts.join(', ')}])`,
    );
  if (command.default_member_permissions) {
    const member = world.member(place.guild, place.user);
    const needed = BigInt(command.default_member_permissions);
    const has = member ? world.permissions(place.guild, member) : 0n;
    if ((has & needed) !== needed && !(has & PermissionFlagsBits.Administrator)) {
      const names = new PermissionsBitField(needed)
        .toArray()
        .map((n) => n.replace(/([a-z])([A-Z])/g, '$1 $2'))
        .join(', ');
      throw new EmulatorUsageError(
        `${place.user.key} cannot use /${command.name}: it needs the ${names} permission`,
        `default_member_permissions ${needed}; they have ${has}; ${FORCE_HINT}`,
      );
    }
  }
}
