import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type ClientOptions,
  GatewayIntentBits,
  type Snowflake,
} from 'discord.js';
import type { Clock } from './clock.js';
import { buildCommandOptions } from './command-options.js';
import { CommandRegistry } from './commands.js';
import { DEFAULT_LIMITS, type EmulatorCore, type EmulatorLimits } from './core.js';
import { DEFAULT_GUILDS, DEFAULT_USERS } from './default-world.js';
import { EmulatorUsageError, flattenErrorTree } from './errors.js';
import { RestFaults } from './faults.js';
import { Gateway, type GatewayEvent } from './gateway.js';
import {
  type EmulatedMessage,
  type EmulatedModal,
  type InteractionKindName,
  type InteractionRecord,
  InteractionStore,
  type MessageJsonContext,
} from './interactions.js';
import { findButton } from './message-components.js';
import { buildModalSubmission } from './modal-submission.js';
import {
  type InteractionPayload,
  type InteractionPlace,
  interactionEnvelope,
  userPayload,
} from './payloads.js';
import { errorCode, type RestLogEntry } from './rest-log.js';
import { createRoutes } from './rest-routes.js';
import { describeErrors, InteractionResult, waitForAnswer } from './result.js';
import {
  type AutocompleteInput,
  type ClickInput,
  type CommandInput,
  checkCommandAccess,
  type ModalInput,
  resolvePlace,
  splitCommandName,
} from './scenario.js';
import { EmulatorServer } from './server.js';
import { SnowflakeGenerator } from './snowflake.js';
import { validateCommandList } from './validate-command.js';
import { type GuildConfig, type UserConfig, World, type WorldConfig } from './world.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a random free port). */
  port?: number;
  /** The bot token the emulator accepts (default `test-token`). */
  token?: string;
  /** Default: the bot user's id. */
  applicationId?: Snowflake;
  /** Replace the default users (Ana, Ben, Mod, Owner). */
  users?: readonly UserConfig[];
  /** Replace the default guilds ("Parley Test Server", "Parley Second Server"). */
  guilds?: readonly GuildConfig[];
  bot?: WorldConfig['bot'];
  /** `shards` recommended by GET /gateway/bot (default 1). */
  shards?: number;
  /** `session_start_limit.max_concurrency` (default 1). */
  maxConcurrency?: number;
  /** The clock for lifecycle checks and snowflakes (default `Date.now`); see `manualClock()`. */
  now?: Clock;
  /** HELLO's heartbeat_interval (default 41250 ms, like Discord). */
  heartbeatIntervalMs?: number;
  /** How long scenario helpers wait for the bot (default 30 s: an upper bound only a bot that never answers reaches, even on a loaded machine). */
  replyTimeoutMs?: number;
  /** After the bot's last refused request, how long to wait for a retry before returning the errors (default 150 ms). */
  errorGraceMs?: number;
  limits?: Partial<EmulatorLimits>;
  /**
   * Deliver each interaction to every session owning its guild, as Discord does when two processes
   * run the same shard (a rolling deploy, a bot started twice). Default: the one session that owns it.
   */
  interactionsToEverySession?: boolean;
}

export interface MessageEvent {
  action: 'create' | 'update' | 'delete';
  message: EmulatedMessage;
}

export interface InteractionEvent {
  id: Snowflake;
  kind: InteractionKindName;
  label: string;
  payload: InteractionPayload;
}

export interface EmulatorEvents {
  /** The bot created, edited or deleted a message (reply, follow-up, update). */
  message: [MessageEvent];
  /** Every answered REST request. */
  request: [RestLogEntry];
  /** An INTERACTION_CREATE was dispatched. */
  interaction: [InteractionEvent];
  /** Gateway lifecycle: connect, identify, ready, resume(d), invalid-session, close, heartbeat, fault. */
  gateway: [GatewayEvent];
}

interface DispatchExtra {
  message?: EmulatedMessage;
  timeoutMs?: number;
}

/** A running emulator: HTTP + gateway server, world state, logs, fault hooks and scenario helpers. */
export class Emulator extends EventEmitter<EmulatorEvents> {
  readonly token: string;
  readonly applicationId: Snowflake;
  readonly world: World;
  readonly now: Clock;
  readonly commands: CommandRegistry;
  readonly interactions: InteractionStore;
  readonly gateway: Gateway;
  /** Queue REST faults: `emu.faults.rateLimit('/callback', 0.1)`, `emu.faults.serverError(...)`, `emu.faults.add({...})`. */
  readonly faults = new RestFaults();
  /** Every REST request/response, in order. */
  readonly requests: RestLogEntry[] = [];
  readonly replyTimeoutMs: number;
  readonly errorGraceMs: number;

  readonly #server: EmulatorServer;
  readonly #ids: SnowflakeGenerator;
  readonly #core: EmulatorCore;
  readonly #submittedModals = new Set<Snowflake>();
  readonly #everySession: boolean;

  constructor(options: EmulatorOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.now = options.now ?? Date.now;
    this.token = options.token ?? 'test-token';
    this.world = new World({
      users: options.users ?? DEFAULT_USERS,
      guilds: options.guilds ?? DEFAULT_GUILDS,
      ...(options.bot ? { bot: options.bot } : {}),
    });
    this.applicationId = options.applicationId ?? this.world.bot.id;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 30_000;
    this.errorGraceMs = options.errorGraceMs ?? 150;
    this.#everySession = options.interactionsToEverySession ?? false;
    this.#ids = new SnowflakeGenerator(this.now);
    this.commands = new CommandRegistry(this.applicationId, this.#ids);
    this.interactions = new InteractionStore(this.#ids, this.now, (channelId, id, filename) =>
      this.attachmentUrl(channelId, id, filename),
    );
    this.interactions.events.on('message', (event: MessageEvent) => this.emit('message', event));

    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#core = {
      world: this.world,
      token: this.token,
      applicationId: this.applicationId,
      now: this.now,
      ids: this.#ids,
      commands: this.commands,
      interactions: this.interactions,
      limits,
      recommendedShards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      gatewayUrl: () => this.gatewayUrl,
      messageContext: () => this.#messageContext(),
    };
    this.gateway = new Gateway(this.#core, { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 });
    this.gateway.on('event', (event: GatewayEvent) => this.emit('gateway', event));
    this.#server = new EmulatorServer({
      core: this.#core,
      routes: createRoutes(this.#core),
      faults: this.faults,
      gateway: this.gateway,
      onLog: (entry) => this.#log(entry),
    });
  }

  async listen(host = '127.0.0.1', port = 0): Promise<this> {
    await this.#server.listen(host, port);
    return this;
  }

  /** Base HTTP URL, e.g. `http://127.0.0.1:43210`. */
  get url(): string {
    return this.#server.url;
  }

  /** What to give discord.js as `rest.api`. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  get gatewayUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/gateway`;
  }

  get port(): number {
    return this.#server.port;
  }

  get users() {
    return [...this.world.users.values()];
  }

  get guilds() {
    return this.world.guilds;
  }

  /** A user by key (`'ana'`) or id. */
  user(ref: string) {
    return this.world.user(ref);
  }

  /** A guild by key (`'main'`) or id. */
  guild(ref: string) {
    return this.world.guild(ref);
  }

  /** A channel of a guild by key or id (default: its first text channel). */
  channel(guild: string, ref?: string) {
    return this.world.channel(this.world.guild(guild), ref);
  }

  attachmentUrl(channelId: string, id: string, filename: string): string {
    return `${this.url}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
  }

  /**
   * Options for a discord.js Client talking to this emulator: `rest.api`, the Guilds intent, and no 5 s
   * identify throttle (so re-identifies in tests are quick). Spread your own options over it.
   */
  clientOptions(): ClientOptions {
    return {
      intents: [GatewayIntentBits.Guilds],
      rest: { api: this.apiUrl },
      ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
    };
  }

  #messageContext(): MessageJsonContext {
    return {
      botUser: userPayload(this.world.bot),
      applicationId: this.applicationId,
      users: (id) => {
        const user = this.world.users.get(id);
        return user ? userPayload(user) : undefined;
      },
    };
  }

  #log(entry: Omit<RestLogEntry, 'seq'>): void {
    const full: RestLogEntry = { seq: this.requests.length + 1, ...entry };
    this.requests.push(full);
    if (full.interactionId && full.status >= 400) {
      const record = this.interactions.get(full.interactionId);
      if (record) {
        record.errors.push(full);
        this.interactions.changed(record);
      }
    }
    this.emit('request', full);
  }

  /** Logged responses with status ≥ 400 (optionally only a Discord error code, e.g. 50035). */
  errors(code?: number): RestLogEntry[] {
    return this.requests.filter((r) => r.status >= 400 && (code === undefined || errorCode(r) === code));
  }

  /** Throws with a readable list if any REST request got a 4xx/5xx (faults excluded). */
  assertNoErrors(): void {
    const errors = this.requests.filter((r) => r.status >= 400 && r.fault === null);
    if (errors.length > 0)
      throw new Error(`The emulator refused ${errors.length} request(s):\n  ${describeErrors(errors)}`);
  }

  /** Registers commands directly (as the bot's bulk overwrite would), validated the same way. */
  registerCommands(defs: readonly unknown[], guild?: string): APIApplicationCommand[] {
    const errs = validateCommandList(defs);
    if (!errs.empty) {
      throw new EmulatorUsageError(
        `Invalid command definitions: ${JSON.stringify(flattenErrorTree(errs.toTree()))}`,
      );
    }
    const guildId = guild === undefined ? null : this.world.guild(guild).id;
    return this.commands.overwrite(
      guildId,
      defs.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null),
    );
  }

  /**
   * Delivers an earlier interaction again — the same id, token and payload — as a gateway that redelivers
   * an event would. The bot's answers to the copy land on the original record (a second acknowledgement
   * gets 40060). Resolves after dispatch; read the outcome from `emu.interaction(id)` or the request log.
   */
  async replay(id: Snowflake, timeoutMs = this.replyTimeoutMs): Promise<void> {
    const record = this.interactions.get(id);
    if (!record) throw new EmulatorUsageError(`Unknown interaction ${id}`);
    const session = await this.gateway.waitForSession(record.guildId, timeoutMs);
    this.gateway.dispatchTo(session, 'INTERACTION_CREATE', record.payload);
    this.emit('interaction', {
      id,
      kind: record.kind,
      label: `${record.label} (replayed)`,
      payload: record.payload,
    });
  }

  /** A result for an interaction dispatched earlier. */
  interaction(id: Snowflake): InteractionResult {
    const record = this.interactions.get(id);
    if (!record) throw new EmulatorUsageError(`Unknown interaction ${id}`);
    return new InteractionResult(this.interactions, record);
  }

  /** The current state of a message the bot posted. */
  message(id: Snowflake): EmulatedMessage | null {
    return this.interactions.view(id);
  }

  /**
   * A person (a moderator, say) deletes one of the bot's messages in the channel: from now on
   * reading or editing it answers 10008 Unknown Message.
   */
  deleteMessageAsUser(id: Snowflake): void {
    const message = this.interactions.message(id);
    if (!message || message.deleted) throw new EmulatorUsageError(`No message ${id} to delete`);
    this.interactions.remove(id);
  }

  /** Every message the bot posted, in order. */
  messages(): EmulatedMessage[] {
    return this.interactions.allMessages();
  }

  async #dispatch(
    place: InteractionPlace,
    type: number,
    kind: InteractionKindName,
    label: string,
    data: Record<string, unknown>,
    extra: DispatchExtra,
  ): Promise<InteractionRecord> {
    const guildId = place.guild?.id ?? null;
    const session = await this.gateway.waitForSession(guildId, extra.timeoutMs ?? this.replyTimeoutMs);
    const id = this.#ids.next();
    const token = `aW50ZXJhY3Rpb246${Buffer.from(`${id}:${randomBytes(24).toString('hex')}`).toString('base64url')}`;
    const envelope = interactionEnvelope(this.world, place, { id, token, applicationId: this.applicationId });
    const payload: InteractionPayload = {
      ...envelope,
      type,
      data,
      ...(extra.message ? { message: this.interactions.toJSON(extra.message, this.#messageContext()) } : {}),
    };
    const record: InteractionRecord = {
      id,
      token,
      type,
      kind,
      label,
      payload,
      userId: place.user.id,
      guildId,
      channelId: envelope.channel_id,
      dispatchedAt: this.now(),
      callbacks: [],
      response: null,
      originalMessageId: null,
      sourceMessageId: extra.message?.id ?? null,
      followUpIds: [],
      modal: null,
      choices: null,
      errors: [],
      settled: false,
    };
    this.interactions.add(record);
    const targets = this.#everySession ? this.gateway.sessionsFor(guildId) : [session];
    for (const target of targets) this.gateway.dispatchTo(target, 'INTERACTION_CREATE', payload);
    this.emit('interaction', { id, kind, label, payload });
    return record;
  }

  async #finish(
    record: InteractionRecord,
    timeoutMs: number | undefined,
    wait: boolean | undefined,
  ): Promise<InteractionResult> {
    if (wait !== false)
      await waitForAnswer(this.interactions, record, timeoutMs ?? this.replyTimeoutMs, this.errorGraceMs);
    return new InteractionResult(this.interactions, record);
  }

  #resolveCommand(input: CommandInput, place: InteractionPlace): APIApplicationCommand {
    const { name } = splitCommandName(input);
    const command = this.commands.resolve(name, place.guild?.id ?? null);
    if (!command) {
      const where = place.guild
        ? `in guild "${place.guild.key}" or globally`
        : 'globally (DMs only see global commands)';
      const known = this.commands.names();
      throw new EmulatorUsageError(
        `/${name} is not registered ${where}. Registered: ${known.length ? known.map((n) => `/${n}`).join(', ') : 'nothing'} — did the bot PUT its commands (or call emu.registerCommands)?`,
      );
    }
    if (!input.force) checkCommandAccess(this.world, place, command);
    return command;
  }

  /**
   * A user runs a slash command. Resolves once the user sees the bot's answer (after a defer: once it was
   * edited or followed up). `wait: false` resolves right after dispatch.
   */
  async command(input: CommandInput & { wait?: boolean }): Promise<InteractionResult> {
    const place = resolvePlace(this.world, input);
    const command = this.#resolveCommand(input, place);
    const built = buildCommandOptions({ world: this.world, place }, command, input);
    const resolved = Object.keys(built.resolved).length > 0 ? { resolved: built.resolved } : {};
    const { name, group, subcommand } = splitCommandName(input);
    const record = await this.#dispatch(
      place,
      2,
      'command',
      `/${[name, group, subcommand].filter(Boolean).join(' ')}`,
      {
        id: command.id,
        name: command.name,
        type: 1,
        ...(built.options.length ? { options: built.options } : {}),
        ...resolved,
        ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      },
      input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {},
    );
    return this.#finish(record, input.timeoutMs, input.wait);
  }

  /** A user types in an autocomplete option; resolves with the full result (choices, errors…). */
  async autocompleteResult(input: AutocompleteInput & { wait?: boolean }): Promise<InteractionResult> {
    const place = resolvePlace(this.world, input);
    const command = this.#resolveCommand(input, place);
    const built = buildCommandOptions({ world: this.world, place }, command, input, input.focused);
    const record = await this.#dispatch(
      place,
      4,
      'autocomplete',
      `autocomplete /${command.name} ${input.focused}`,
      {
        id: command.id,
        name: command.name,
        type: 1,
        options: built.options,
        ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      },
      input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {},
    );
    return this.#finish(record, input.timeoutMs, input.wait);
  }

  /** A user types in an autocomplete option; resolves with the choices shown (throws if the bot's answer was refused). */
  async autocomplete(input: AutocompleteInput): Promise<APIApplicationCommandOptionChoice[]> {
    const result = await this.autocompleteResult(input);
    if (!result.choices) {
      throw new EmulatorUsageError(
        `The bot's autocomplete answer was not accepted: ${describeErrors(result.errors)}`,
      );
    }
    return result.choices;
  }

  #messagePlace(message: EmulatedMessage, userRef: string | undefined): InteractionPlace {
    const current = this.interactions.message(message.id);
    if (!current || current.deleted)
      throw new EmulatorUsageError(`Message ${message.id} does not exist (anymore)`);
    const origin = this.interactions.get(current.interaction_id);
    const user = userRef ? this.world.user(userRef) : this.world.user(origin?.userId ?? '');
    if (current.ephemeral && origin && origin.userId !== user.id) {
      throw new EmulatorUsageError(
        `Message ${message.id} is ephemeral: only ${this.world.user(origin.userId).key} can see it`,
      );
    }
    const guild = current.guild_id ? (this.world.findGuild(current.guild_id) ?? null) : null;
    const channel = guild ? (this.world.findChannel(current.channel_id) ?? null) : null;
    if (guild && !this.world.member(guild, user))
      throw new EmulatorUsageError(`${user.key} is not in guild "${guild.key}"`);
    return { user, guild, channel };
  }

  /** A user clicks a button on a message the bot posted (by customId, label, or index). */
  async click(
    message: EmulatedMessage,
    input: ClickInput & { wait?: boolean } = {},
  ): Promise<InteractionResult> {
    const place = this.#messagePlace(message, input.user);
    const current = this.interactions.message(message.id) ?? message;
    const button = findButton(current, input);
    const record = await this.#dispatch(
      place,
      3,
      'component',
      `button "${button.customId ?? ''}"`,
      { custom_id: button.customId, component_type: 2 },
      { message: current, ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}) },
    );
    return this.#finish(record, input.timeoutMs, input.wait);
  }

  /** The user fills in and submits a modal the bot showed. */
  async submitModal(
    modal: EmulatedModal,
    input: ModalInput & { wait?: boolean },
  ): Promise<InteractionResult> {
    const user = input.user ? this.world.user(input.user) : this.world.user(modal.user_id);
    if (user.id !== modal.user_id) {
      throw new EmulatorUsageError(
        `Only ${this.world.user(modal.user_id).key} can submit this modal (it was shown to them)`,
      );
    }
    if (this.#submittedModals.has(modal.interaction_id)) {
      throw new EmulatorUsageError(
        `Modal "${modal.custom_id}" was already submitted (a modal closes on submit)`,
      );
    }
    const guild = modal.guild_id ? (this.world.findGuild(modal.guild_id) ?? null) : null;
    const channel = guild ? (this.world.findChannel(modal.channel_id) ?? null) : null;
    const components = buildModalSubmission(modal, input);
    const source = modal.source_message_id ? this.interactions.message(modal.source_message_id) : undefined;
    this.#submittedModals.add(modal.interaction_id);
    const record = await this.#dispatch(
      { user, guild, channel },
      5,
      'modal-submit',
      `modal "${modal.custom_id}"`,
      { custom_id: modal.custom_id, components },
      {
        ...(source ? { message: source } : {}),
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
      },
    );
    return this.#finish(record, input.timeoutMs, input.wait);
  }

  // Gateway fault hooks (return how many sessions were affected). `shard` limits it to one shard id.

  /** Kill the socket without a close frame; the client should RESUME (events meanwhile are replayed). */
  dropConnection(shard?: number): number {
    return this.gateway.dropConnection(shard);
  }

  /** Op 7 RECONNECT; the client should reconnect and RESUME. */
  sendReconnect(shard?: number): number {
    return this.gateway.sendReconnect(shard);
  }

  /** Op 9 INVALID_SESSION; `resumable: false` forces a fresh IDENTIFY. */
  invalidateSession(resumable: boolean, shard?: number): number {
    return this.gateway.invalidateSession(resumable, shard);
  }

  /** Close with a code (4000 → resume, 4009 → session gone, 4004 → fatal…). */
  closeWith(code: number, shard?: number): number {
    return this.gateway.closeWith(code, shard);
  }

  /**
   * The next `times` IDENTIFYs (default: every one until `refuseIdentify(code, 0)`) are closed with `code`
   * instead of READY (4014 disallowed intents, 4004 token reset, 4000 a gateway that keeps failing…).
   * Refused IDENTIFYs still emit an `identify` gateway event, with `code` set.
   */
  refuseIdentify(code: number, times?: number): void {
    this.gateway.refuseIdentify(code, times);
  }

  /**
   * The bot is removed from a guild (kicked, or it left): the sessions owning it get GUILD_DELETE, later
   * READYs leave it out, and its members can no longer use the bot's commands. Returns the sessions told.
   */
  removeBotFrom(guild: string): number {
    const g = this.world.guild(guild);
    if (g.botRemoved) throw new EmulatorUsageError(`The bot is already out of guild "${g.key}"`);
    g.botRemoved = true;
    return this.gateway.guildDelete(g);
  }

  /** The bot is added (back) to a guild: GUILD_CREATE to the sessions owning it. Returns the sessions told. */
  addBotTo(guild: string): number {
    const g = this.world.guild(guild);
    if (!g.botRemoved) throw new EmulatorUsageError(`The bot is already in guild "${g.key}"`);
    g.botRemoved = false;
    return this.gateway.guildCreate(g);
  }

  /** Waits for a gateway event (e.g. `'resumed'`, `'identify'`). */
  waitForGateway(type: GatewayEvent['type'], timeoutMs = 5000): Promise<GatewayEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (event: GatewayEvent) => {
        if (event.type !== type) return;
        clearTimeout(timer);
        this.off('gateway', onEvent);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.off('gateway', onEvent);
        reject(new EmulatorUsageError(`No gateway "${type}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('gateway', onEvent);
    });
  }

  async close(): Promise<void> {
    await this.#server.close();
    this.removeAllListeners();
  }
}

/** Starts an emulator on 127.0.0.1 (random port by default). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).listen(options.host, options.port);
}
