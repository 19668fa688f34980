import type { APIApplicationCommand, APIApplicationCommandOption, Snowflake } from 'discord.js';
import type { SnowflakeGenerator } from './snowflake.js';
import { isRecord } from './validation-core.js';

/** Registered application commands (global and per guild), as Discord stores them. */
export class CommandRegistry {
  readonly #global: APIApplicationCommand[] = [];
  readonly #guild = new Map<Snowflake, APIApplicationCommand[]>();

  constructor(
    private readonly applicationId: Snowflake,
    private readonly ids: SnowflakeGenerator,
  ) {}

  list(guildId: Snowflake | null): APIApplicationCommand[] {
    if (guildId === null) return this.#global;
    let list = this.#guild.get(guildId);
    if (!list) {
      list = [];
      this.#guild.set(guildId, list);
    }
    return list;
  }

  /** Builds the stored form of a validated definition, keeping the id of a same-named command. */
  #normalize(
    guildId: Snowflake | null,
    def: Record<string, unknown>,
    previous?: APIApplicationCommand,
  ): APIApplicationCommand {
    const type = typeof def.type === 'number' ? def.type : 1;
    const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
    const contexts = Array.isArray(def.contexts)
      ? def.contexts.filter((c): c is number => typeof c === 'number')
      : guildId === null
        ? def.dm_permission === false
          ? [0]
          : [0, 1, 2]
        : null;
    const command: APIApplicationCommand = {
      id: previous?.id ?? this.ids.next(),
      application_id: this.applicationId,
      version: this.ids.next(),
      type,
      name: String(def.name),
      description: typeof def.description === 'string' ? def.description : '',
      default_member_permissions:
        typeof def.default_member_permissions === 'string' ? def.default_member_permissions : null,
      nsfw: def.nsfw === true,
      contexts,
      integration_types: Array.isArray(def.integration_types)
        ? def.integration_types.filter((c): c is number => typeof c === 'number')
        : [0],
      ...(guildId === null ? { dm_permission: def.dm_permission !== false } : { guild_id: guildId }),
    };
    if (isRecord(def.name_localizations))
      command.name_localizations = clone(def.name_localizations) as Record<string, string>;
    if (isRecord(def.description_localizations)) {
      command.description_localizations = clone(def.description_localizations) as Record<string, string>;
    }
    if (Array.isArray(def.options)) command.options = clone(def.options) as APIApplicationCommandOption[];
    return command;
  }

  /** Bulk overwrite (PUT): the body must already be validated. */
  overwrite(guildId: Snowflake | null, defs: readonly Record<string, unknown>[]): APIApplicationCommand[] {
    const list = this.list(guildId);
    const previous = [...list];
    const next = defs.map((def) =>
      this.#normalize(
        guildId,
        def,
        previous.find((c) => c.name === def.name && c.type === (typeof def.type === 'number' ? def.type : 1)),
      ),
    );
    list.splice(0, list.length, ...next);
    return next;
  }

  /** Create (POST): replaces a same-named command of the same type. Returns whether it was new. */
  upsert(
    guildId: Snowflake | null,
    def: Record<string, unknown>,
  ): { command: APIApplicationCommand; created: boolean } {
    const list = this.list(guildId);
    const type = typeof def.type === 'number' ? def.type : 1;
    const index = list.findIndex((c) => c.name === def.name && c.type === type);
    const command = this.#normalize(guildId, def, list[index]);
    if (index >= 0) list[index] = command;
    else list.push(command);
    return { command, created: index < 0 };
  }

  /** Edit (PATCH): replaces a command in place, keeping its id. */
  replace(
    guildId: Snowflake | null,
    id: Snowflake,
    def: Record<string, unknown>,
  ): APIApplicationCommand | undefined {
    const list = this.list(guildId);
    const index = list.findIndex((c) => c.id === id);
    if (index < 0) return undefined;
    const command = this.#normalize(guildId, def, list[index]);
    list[index] = command;
    return command;
  }

  get(guildId: Snowflake | null, id: Snowflake): APIApplicationCommand | undefined {
    return this.list(guildId).find((c) => c.id === id);
  }

  delete(guildId: Snowflake | null, id: Snowflake): boolean {
    const list = this.list(guildId);
    const index = list.findIndex((c) => c.id === id);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /**
   * The command a user would pick in a guild (guild commands shadow global ones) or in a DM (global only,
   * and only if its contexts allow DMs). Chat-input commands by default.
   */
  resolve(name: string, guildId: Snowflake | null, type = 1): APIApplicationCommand | undefined {
    if (guildId !== null) {
      const local = this.list(guildId).find((c) => c.name === name && c.type === type);
      if (local) return local;
    }
    return this.#global.find((c) => c.name === name && c.type === type);
  }

  /** Every registered command name, for error messages. */
  names(): string[] {
    const all = [...this.#global, ...[...this.#guild.values()].flat()];
    return [...new Set(all.map((c) => c.name))];
  }
}
