import type {
  APIApplicationCommand,
  APIApplicationCommandOption,
  APIAttachment,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  GuildMemberFlags,
  Snowflake,
} from 'discord.js';
import { EmulatorUsageError } from './errors.js';
import type { EmulatedAttachment } from './interactions.js';
import { type InteractionPlace, rolePayload, userPayload } from './payloads.js';
import { type CommandInput, type OptionValue, splitCommandName } from './scenario.js';
import type { World } from './world.js';

/** Typing `{ name: value }` options from the registered command definition into `data.options` + `resolved`. */

/** One option in an interaction's `data.options`. */
export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: OptionPayload[];
  focused?: boolean;
}

const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

interface OptionBuild {
  options: OptionPayload[];
  resolved: APIInteractionDataResolved;
  /** Files of ATTACHMENT options, to serve at their urls. */
  uploads: EmulatedAttachment[];
}

export interface OptionBuildContext {
  world: World;
  place: InteractionPlace;
  newId: () => Snowflake;
  attachmentUrl: (channelId: string, id: string, filename: string) => string;
}

function describe(options: readonly APIApplicationCommandOption[]): string {
  return options.map((o) => o.name).join(', ') || '(none)';
}

function convertValue(
  ctx: OptionBuildContext,
  def: APIApplicationCommandOption,
  raw: OptionValue,
  where: string,
  build: OptionBuild,
  focused: boolean,
): string | number | boolean {
  const fail = (what: string): never => {
    throw new EmulatorUsageError(`${where}: option "${def.name}" ${what}`);
  };
  const { world, place } = ctx;
  switch (def.type) {
    case OptionType.String:
      if (typeof raw !== 'string') fail(`is a STRING option; got ${JSON.stringify(raw)}`);
      return raw as string;
    case OptionType.Integer:
      if (focused && typeof raw === 'string') return raw;
      if (typeof raw !== 'number' || !Number.isInteger(raw))
        fail(`is an INTEGER option; got ${JSON.stringify(raw)}`);
      return raw as number;
    case OptionType.Number:
      if (focused && typeof raw === 'string') return raw;
      if (typeof raw !== 'number' || !Number.isFinite(raw))
        fail(`is a NUMBER option; got ${JSON.stringify(raw)}`);
      return raw as number;
    case OptionType.Boolean:
      if (typeof raw !== 'boolean') fail(`is a BOOLEAN option; got ${JSON.stringify(raw)}`);
      return raw as boolean;
    case OptionType.User:
    case OptionType.Mentionable: {
      if (typeof raw !== 'string') return fail('takes a user (or role) key or id');
      const user = world.findUser(raw);
      if (user) {
        build.resolved.users = { ...build.resolved.users, [user.id]: userPayload(user) };
        const member = place.guild ? world.member(place.guild, user) : undefined;
        if (place.guild && member) {
          build.resolved.members = { ...build.resolved.members };
          build.resolved.members[user.id] = {
            nick: member.nick,
            avatar: null,
            banner: null,
            roles: [...member.roleIds],
            joined_at: member.joinedAt,
            premium_since: null,
            pending: false,
            flags: 0 as GuildMemberFlags,
            communication_disabled_until: null,
            permissions: world.permissions(place.guild, member).toString(),
          };
        }
        return user.id;
      }
      if (def.type === OptionType.Mentionable && place.guild) {
        const role = place.guild.roles.find((r) => r.key === raw || r.id === raw);
        if (role) {
          build.resolved.roles = { ...build.resolved.roles, [role.id]: rolePayload(role) };
          return role.id;
        }
      }
      return fail(`: unknown user "${raw}"`);
    }
    case OptionType.Role: {
      if (typeof raw !== 'string' || !place.guild) return fail('takes a role key or id (in a guild)');
      const role = world.role(place.guild, raw);
      build.resolved.roles = { ...build.resolved.roles, [role.id]: rolePayload(role) };
      return role.id;
    }
    case OptionType.Channel: {
      if (typeof raw !== 'string' || !place.guild) return fail('takes a channel key or id (in a guild)');
      const channel = world.channel(place.guild, raw);
      if (def.channel_types && !def.channel_types.some((t) => Number(t) === channel.type)) {
        fail(
          `only accepts channel types [${def.channel_types.join(', ')}]; #${channel.name} is ${channel.type}`,
        );
      }
      const member = world.member(place.guild, place.user);
      const resolvedChannel = {
        id: channel.id,
        name: channel.name,
        type: channel.type,
        permissions: member ? world.permissions(place.guild, member).toString() : '0',
        ...(channel.parentId ? { parent_id: channel.parentId } : {}),
      } as APIInteractionDataResolvedChannel;
      build.resolved.channels = { ...build.resolved.channels, [channel.id]: resolvedChannel };
      return channel.id;
    }
    case OptionType.Attachment: {
      if (typeof raw !== 'object' || raw === null) return fail('takes { filename, data }');
      const id = ctx.newId();
      const data = typeof raw.data === 'string' ? Buffer.from(raw.data) : raw.data;
      const url = ctx.attachmentUrl(place.channel?.id ?? ctx.world.dmChannelId(place.user), id, raw.filename);
      const attachment: APIAttachment = {
        id,
        filename: raw.filename,
        size: data.length,
        url,
        proxy_url: url,
        ephemeral: true,
        ...(raw.contentType ? { content_type: raw.contentType } : {}),
      };
      build.resolved.attachments = { ...build.resolved.attachments, [id]: attachment };
      build.uploads.push({
        id,
        filename: raw.filename,
        size: data.length,
        content_type: raw.contentType ?? null,
        description: null,
        url,
        data,
      });
      return id;
    }
    default:
      return fail(`has unsupported type ${def.type}`);
  }
}

/** Checks Discord's client would do before sending the value. */
function clientChecks(
  def: APIApplicationCommandOption,
  value: string | number | boolean,
  where: string,
): void {
  const fail = (what: string): never => {
    throw new EmulatorUsageError(
      `${where}: option "${def.name}" ${what} (pass force: true to send it anyway)`,
    );
  };
  if ('choices' in def && def.choices && def.choices.length > 0) {
    if (!def.choices.some((c) => c.value === value)) {
      fail(
        `must be one of ${def.choices.map((c) => JSON.stringify(c.value)).join(', ')}; got ${JSON.stringify(value)}`,
      );
    }
  }
  if (
    typeof value === 'number' &&
    'min_value' in def &&
    def.min_value !== undefined &&
    value < def.min_value
  ) {
    fail(`must be ≥ ${def.min_value}`);
  }
  if (
    typeof value === 'number' &&
    'max_value' in def &&
    def.max_value !== undefined &&
    value > def.max_value
  ) {
    fail(`must be ≤ ${def.max_value}`);
  }
  if (typeof value === 'string' && def.type === OptionType.String) {
    if ('min_length' in def && def.min_length !== undefined && value.length < def.min_length)
      fail(`must be at least ${def.min_length} characters`);
    if ('max_length' in def && def.max_length !== undefined && value.length > def.max_length)
      fail(`must be at most ${def.max_length} characters`);
  }
}

/**
 * Builds `data.options` (+ `resolved`) from `{ name: value }` by looking at the registered definition:
 * values get their option types, subcommands/groups wrap them, and the focused option is marked.
 */
export function buildCommandOptions(
  ctx: OptionBuildContext,
  command: APIApplicationCommand,
  input: CommandInput,
  focused?: string,
): OptionBuild {
  const { group, subcommand } = splitCommandName(input);
  const top = command.options ?? [];
  const hasSubs = top.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup);
  let defs: readonly APIApplicationCommandOption[] = top;
  let where = `/${command.name}`;
  const wrap: ((inner: OptionPayload[]) => OptionPayload[])[] = [];

  if (group !== undefined || subcommand !== undefined) {
    if (!hasSubs) throw new EmulatorUsageError(`${where} has no subcommands`);
    let level: readonly APIApplicationCommandOption[] = top;
    if (group !== undefined) {
      const g = level.find((o) => o.type === OptionType.SubcommandGroup && o.name === group);
      if (!g || g.type !== OptionType.SubcommandGroup) {
        throw new EmulatorUsageError(`${where} has no subcommand group "${group}" (has: ${describe(level)})`);
      }
      level = g.options ?? [];
      where += ` ${group}`;
      wrap.push((inner) => [{ name: group, type: OptionType.SubcommandGroup, options: inner }]);
    }
    const s = level.find((o) => o.type === OptionType.Subcommand && o.name === subcommand);
    if (!s || s.type !== OptionType.Subcommand) {
      throw new EmulatorUsageError(
        `${where} has no subcommand "${subcommand ?? ''}" (has: ${describe(level)})`,
      );
    }
    defs = s.options ?? [];
    where += ` ${subcommand}`;
    wrap.push((inner) => [{ name: s.name, type: OptionType.Subcommand, options: inner }]);
  } else if (hasSubs) {
    throw new EmulatorUsageError(`${where} needs a subcommand (one of: ${describe(top)})`);
  }

  const build: OptionBuild = { options: [], resolved: {}, uploads: [] };
  const given = { ...(input.options ?? {}) };
  if (focused !== undefined && !(focused in given)) given[focused] = '';
  for (const [name, raw] of Object.entries(given)) {
    const def = defs.find((o) => o.name === name);
    if (!def) throw new EmulatorUsageError(`${where} has no option "${name}" (options: ${describe(defs)})`);
    const isFocused = name === focused;
    if (isFocused && !('autocomplete' in def && def.autocomplete)) {
      throw new EmulatorUsageError(`${where}: option "${name}" does not have autocomplete enabled`);
    }
    const value = convertValue(ctx, def, raw, where, build, isFocused);
    if (!input.force && !isFocused && focused === undefined) clientChecks(def, value, where);
    build.options.push({ name, type: def.type, value, ...(isFocused ? { focused: true } : {}) });
  }
  if (!input.force && focused === undefined) {
    const missing = defs
      .filter((d) => 'required' in d && d.required && !(d.name in given))
      .map((d) => d.name);
    if (missing.length > 0) {
      throw new EmulatorUsageError(
        `${where}: missing required option(s) ${missing.join(', ')} (pass force: true to send anyway)`,
      );
    }
  }
  // Discord sends options in the order they are defined.
  build.options.sort(
    (a, b) => defs.findIndex((d) => d.name === a.name) - defs.findIndex((d) => d.name === b.name),
  );
  build.options = wrap.reduceRight<OptionPayload[]>((inner, w) => w(inner), build.options);
  return build;
}
