import {
  type APIChannel,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
  type ApplicationFlags,
  ApplicationIntegrationType,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  type Locale,
  type RoleFlags,
  type Snowflake,
  type UserFlags,
} from 'discord.js';
import type { World, WorldChannel, WorldGuild, WorldMember, WorldRole, WorldUser } from './world.js';
import { DM_PERMISSIONS } from './world.js';

/** Factories for the JSON Discord sends: users, members, roles, channels, guilds, READY, interactions. */

/** The attachment size limit sent on interactions (10 MiB, a server without boosts). */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function userPayload(user: WorldUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function rolePayload(role: WorldRole): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: 0 as RoleFlags,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

type GuildChannelPayload = GatewayGuildCreateDispatchData['channels'][number];

export function channelPayload(channel: WorldChannel): GuildChannelPayload {
  const base = {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: [],
    nsfw: channel.nsfw,
    flags: 0 as ChannelFlags,
  };
  switch (channel.type) {
    case ChannelType.GuildCategory:
      return { ...base, type: ChannelType.GuildCategory, parent_id: null };
    case ChannelType.GuildVoice:
      return {
        ...base,
        type: ChannelType.GuildVoice,
        parent_id: channel.parentId,
        bitrate: 64000,
        user_limit: 0,
        rtc_region: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      };
    case ChannelType.GuildAnnouncement:
      return {
        ...base,
        type: ChannelType.GuildAnnouncement,
        parent_id: channel.parentId,
        topic: channel.topic,
        last_message_id: null,
        last_pin_timestamp: null,
        rate_limit_per_user: 0,
      };
    default:
      return {
        ...base,
        type: ChannelType.GuildText,
        parent_id: channel.parentId,
        topic: channel.topic,
        last_message_id: null,
        last_pin_timestamp: null,
        rate_limit_per_user: 0,
      };
  }
}

export function memberPayload(member: WorldMember): APIGuildMember {
  return {
    user: userPayload(member.user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function interactionMemberPayload(
  world: World,
  guild: WorldGuild,
  member: WorldMember,
): APIInteractionGuildMember {
  return {
    ...memberPayload(member),
    user: userPayload(member.user),
    permissions: world.permissions(guild, member).toString(),
  };
}

/**
 * A GUILD_CREATE payload. Like Discord, `members` only lists everyone when the GuildMembers intent
 * was given; otherwise just the bot itself.
 */
export function guildCreatePayload(
  world: World,
  guild: WorldGuild,
  allMembers: boolean,
): GatewayGuildCreateDispatchData {
  const members = allMembers ? guild.members : guild.members.filter((m) => m.user.id === world.bot.id);
  const botMember = guild.members.find((m) => m.user.id === world.bot.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guild.roles.map(rolePayload),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels.find((c) => c.type === ChannelType.GuildText)?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale as Locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: botMember?.joinedAt ?? new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: members.map(memberPayload),
    channels: guild.channels.map(channelPayload),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function readyPayload(options: {
  world: World;
  applicationId: Snowflake;
  sessionId: string;
  resumeUrl: string;
  guilds: readonly WorldGuild[];
  shard: [number, number];
}): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...userPayload(options.world.bot), bot: true, verified: true, mfa_enabled: false, email: null },
    guilds: options.guilds.map((g) => ({ id: g.id, unavailable: true })),
    session_id: options.sessionId,
    resume_gateway_url: options.resumeUrl,
    shard: options.shard,
    application: { id: options.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

/** Where an interaction happens: a guild channel (with member) or the user's DM with the bot. */
export interface InteractionPlace {
  user: WorldUser;
  guild: WorldGuild | null;
  channel: WorldChannel | null;
}

/** The part of every interaction payload that describes who and where. */
export interface InteractionEnvelope {
  id: Snowflake;
  application_id: Snowflake;
  token: string;
  version: 1;
  channel: Partial<APIChannel> & Pick<APIChannel, 'id' | 'type'>;
  channel_id: Snowflake;
  guild_id?: Snowflake;
  guild?: { id: Snowflake; locale: Locale; features: [] };
  member?: APIInteractionGuildMember;
  user?: APIUser;
  app_permissions: string;
  locale: Locale;
  guild_locale?: Locale;
  entitlements: [];
  authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]?: Snowflake };
  context: InteractionContextType;
  attachment_size_limit: number;
}

/** A complete INTERACTION_CREATE payload: the envelope plus type, data and (for components) the message. */
export type InteractionPayload = InteractionEnvelope & {
  type: number;
  data: Record<string, unknown>;
  message?: APIMessage;
};

export function interactionEnvelope(
  world: World,
  place: InteractionPlace,
  ids: { id: Snowflake; token: string; applicationId: Snowflake },
): InteractionEnvelope {
  const common = {
    id: ids.id,
    application_id: ids.applicationId,
    token: ids.token,
    version: 1 as const,
    locale: place.user.locale as Locale,
    entitlements: [] as [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  const { guild, channel, user } = place;
  if (!guild || !channel) {
    const dmChannel: Partial<APIChannel> & Pick<APIChannel, 'id' | 'type'> = {
      id: world.dmChannelId(user),
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0 as ChannelFlags,
      recipients: [userPayload(user)],
    };
    return {
      ...common,
      channel: dmChannel,
      channel_id: dmChannel.id,
      user: userPayload(user),
      app_permissions: DM_PERMISSIONS.toString(),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
      context: InteractionContextType.BotDM,
    };
  }
  const member = world.member(guild, user);
  if (!member) throw new Error(`${user.key} is not a member of ${guild.key}`);
  const botMember = world.member(guild, world.bot);
  const memberPerms = world.permissions(guild, member);
  // Discord adds the invoking member's permissions in the channel to the partial channel.
  const channelData = { ...channelPayload(channel), permissions: memberPerms.toString() };
  return {
    ...common,
    channel: channelData,
    channel_id: channel.id,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferredLocale as Locale, features: [] },
    member: interactionMemberPayload(world, guild, member),
    app_permissions: (botMember ? world.permissions(guild, botMember) : 0n).toString(),
    guild_locale: guild.preferredLocale as Locale,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    context: InteractionContextType.Guild,
  };
}
