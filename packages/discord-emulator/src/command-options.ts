import type {
  APIApplicationCommand,
  APIApplicationCommandOption,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  GuildMemberFlags,
} from 'discord.js';
import { EmulatorUsageError, FORCE_HINT } from './errors.js';
import { type InteractionPlace, userPayload } from './payloads.js';
import { type CommandInput, type OptionValue, splitCommandName } from './scenario.js';
import type { World } from './world.js';

/** Typing `{ name: value }` options from the registered command definition into `data.options`. */

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
  Number: 10,
} as const;

interface OptionBuild {
  options: OptionPayload[];
  /** Users and channels named by USER and CHANNEL options, as Discord sends them. */
  resolved: APIInteractionDataResolved;
}

/** Where the command runs, to resolve USER and CHANNEL option values (keys or ids) in the world. */
export interface OptionBuildContext {
  world: World;
  place: InteractionPlace;
}

function describe(options: readonly APIApplicationCommandOption[]): string {
  return options.map((o) => o.name).join(', ') || '(none)';
}

function convertValue(
  ctx: OptionBuildContext,
  build: OptionBuild,
  def: APIApplicationCommandOption,
  raw: OptionValue,
  where: string,
  focused: boolean,
): string | number | boolean {
  const fail = (what: string): never => {
    throw new EmulatorUsageError(`${where}: option "${def.name}" ${what}`);
  };
  switch (def.type) {
    case OptionType.String:
      if (typeof raw !== 'string') fail(`takes text; got ${JSON.stringify(raw)}`);
      return raw;
    case OptionType.Integer:
      // While typing, the focused value is whatever text is in the box so far.
      if (focused && typeof raw === 'string') return raw;
      if (typeof raw !== 'number' || !Number.isInteger(raw))
        fail(`takes a whole number; got ${JSON.stringify(raw)}`);
      return raw;
    case OptionType.Number:
      if (focused && typeof raw === 'string') return raw;
      if (typeof raw !== 'number' || !Number.isFinite(raw))
        fail(`takes a number; got ${JSON.stringify(raw)}`);
      return raw;
    case OptionType.Boolean:
      if (typeof raw !== 'boolean') fail(`takes true or false; got ${JSON.stringify(raw)}`);
      return raw;
    case OptionType.User: {
      // A user key or id; the member (with permissions) too when they are in the server.
      const user = typeof raw === 'string' ? ctx.world.findUser(raw) : undefined;
      if (!user) return fail(`takes a user key or id; got ${JSON.stringify(raw)}`);
      build.resolved.users = { ...build.resolved.users, [user.id]: userPayload(user) };
      const guild = ctx.place.guild;
      const member = guild ? ctx.world.member(guild, user) : undefined;
      if (guild && member) {
        build.resolved.members = {
          ...build.resolved.members,
          [user.id]: {
            nick: member.nick,
            avatar: null,
            banner: null,
            roles: [...member.roleIds],
            joined_at: member.joinedAt,
            premium_since: null,
            pending: false,
            flags: 0 as GuildMemberFlags,
            communication_disabled_until: null,
            permissions: ctx.world.permissions(guild, member).toString(),
          },
        };
      }
      return user.id;
    }
    case OptionType.Channel: {
      const guild = ctx.place.guild;
      if (typeof raw !== 'string' || !guild) return fail('takes a channel key or id (in a server)');
      const channel = ctx.world.channel(guild, raw);
      if (def.channel_types && !def.channel_types.some((t) => Number(t) === channel.type)) {
        fail(
          `only accepts channel types [${def.channel_types.join(', ')}]; #${channel.name} is ${channel.type}`,
        );
      }
      const member = ctx.world.member(guild, ctx.place.user);
      const resolved = {
        id: channel.id,
        name: channel.name,
        type: channel.type,
        permissions: member ? ctx.world.permissions(guild, member).toString() : '0',
        ...(channel.parentId ? { parent_id: channel.parentId } : {}),
      } as APIInteractionDataResolvedChannel;
      build.resolved.channels = { ...build.resolved.channels, [channel.id]: resolved };
      return channel.id;
    }
    default:
      // ROLE, MENTIONABLE, ATTACHMENT: the bot defines none, so they are not emulated.
      return fail(`has option type ${def.type}, which this emulator does not support`);
  }
}

/** Checks Discord's client would do before sending the value. */
function clientChecks(
  def: APIApplicationCommandOption,
  value: string | number | boolean,
  where: string,
): void {
  const fail = (what: string): never => {
    throw new EmulatorUsageError(`${where}: ${def.name} ${what}`, FORCE_HINT);
  };
  // Discord's client will not send a required option left blank (the Send button stays disabled).
  if (def.required && value === '') fail('is required');
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
    // Discord counts code points: an emoji is one character.
    const length = [...value].length;
    if ('min_length' in def && def.min_length !== undefined && length < def.min_length)
      fail(`must be at least ${def.min_length} characters`);
    if ('max_length' in def && def.max_length !== undefined && length > def.max_length)
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

  const build: OptionBuild = { options: [], resolved: {} };
  const given = { ...(input.options ?? {}) };
  if (focused !== undefined && !(focused in given)) given[focused] = '';
  for (const [name, raw] of Object.entries(given)) {
    const def = defs.find((o) => o.name === name);
    if (!def) throw new EmulatorUsageError(`${where} has no option "${name}" (options: ${describe(defs)})`);
    const isFocused = name === focused;
    if (isFocused && !('autocomplete' in def && def.autocomplete)) {
      throw new EmulatorUsageError(`${where}: option "${name}" does not have autocomplete enabled`);
    }
    const value = convertValue(ctx, build, def, raw, where, isFocused);
    if (!input.force && !isFocused && focused === undefined) clientChecks(def, value, where);
    build.options.push({ name, type: def.type, value, ...(isFocused ? { focused: true } : {}) });
  }
  if (!input.force && focused === undefined) {
    const missing = defs
      .filter((d) => 'required' in d && d.required && !(d.name in given))
      .map((d) => d.name);
    if (missing.length > 0) {
      throw new EmulatorUsageError(
        `${where}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`,
        FORCE_HINT,
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
