import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  ChannelType,
  type GuildMemberFlags,
  PermissionFlagsBits,
  type Snowflake,
} from 'discord.js';
import { EmulatorUsageError } from './errors.js';
import type { EmulatedAttachment, EmulatedMessage, EmulatedModal } from './interactions.js';
import { type InteractionPlace, rolePayload, userPayload } from './payloads.js';
import { isRecord } from './validation-core.js';
import type { World, WorldGuild } from './world.js';

/** Building the interaction payloads a user would trigger: typed command options, clicks, selects, modal submits. */

/** A file given to an ATTACHMENT option. */
export interface OptionFile {
  filename: string;
  data: Buffer | string;
  contentType?: string;
}

/**
 * An option value as a test writes it: strings/numbers/booleans as-is; USER options take a user key or id,
 * CHANNEL a channel key or id, ROLE a role key or id, MENTIONABLE a user or role; ATTACHMENT an `OptionFile`.
 */
export type OptionValue = string | number | boolean | OptionFile;

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

export interface SelectInput {
  user?: string;
  customId?: string;
  /** Option values (string select) or user/role/channel keys or ids (entity selects). */
  values: string[];
  timeoutMs?: number;
}

export interface ModalInput {
  /** Defaults to the user the modal was shown to (nobody else can submit it). */
  user?: string;
  /** Text input custom_id → text (select custom_id → values). */
  values: Record<string, string | string[]>;
  force?: boolean;
  timeoutMs?: number;
}

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
      throw new EmulatorUsageError(
        `${place.user.key} cannot use /${command.name}: it needs permissions ${needed} (default_member_permissions) and they have ${has}. Pass force: true to send it anyway.`,
      );
    }
  }
}

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

// ---------------------------------------------------------------------------------------------------------
// Components on messages

export interface FoundComponent {
  component: Record<string, unknown>;
  type: number;
  customId: string | null;
}

/** Every button/select on a message, in reading order (rows, sections' accessories, containers). */
export function listComponents(message: EmulatedMessage): FoundComponent[] {
  const found: FoundComponent[] = [];
  const walk = (node: unknown) => {
    if (!isRecord(node)) return;
    const type = typeof node.type === 'number' ? node.type : 0;
    if (type === 2 || (type >= 3 && type <= 8 && type !== 4)) {
      found.push({
        component: node,
        type,
        customId: typeof node.custom_id === 'string' ? node.custom_id : null,
      });
    }
    if (Array.isArray(node.components)) for (const child of node.components) walk(child);
    if (isRecord(node.accessory)) walk(node.accessory);
  };
  for (const top of message.components) walk(top);
  return found;
}

function describeButtons(list: readonly FoundComponent[]): string {
  return (
    list
      .filter((c) => c.type === 2)
      .map((c) => `${JSON.stringify(c.component.label ?? '')}${c.customId ? ` (${c.customId})` : ' (link)'}`)
      .join(', ') || '(no buttons)'
  );
}

export function findButton(message: EmulatedMessage, input: ClickInput): FoundComponent {
  const all = listComponents(message);
  const buttons = all.filter((c) => c.type === 2);
  let found: FoundComponent | undefined;
  if (input.customId !== undefined) found = buttons.find((b) => b.customId === input.customId);
  else if (input.label !== undefined) found = buttons.find((b) => b.component.label === input.label);
  else {
    const clickable = buttons.filter((b) => b.component.style !== 5 && b.component.style !== 6);
    found = clickable[input.index ?? 0];
  }
  if (!found) {
    throw new EmulatorUsageError(
      `No button ${input.customId ?? input.label ?? `#${input.index ?? 0}`} on message ${message.id}; it has: ${describeButtons(all)}`,
    );
  }
  if (found.component.style === 5)
    throw new EmulatorUsageError('That is a link button: clicking opens a URL and sends no interaction');
  if (found.component.disabled === true)
    throw new EmulatorUsageError(`Button ${JSON.stringify(found.component.label)} is disabled`);
  return found;
}

export function findSelect(message: EmulatedMessage, input: SelectInput): FoundComponent {
  const selects = listComponents(message).filter((c) => c.type !== 2);
  const found =
    input.customId === undefined ? selects[0] : selects.find((s) => s.customId === input.customId);
  if (!found) {
    throw new EmulatorUsageError(
      `No select menu ${input.customId ?? ''} on message ${message.id} (has: ${selects.map((s) => s.customId).join(', ') || 'none'})`,
    );
  }
  if (found.component.disabled === true) throw new EmulatorUsageError(`Select ${found.customId} is disabled`);
  const min = typeof found.component.min_values === 'number' ? found.component.min_values : 1;
  const max = typeof found.component.max_values === 'number' ? found.component.max_values : 1;
  if (input.values.length < min || input.values.length > max) {
    throw new EmulatorUsageError(
      `Select ${found.customId} takes ${min}–${max} values; got ${input.values.length}`,
    );
  }
  if (found.type === 3) {
    const options = Array.isArray(found.component.options) ? found.component.options.filter(isRecord) : [];
    for (const value of input.values) {
      if (!options.some((o) => o.value === value)) {
        throw new EmulatorUsageError(
          `Select ${found.customId} has no option "${value}" (has: ${options.map((o) => String(o.value)).join(', ')})`,
        );
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Modal submissions

interface ModalField {
  customId: string;
  kind: 'text' | 'select' | 'other';
  /** Text input definition (or select). */
  def: Record<string, unknown>;
  /** `true` for the legacy action-row form. */
  legacy: boolean;
}

function modalFields(modal: EmulatedModal): ModalField[] {
  const fields: ModalField[] = [];
  for (const top of modal.components) {
    const node: unknown = top;
    if (!isRecord(node)) continue;
    const inner: unknown[] =
      node.type === 1 && Array.isArray(node.components)
        ? node.components
        : node.type === 18
          ? [node.component]
          : [];
    for (const c of inner) {
      if (!isRecord(c) || typeof c.custom_id !== 'string') continue;
      fields.push({
        customId: c.custom_id,
        kind:
          c.type === 4
            ? 'text'
            : c.type === 3 || (typeof c.type === 'number' && c.type >= 5 && c.type <= 8)
              ? 'select'
              : 'other',
        def: c,
        legacy: node.type === 1,
      });
    }
  }
  return fields;
}

/** `data.components` of a modal submit, with the client's checks (required, min/max length). */
export function buildModalSubmission(modal: EmulatedModal, input: ModalInput): Record<string, unknown>[] {
  const fields = modalFields(modal);
  for (const key of Object.keys(input.values)) {
    if (!fields.some((f) => f.customId === key)) {
      throw new EmulatorUsageError(
        `Modal "${modal.custom_id}" has no field "${key}" (fields: ${fields.map((f) => f.customId).join(', ')})`,
      );
    }
  }
  return fields.map((field) => {
    const given = input.values[field.customId];
    if (field.kind === 'text') {
      const value =
        typeof given === 'string' ? given : typeof field.def.value === 'string' ? field.def.value : '';
      if (!input.force) {
        const requiredField = field.def.required !== false;
        const min = typeof field.def.min_length === 'number' ? field.def.min_length : 0;
        const max = typeof field.def.max_length === 'number' ? field.def.max_length : 4000;
        if (requiredField && value === '')
          throw new EmulatorUsageError(`Modal field "${field.customId}" is required`);
        if (value !== '' && (value.length < min || value.length > max)) {
          throw new EmulatorUsageError(
            `Modal field "${field.customId}" must be ${min}–${max} characters; got ${value.length}`,
          );
        }
      }
      const submitted = { type: 4, custom_id: field.customId, value };
      return field.legacy ? { type: 1, components: [submitted] } : { type: 18, component: submitted };
    }
    const values = Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
    return { type: 18, component: { type: field.def.type, custom_id: field.customId, values } };
  });
}
