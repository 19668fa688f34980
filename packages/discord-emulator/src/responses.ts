import type { IncomingHttpHeaders } from 'node:http';
import type {
  APIApplicationCommandOptionChoice,
  APIModalInteractionResponseCallbackData,
  Snowflake,
} from 'discord.js';
import type { EmulatorCore } from './core.js';
import { DiscordErrors, FieldErrors, HttpError } from './errors.js';
import type { UploadedFile } from './http-body.js';
import type { EmulatedMessage, InteractionRecord } from './interactions.js';
import { CallbackType, validateCallbackBody } from './validate-callback.js';
import {
  embedAttachmentErrors,
  isEmptyMessage,
  MessageFlagBits,
  validateMessageBody,
} from './validate-message.js';
import { isRecord } from './validation-core.js';

/** Interaction callbacks and the interaction webhook (follow-ups, @original), with Discord's lifecycle rules. */

export interface RestRequest {
  method: string;
  /** Path below `/api/v10`, decoded, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: UploadedFile[];
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const json = (body: unknown, status = 200): RestResult => ({ status, body });
const noContent = (): RestResult => ({ status: 204 });

/** What Discord refuses of a message as built: nothing in it, or an embed naming a file it lacks. */
function refuseUnsendable(message: EmulatedMessage): void {
  if (isEmptyMessage(message)) throw DiscordErrors.emptyMessage();
  const errs = embedAttachmentErrors(message);
  if (!errs.empty) throw DiscordErrors.invalidFormBody(errs);
}

/** Whether a deferred response (5/6) becomes settled by this action. */
function settleDeferred(record: InteractionRecord): void {
  if (record.response && !record.settled) record.settled = true;
}

function attempt(
  core: EmulatorCore,
  record: InteractionRecord,
  type: number | null,
  status: number,
  code: number | null,
): void {
  const at = core.now();
  record.callbacks.push({
    type,
    at,
    inTime: at - record.dispatchedAt <= core.limits.ackWindowMs,
    status,
    code,
  });
}

/** POST /interactions/{id}/{token}/callback */
export function handleCallback(
  core: EmulatorCore,
  req: RestRequest,
  id: Snowflake,
  token: string,
): RestResult {
  const store = core.interactions;
  const record = store.get(id);
  const body = isRecord(req.body) ? req.body : undefined;
  const type = typeof body?.type === 'number' ? body.type : null;
  if (!record) throw DiscordErrors.unknownInteraction();
  if (record.token !== token) throw DiscordErrors.invalidWebhookToken();
  try {
    const result = acceptCallback(core, req, record, type);
    attempt(core, record, type, result.status, null);
    return result;
  } catch (error) {
    if (error instanceof HttpError) attempt(core, record, type, error.status, error.body.code);
    else attempt(core, record, type, 500, null);
    throw error;
  } finally {
    store.changed(record);
  }
}

function acceptCallback(
  core: EmulatorCore,
  req: RestRequest,
  record: InteractionRecord,
  type: number | null,
): RestResult {
  const store = core.interactions;
  if (record.response) throw DiscordErrors.alreadyAcknowledged();
  if (core.now() - record.dispatchedAt > core.limits.ackWindowMs) throw DiscordErrors.unknownInteraction();
  const source = record.sourceMessageId ? store.message(record.sourceMessageId) : undefined;
  const errs = validateCallbackBody(req.body, {
    interactionType: record.type,
    hasMessage: Boolean(source),
    uploadedFiles: req.files.length,
  });
  if (!errs.empty || type === null || !isRecord(req.body)) throw DiscordErrors.invalidFormBody(errs);
  const data = req.body.data;
  let message: EmulatedMessage | null = null;

  switch (type) {
    case CallbackType.ChannelMessageWithSource: {
      message = store.build(store.blank(record, 'reply'), data, req.files, 'create');
      refuseUnsendable(message);
      store.insert(message);
      record.originalMessageId = message.id;
      record.settled = true;
      break;
    }
    case CallbackType.DeferredChannelMessageWithSource: {
      const flags =
        isRecord(data) && typeof data.flags === 'number' ? data.flags & MessageFlagBits.Ephemeral : 0;
      message = store.blank(record, 'reply', flags | MessageFlagBits.Loading);
      message.loading = true;
      store.insert(message);
      record.originalMessageId = message.id;
      break;
    }
    case CallbackType.DeferredMessageUpdate:
      record.originalMessageId = source?.id ?? null;
      break;
    case CallbackType.UpdateMessage: {
      if (!source || source.deleted) throw DiscordErrors.unknownMessage();
      message = store.build(source, data ?? {}, req.files, 'edit');
      refuseUnsendable(message);
      message = store.replace(message);
      record.originalMessageId = source.id;
      record.settled = true;
      break;
    }
    case CallbackType.ApplicationCommandAutocompleteResult:
      record.choices =
        isRecord(data) && Array.isArray(data.choices)
          ? (structuredClone(data.choices) as APIApplicationCommandOptionChoice[])
          : [];
      record.settled = true;
      break;
    case CallbackType.Modal: {
      const modal = data as APIModalInteractionResponseCallbackData;
      record.modal = {
        interaction_id: record.id,
        custom_id: modal.custom_id,
        title: modal.title,
        components: structuredClone(modal.components),
        user_id: record.userId,
        guild_id: record.guildId,
        channel_id: record.channelId,
        source_message_id: record.sourceMessageId,
      };
      record.settled = true;
      break;
    }
    default:
      record.settled = true;
      break;
  }
  record.response = { type, at: core.now(), inTime: true };

  if (req.query.get('with_response') !== 'true') return noContent();
  const shown =
    message ?? (record.originalMessageId ? (store.message(record.originalMessageId) ?? null) : null);
  return json({
    interaction: {
      id: record.id,
      type: record.type,
      ...(shown
        ? {
            response_message_id: shown.id,
            response_message_loading: shown.loading,
            response_message_ephemeral: shown.ephemeral,
          }
        : {}),
    },
    resource: {
      type,
      ...(shown && type !== CallbackType.DeferredMessageUpdate
        ? { message: store.toJSON(shown, core.messageContext()) }
        : {}),
    },
  });
}

/** The interaction a webhook (application id + interaction token) belongs to, if it is still valid. */
export function webhookRecord(core: EmulatorCore, applicationId: string, token: string): InteractionRecord {
  if (applicationId !== core.applicationId) throw DiscordErrors.unknownWebhook();
  const record = core.interactions.byToken(token);
  if (!record?.response) throw DiscordErrors.unknownWebhook();
  if (core.now() - record.dispatchedAt > core.limits.webhookLifetimeMs) throw DiscordErrors.unknownWebhook();
  return record;
}

function validateWebhookMessage(req: RestRequest, mode: 'create' | 'edit'): void {
  const errs = new FieldErrors();
  validateMessageBody(errs, req.body ?? {}, {
    mode,
    interaction: true,
    uploadedFiles: req.files.length,
  });
  if (!errs.empty) throw DiscordErrors.invalidFormBody(errs);
}

/** POST /webhooks/{app}/{token} — a follow-up (or, right after a defer, the deferred reply itself). */
export function handleFollowUp(core: EmulatorCore, req: RestRequest, record: InteractionRecord): RestResult {
  const store = core.interactions;
  validateWebhookMessage(req, 'create');
  const original = record.originalMessageId ? store.message(record.originalMessageId) : undefined;
  let message: EmulatedMessage;
  if (
    record.response?.type === CallbackType.DeferredChannelMessageWithSource &&
    original?.loading &&
    !original.deleted
  ) {
    // Discord: the first follow-up after a deferred reply replaces the "thinking…" message and keeps
    // the defer's ephemerality, whatever flags the follow-up asks for.
    message = store.build(original, req.body, req.files, 'edit');
    refuseUnsendable(message);
    message = store.replace(message);
  } else {
    message = store.build(store.blank(record, 'followup'), req.body, req.files, 'create');
    refuseUnsendable(message);
    store.insert(message);
    record.followUpIds.push(message.id);
  }
  settleDeferred(record);
  store.changed(record);
  return req.query.get('wait') === 'true' ? json(store.toJSON(message, core.messageContext())) : noContent();
}

function targetMessage(core: EmulatorCore, record: InteractionRecord, ref: string): EmulatedMessage {
  const id = ref === '@original' ? record.originalMessageId : ref;
  const allowed = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
  const message = allowed ? core.interactions.message(id) : undefined;
  if (!message || message.deleted) throw DiscordErrors.unknownMessage();
  return message;
}

/** GET /webhooks/{app}/{token}/messages/{id|@original} */
export function handleGetMessage(core: EmulatorCore, record: InteractionRecord, ref: string): RestResult {
  return json(core.interactions.toJSON(targetMessage(core, record, ref), core.messageContext()));
}

/** PATCH /webhooks/{app}/{token}/messages/{id|@original} */
export function handleEditMessage(
  core: EmulatorCore,
  req: RestRequest,
  record: InteractionRecord,
  ref: string,
): RestResult {
  const store = core.interactions;
  const target = targetMessage(core, record, ref);
  validateWebhookMessage(req, 'edit');
  let message = store.build(target, req.body, req.files, 'edit');
  refuseUnsendable(message);
  message = store.replace(message);
  if (message.id === record.originalMessageId) settleDeferred(record);
  store.changed(record);
  return json(store.toJSON(message, core.messageContext()));
}

/** DELETE /webhooks/{app}/{token}/messages/{id|@original} */
export function handleDeleteMessage(core: EmulatorCore, record: InteractionRecord, ref: string): RestResult {
  const target = targetMessage(core, record, ref);
  core.interactions.remove(target.id);
  if (target.id === record.originalMessageId) settleDeferred(record);
  core.interactions.changed(record);
  return noContent();
}
