import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { EmulatorUsageError } from './errors.js';
import { snowflakeAt } from './snowflake.js';

/** The emulated world: users, guilds with roles, channels and members, and their permissions. */

export type PermissionName = keyof typeof PermissionFlagsBits;
/** A permission bitfield as a bigint, a decimal string, or a list of flag names (`['ManageMessages']`). */
export type PermissionInput = bigint | string | readonly PermissionName[];

export interface UserConfig {
  /** Short handle tests use (`'ana'`); also accepted: the user's id. */
  key: string;
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
  /** The client locale sent as `locale` on this user's interactions (default `en-US`). */
  locale?: string;
}

export interface RoleConfig {
  key: string;
  id?: string;
  name: string;
  permissions?: PermissionInput;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

export type ChannelKind = 'text' | 'voice' | 'category' | 'announcement';

export interface ChannelConfig {
  key: string;
  id?: string;
  name: string;
  type?: ChannelKind;
  topic?: string;
  nsfw?: boolean;
  /** Key of a category channel of the same guild. */
  parent?: string;
}

export interface MemberConfig {
  /** User key or id. */
  user: string;
  /** Role keys (the @everyone role is implicit). */
  roles?: readonly string[];
  /** Extra permissions for just this member (a personal role is created for them). */
  permissions?: PermissionInput;
  nick?: string;
}

export interface GuildConfig {
  key: string;
  id?: string;
  name: string;
  /** User key of the owner (owners have every permission). Defaults to the first non-bot member. */
  owner?: string;
  /** Permissions of @everyone (default: Discord's defaults for a new server). */
  everyonePermissions?: PermissionInput;
  /** Permissions of the bot's managed role (default: what Parley needs to post). */
  botPermissions?: PermissionInput;
  roles?: readonly RoleConfig[];
  channels?: readonly ChannelConfig[];
  /** The bot is always added as a member; list the humans here. */
  members: readonly MemberConfig[];
  preferredLocale?: string;
  /**
   * The bot is never told about this guild: it is left out of READY and no GUILD_CREATE is sent (as when
   * Discord has not delivered it yet), while interactions from it still reach the bot. Default false.
   */
  unannounced?: boolean;
}

export interface WorldConfig {
  users?: readonly UserConfig[];
  guilds?: readonly GuildConfig[];
  /** The bot user (its id is also the application id unless `applicationId` is given). */
  bot?: { id?: string; username?: string };
}

export interface WorldUser {
  key: string;
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  locale: string;
}

export interface WorldRole {
  key: string;
  id: string;
  name: string;
  permissions: bigint;
  color: number;
  hoist: boolean;
  position: number;
  managed: boolean;
  mentionable: boolean;
  botId: string | null;
}

export interface WorldChannel {
  key: string;
  id: string;
  guildId: string;
  name: string;
  type:
    | ChannelType.GuildText
    | ChannelType.GuildVoice
    | ChannelType.GuildCategory
    | ChannelType.GuildAnnouncement;
  topic: string | null;
  nsfw: boolean;
  parentId: string | null;
  position: number;
}

export interface WorldMember {
  user: WorldUser;
  roleIds: string[];
  nick: string | null;
  joinedAt: string;
}

export interface WorldGuild {
  key: string;
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  /** `roles[0]` is @everyone (id == guild id). */
  roles: WorldRole[];
  channels: WorldChannel[];
  members: WorldMember[];
  /** Left out of READY and GUILD_CREATE (see GuildConfig.unannounced). */
  unannounced: boolean;
  /** The bot was removed from it (Emulator.removeBotFrom) and not added back (addBotTo). */
  botRemoved: boolean;
}

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

const P = PermissionFlagsBits;
/** Roughly what Discord gives @everyone in a new server. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.ViewChannel |
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.CreatePublicThreads |
  P.CreatePrivateThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseExternalStickers |
  P.MentionEveryone |
  P.ReadMessageHistory |
  P.UseApplicationCommands |
  P.UseExternalApps |
  P.SendVoiceMessages |
  P.SendPolls |
  P.Connect |
  P.Speak |
  P.Stream |
  P.UseVAD;

/** What the bot's managed role gets by default. */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.SendMessagesInThreads |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands;

/** What an app may do in a DM with a user (sent as `app_permissions`). */
export const DM_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseApplicationCommands |
  P.UseExternalApps;

export function resolvePermissions(input: PermissionInput | undefined, fallback = 0n): bigint {
  if (input === undefined) return fallback;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') return BigInt(input);
  let bits = 0n;
  for (const name of input) {
    const bit = PermissionFlagsBits[name];
    if (bit === undefined) throw new EmulatorUsageError(`Unknown permission name "${name}"`);
    bits |= bit;
  }
  return bits;
}

const CHANNEL_TYPES: Record<ChannelKind, WorldChannel['type']> = {
  text: ChannelType.GuildText,
  voice: ChannelType.GuildVoice,
  category: ChannelType.GuildCategory,
  announcement: ChannelType.GuildAnnouncement,
};

/** 2024-01-01T00:00:00Z: world ids are snowflakes around this time, so they are stable across runs. */
export const WORLD_EPOCH = Date.UTC(2024, 0, 1);
const MEMBER_JOINED_AT = new Date(WORLD_EPOCH + 86_400_000).toISOString();

/**
 * Guild n gets the snowflake of WORLD_EPOCH + n ms, so `(id >> 22) % 2` alternates: with two shards,
 * the first guild lives on shard 0 and the second on shard 1.
 */
export function defaultGuildId(index: number): string {
  return snowflakeAt(WORLD_EPOCH + index, 0, 0);
}

export class World {
  readonly users = new Map<string, WorldUser>();
  readonly guilds: WorldGuild[] = [];
  readonly bot: WorldUser;
  #nextId = 0;
  readonly #dmChannels = new Map<string, string>();

  constructor(config: Required<Pick<WorldConfig, 'users' | 'guilds'>> & Pick<WorldConfig, 'bot'>) {
    this.bot = this.#addUser({
      key: 'bot',
      id: config.bot?.id ?? snowflakeAt(WORLD_EPOCH - 1_000_000, 0, 0),
      username: config.bot?.username ?? 'Parley',
      globalName: null,
      bot: true,
    });
    for (const user of config.users) this.#addUser(user);
    config.guilds.forEach((guild, index) => {
      this.#addGuild(guild, index);
    });
  }

  #id(): string {
    this.#nextId++;
    return snowflakeAt(WORLD_EPOCH + 10_000 + this.#nextId, this.#nextId, 1);
  }

  #addUser(config: UserConfig): WorldUser {
    if (this.findUser(config.key)) throw new EmulatorUsageError(`Duplicate user key "${config.key}"`);
    const user: WorldUser = {
      key: config.key,
      id: config.id ?? snowflakeAt(WORLD_EPOCH - 500_000 + this.users.size * 1000, 0, 0),
      username: config.username,
      globalName: config.globalName === undefined ? config.username : config.globalName,
      bot: config.bot ?? false,
      locale: config.locale ?? 'en-US',
    };
    this.users.set(user.id, user);
    return user;
  }

  #addGuild(config: GuildConfig, index: number): void {
    const id = config.id ?? defaultGuildId(index);
    if (this.guilds.some((g) => g.key === config.key || g.id === id)) {
      throw new EmulatorUsageError(`Duplicate guild "${config.key}"`);
    }
    const roles: WorldRole[] = [
      {
        key: 'everyone',
        id,
        name: '@everyone',
        permissions: resolvePermissions(config.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS),
        color: 0,
        hoist: false,
        position: 0,
        managed: false,
        mentionable: false,
        botId: null,
      },
    ];
    const addRole = (role: Omit<WorldRole, 'position'>): WorldRole => {
      const full = { ...role, position: roles.length };
      roles.push(full);
      return full;
    };
    for (const role of config.roles ?? []) {
      addRole({
        key: role.key,
        id: role.id ?? this.#id(),
        name: role.name,
        permissions: resolvePermissions(role.permissions),
        color: role.color ?? 0,
        hoist: role.hoist ?? false,
        managed: false,
        mentionable: role.mentionable ?? false,
        botId: null,
      });
    }
    const botRole = addRole({
      key: 'bot',
      id: this.#id(),
      name: this.bot.username,
      permissions: resolvePermissions(config.botPermissions, DEFAULT_BOT_PERMISSIONS),
      color: 0,
      hoist: false,
      managed: true,
      mentionable: false,
      botId: this.bot.id,
    });

    const channels: WorldChannel[] = [];
    (config.channels ?? [{ key: 'general', name: 'general' }]).forEach((c, position) => {
      channels.push({
        key: c.key,
        id: c.id ?? this.#id(),
        guildId: id,
        name: c.name,
        type: CHANNEL_TYPES[c.type ?? 'text'],
        topic: c.topic ?? null,
        nsfw: c.nsfw ?? false,
        parentId: null,
        position,
      });
    });
    (config.channels ?? []).forEach((c, i) => {
      if (!c.parent) return;
      const parent = channels.find((p) => p.key === c.parent && p.type === ChannelType.GuildCategory);
      const channel = channels[i];
      if (!parent || !channel) throw new EmulatorUsageError(`Channel "${c.key}": no category "${c.parent}"`);
      channel.parentId = parent.id;
    });

    const members: WorldMember[] = [
      { user: this.bot, roleIds: [botRole.id], nick: null, joinedAt: MEMBER_JOINED_AT },
    ];
    for (const m of config.members) {
      const user = this.user(m.user);
      const roleIds = (m.roles ?? []).map((key) => {
        const role = roles.find((r) => r.key === key || r.id === key);
        if (!role)
          throw new EmulatorUsageError(`Guild "${config.key}": member "${m.user}" has unknown role "${key}"`);
        return role.id;
      });
      if (m.permissions !== undefined) {
        const personal = addRole({
          key: `${user.key}-permissions`,
          id: this.#id(),
          name: `${user.username} (permissions)`,
          permissions: resolvePermissions(m.permissions),
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          botId: null,
        });
        roleIds.push(personal.id);
      }
      members.push({ user, roleIds, nick: m.nick ?? null, joinedAt: MEMBER_JOINED_AT });
    }
    const owner = config.owner ? this.user(config.owner) : members.find((m) => !m.user.bot)?.user;
    this.guilds.push({
      key: config.key,
      id,
      name: config.name,
      ownerId: owner?.id ?? this.bot.id,
      preferredLocale: config.preferredLocale ?? 'en-US',
      unannounced: config.unannounced ?? false,
      botRemoved: false,
      roles,
      channels,
      members,
    });
  }

  findUser(ref: string): WorldUser | undefined {
    return this.users.get(ref) ?? [...this.users.values()].find((u) => u.key === ref);
  }

  user(ref: string): WorldUser {
    const user = this.findUser(ref);
    if (!user) {
      const known = [...this.users.values()].map((u) => u.key).join(', ');
      throw new EmulatorUsageError(`Unknown user "${ref}" (known: ${known})`);
    }
    return user;
  }

  guild(ref: string): WorldGuild {
    const guild = this.guilds.find((g) => g.key === ref || g.id === ref);
    if (!guild) {
      throw new EmulatorUsageError(
        `Unknown guild "${ref}" (known: ${this.guilds.map((g) => g.key).join(', ')})`,
      );
    }
    return guild;
  }

  findGuild(id: string): WorldGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** A guild channel by key or id; without a ref, the guild's first text channel. */
  channel(guild: WorldGuild, ref?: string): WorldChannel {
    const channel =
      ref === undefined
        ? guild.channels.find((c) => c.type === ChannelType.GuildText)
        : guild.channels.find((c) => c.key === ref || c.id === ref);
    if (!channel) throw new EmulatorUsageError(`Guild "${guild.key}" has no channel "${ref ?? '(text)'}"`);
    return channel;
  }

  findChannel(id: string): WorldChannel | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return channel;
    }
    return undefined;
  }

  member(guild: WorldGuild, user: WorldUser): WorldMember | undefined {
    return guild.members.find((m) => m.user.id === user.id);
  }

  role(guild: WorldGuild, ref: string): WorldRole {
    const role = guild.roles.find((r) => r.key === ref || r.id === ref);
    if (!role) throw new EmulatorUsageError(`Guild "${guild.key}" has no role "${ref}"`);
    return role;
  }

  /** A member's permissions: the owner and Administrator get everything, others @everyone | their roles. */
  permissions(guild: WorldGuild, member: WorldMember): bigint {
    if (member.user.id === guild.ownerId) return ALL_PERMISSIONS;
    let bits = 0n;
    for (const role of guild.roles) {
      if (role.id === guild.id || member.roleIds.includes(role.id)) bits |= role.permissions;
    }
    return bits & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : bits;
  }

  /** A stable DM channel id per user (the DM between that user and the bot). */
  dmChannelId(user: WorldUser): string {
    let id = this.#dmChannels.get(user.id);
    if (!id) {
      id = this.#id();
      this.#dmChannels.set(user.id, id);
    }
    return id;
  }
}
