import { EventEmitter } from 'node:events';
import type {
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIAttachment,
  APIEmbed,
  APIMessage,
  APIMessageTopLevelComponent,
  APIModalInteractionResponseCallbackComponent,
  APIUser,
  MessageFlags,
  Snowflake,
} from 'discord.js';
import type { UploadedFile } from './http-body.js';
import type { InteractionPayload } from './payloads.js';
import type { RestLogEntry } from './rest-log.js';
import type { SnowflakeGenerator } from './snowflake.js';
import { MessageFlagBits } from './validate-message.js';
import { isRecord } from './validation-core.js';

/** State of dispatched interactions and the messages the bot produced for them. */

export interface EmulatedAttachment {
  id: Snowflake;
  filename: string;
  size: number;
  content_type: string | null;
  description: string | null;
  url: string;
  /** The uploaded bytes. */
  data: Buffer;
}

/** A message as a user sees it. Returned as a snapshot; fetch again for later edits. */
export interface EmulatedMessage {
  id: Snowflake;
  channel_id: Snowflake;
  guild_id: Snowflake | null;
  /** The interaction whose response or follow-up created the message ('' for a channel message). */
  interaction_id: Snowflake;
  /** 'channel': posted with POST /channels/{id}/messages, outside any interaction. */
  kind: 'reply' | 'followup' | 'channel';
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  attachments: EmulatedAttachment[];
  flags: number;
  ephemeral: boolean;
  allowed_mentions: APIAllowedMentions | null;
  tts: boolean;
  /** A deferred reply still showing "Parley is thinking…". */
  loading: boolean;
  deleted: boolean;
  created_at: number;
  edited_at: number | null;
  /** How many times the message was edited (PATCH or UPDATE_MESSAGE). */
  edits: number;
}

/** A modal the bot showed (callback type 9). Pass it to `emu.submitModal`. */
export interface EmulatedModal {
  /** The interaction the bot answered with this modal. */
  interaction_id: Snowflake;
  custom_id: string;
  title: string;
  components: APIModalInteractionResponseCallbackComponent[];
  user_id: Snowflake;
  guild_id: Snowflake | null;
  channel_id: Snowflake;
  /** The message whose component opened the modal, if any. */
  source_message_id: Snowflake | null;
}

export type InteractionKindName = 'command' | 'autocomplete' | 'component' | 'modal-submit';

export interface CallbackAttempt {
  /** Callback type the bot sent (null if the body had none). */
  type: number | null;
  at: number;
  /** Whether it arrived within the acknowledgement window (3 s) after dispatch. */
  inTime: boolean;
  status: number;
  /** Discord error code when refused. */
  code: number | null;
}

export interface InteractionRecord {
  id: Snowflake;
  token: string;
  /** InteractionType: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  kind: InteractionKindName;
  /** Human label for errors: `/who`, `button "comments:next:2"`… */
  label: string;
  payload: InteractionPayload;
  userId: Snowflake;
  guildId: Snowflake | null;
  channelId: Snowflake;
  dispatchedAt: number;
  callbacks: CallbackAttempt[];
  /** The first accepted callback. */
  response: { type: number; at: number; inTime: boolean } | null;
  /** What `@original` refers to (the reply, or the component's message after types 6/7). */
  originalMessageId: Snowflake | null;
  /** For component interactions (and modals opened from one): the message the component sits on. */
  sourceMessageId: Snowflake | null;
  followUpIds: Snowflake[];
  modal: EmulatedModal | null;
  choices: APIApplicationCommandOptionChoice[] | null;
  /** REST responses ≥ 400 for this interaction. */
  errors: RestLogEntry[];
  /** True once the user can see the bot's complete answer (after a defer: once it was edited or followed up). */
  settled: boolean;
}

export interface MessageJsonContext {
  botUser: APIUser;
  applicationId: Snowflake;
  users: (id: Snowflake) => APIUser | undefined;
}

/** A deep copy (structuredClone would turn the Buffers into plain Uint8Arrays). */
export function cloneMessage(message: EmulatedMessage): EmulatedMessage {
  return {
    ...structuredClone({ ...message, attachments: [] }),
    attachments: message.attachments.map((a) => ({ ...a, data: Buffer.from(a.data) })),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class InteractionStore {
  readonly records = new Map<Snowflake, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();
  readonly #messages = new Map<Snowflake, EmulatedMessage>();
  /** Emits `change` (interaction id) whenever a record changes, and `message` ({action, message}). */
  readonly events = new EventEmitter();

  constructor(
    private readonly ids: SnowflakeGenerator,
    private readonly now: () => number,
    private readonly attachmentUrl: (channelId: string, id: string, filename: string) => string,
  ) {
    this.events.setMaxListeners(0);
  }

  add(record: InteractionRecord): void {
    this.records.set(record.id, record);
    this.#byToken.set(record.token, record);
  }

  get(id: Snowflake): InteractionRecord | undefined {
    return this.records.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.#byToken.get(token);
  }

  changed(record: InteractionRecord): void {
    this.events.emit('change', record.id);
  }

  message(id: Snowflake): EmulatedMessage | undefined {
    return this.#messages.get(id);
  }

  /** A deep copy of a message (the stored one keeps changing). */
  view(id: Snowflake): EmulatedMessage | null {
    const message = this.#messages.get(id);
    return message ? cloneMessage(message) : null;
  }

  /** An attachment on a bot message, by id. */
  findAttachment(id: Snowflake): EmulatedAttachment | undefined {
    for (const message of this.#messages.values()) {
      const attachment = message.attachments.find((a) => a.id === id);
      if (attachment) return attachment;
    }
    return undefined;
  }

  allMessages(): EmulatedMessage[] {
    return [...this.#messages.values()].map(cloneMessage);
  }

  #attachments(
    channelId: string,
    body: Record<string, unknown>,
    files: readonly UploadedFile[],
    existing: readonly EmulatedAttachment[],
    mode: 'create' | 'edit',
  ): EmulatedAttachment[] {
    const result: EmulatedAttachment[] = [];
    const used = new Set<number>();
    const upload = (file: UploadedFile, meta: Record<string, unknown>): EmulatedAttachment => {
      const id = this.ids.next();
      const filename = typeof meta.filename === 'string' && meta.filename ? meta.filename : file.name;
      return {
        id,
        filename,
        size: file.data.length,
        content_type: file.contentType ?? null,
        description: typeof meta.description === 'string' ? meta.description : null,
        url: this.attachmentUrl(channelId, id, filename),
        data: file.data,
      };
    };
    if (Array.isArray(body.attachments)) {
      for (const entry of body.attachments) {
        if (!isRecord(entry)) continue;
        const id = String(entry.id);
        const kept = existing.find((a) => a.id === id);
        if (kept) {
          result.push(kept);
          continue;
        }
        const file = files.find((f) => String(f.index) === id);
        if (file) {
          used.add(file.index);
          result.push(upload(file, entry));
        }
      }
    } else if (mode === 'edit') {
      // Without `attachments`, an edit keeps what was there and appends new files.
      result.push(...existing);
    }
    for (const file of files) if (!used.has(file.index)) result.push(upload(file, {}));
    return result;
  }

  /**
   * The message a create/edit body would produce (not stored yet, so callers can refuse empty results).
   * On edits, only fields present in the body change; `null` clears.
   */
  build(
    base: EmulatedMessage,
    bodyValue: unknown,
    files: readonly UploadedFile[],
    mode: 'create' | 'edit',
  ): EmulatedMessage {
    const body = isRecord(bodyValue) ? bodyValue : {};
    const next: EmulatedMessage = { ...base };
    if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) {
      next.embeds = Array.isArray(body.embeds)
        ? body.embeds.filter(isRecord).map((e) => ({ type: 'rich', ...structuredClone(e) }) as APIEmbed)
        : [];
    }
    if ('components' in body) {
      next.components = Array.isArray(body.components)
        ? (structuredClone(body.components) as APIMessageTopLevelComponent[])
        : [];
    }
    if ('allowed_mentions' in body) {
      next.allowed_mentions = isRecord(body.allowed_mentions)
        ? (structuredClone(body.allowed_mentions) as APIAllowedMentions)
        : null;
    }
    if (typeof body.tts === 'boolean' && mode === 'create') next.tts = body.tts;
    if (typeof body.flags === 'number') {
      const settable =
        MessageFlagBits.SuppressEmbeds |
        MessageFlagBits.SuppressNotifications |
        MessageFlagBits.IsComponentsV2;
      const fixed =
        mode === 'create' ? body.flags & MessageFlagBits.Ephemeral : base.flags & MessageFlagBits.Ephemeral;
      next.flags = fixed | (body.flags & settable) | (base.flags & MessageFlagBits.IsComponentsV2);
    }
    next.attachments = this.#attachments(base.channel_id, body, files, base.attachments, mode);
    next.ephemeral = Boolean(next.flags & MessageFlagBits.Ephemeral);
    next.loading = false;
    next.flags &= ~MessageFlagBits.Loading;
    return next;
  }

  /** A blank message for a record, before a body is applied. */
  blank(record: InteractionRecord, kind: EmulatedMessage['kind'], flags = 0): EmulatedMessage {
    return {
      id: this.ids.next(),
      channel_id: record.channelId,
      guild_id: record.guildId,
      interaction_id: record.id,
      kind,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags,
      ephemeral: Boolean(flags & MessageFlagBits.Ephemeral),
      allowed_mentions: null,
      tts: false,
      loading: false,
      deleted: false,
      created_at: this.now(),
      edited_at: null,
      edits: 0,
    };
  }

  /** Stores a new message and emits `message` create. */
  insert(message: EmulatedMessage): EmulatedMessage {
    this.#messages.set(message.id, message);
    this.events.emit('message', { action: 'create', message: cloneMessage(message) });
    return message;
  }

  /** Replaces a stored message with its edited form and emits `message` update. */
  replace(message: EmulatedMessage): EmulatedMessage {
    const edited = { ...message, edited_at: this.now(), edits: message.edits + 1 };
    this.#messages.set(edited.id, edited);
    this.events.emit('message', { action: 'update', message: cloneMessage(edited) });
    return edited;
  }

  remove(id: Snowflake): void {
    const message = this.#messages.get(id);
    if (!message) return;
    message.deleted = true;
    this.events.emit('message', { action: 'delete', message: cloneMessage(message) });
  }

  /** The message as Discord's API returns it. */
  toJSON(message: EmulatedMessage, ctx: MessageJsonContext): APIMessage {
    const record = this.records.get(message.interaction_id);
    const user = record ? ctx.users(record.userId) : undefined;
    const attachments: APIAttachment[] = message.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      size: a.size,
      url: a.url,
      proxy_url: a.url,
      ...(a.content_type ? { content_type: a.content_type } : {}),
      ...(a.description ? { description: a.description } : {}),
    }));
    const json: APIMessage = {
      id: message.id,
      channel_id: message.channel_id,
      author: { ...ctx.botUser, bot: true },
      content: message.content,
      timestamp: iso(message.created_at),
      edited_timestamp: message.edited_at === null ? null : iso(message.edited_at),
      tts: message.tts,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments,
      embeds: structuredClone(message.embeds),
      pinned: false,
      webhook_id: ctx.applicationId,
      application_id: ctx.applicationId,
      type: record?.kind === 'command' && message.kind === 'reply' ? 20 : 0,
      flags: message.flags as MessageFlags,
      components: structuredClone(message.components),
    };
    if (record && user) {
      const owners = { '0': record.guildId ?? '0' };
      if (record.kind === 'component' && record.sourceMessageId) {
        json.interaction_metadata = {
          id: record.id,
          type: 3,
          user,
          authorizing_integration_owners: owners,
          interacted_message_id: record.sourceMessageId,
          ...(message.kind === 'followup' && record.originalMessageId
            ? { original_response_message_id: record.originalMessageId }
            : {}),
        };
      } else if (record.kind === 'command') {
        json.interaction_metadata = {
          id: record.id,
          type: 2,
          user,
          authorizing_integration_owners: owners,
          ...(message.kind === 'followup' && record.originalMessageId
            ? { original_response_message_id: record.originalMessageId }
            : {}),
        };
      }
    }
    return json;
  }
}
