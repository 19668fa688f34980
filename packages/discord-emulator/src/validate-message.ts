import { FieldErrors } from './errors.js';
import { validateMessageComponents } from './validate-components.js';
import {
  checkArray,
  checkBool,
  checkDict,
  checkInt,
  checkSnowflake,
  checkString,
  checkUrl,
  isAbsent,
  isRecord,
  strLen,
} from './validation-core.js';

/** Validation of message bodies (interaction replies, follow-ups and edits) and embeds. */

export const MessageFlagBits = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export const MESSAGE_CONTENT_MAX = 2000;
export const MAX_EMBEDS = 10;
export const EMBED_TOTAL_MAX = 6000;
export const EmbedLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
} as const;
export const MAX_ATTACHMENTS = 10;

export interface MessageRules {
  mode: 'create' | 'edit';
  /** Interaction replies and follow-ups may be ephemeral. */
  interaction: boolean;
  /** How many `files[n]` came with the request. */
  uploadedFiles: number;
}

/** Characters an embed contributes to the 6000 total. */
export function embedChars(embed: Record<string, unknown>): number {
  let total = 0;
  const add = (v: unknown) => {
    if (typeof v === 'string') total += strLen(v);
  };
  add(embed.title);
  add(embed.description);
  if (isRecord(embed.footer)) add(embed.footer.text);
  if (isRecord(embed.author)) add(embed.author.name);
  if (Array.isArray(embed.fields)) {
    for (const field of embed.fields) {
      if (isRecord(field)) {
        add(field.name);
        add(field.value);
      }
    }
  }
  return total;
}

function validateEmbed(errs: FieldErrors, embed: Record<string, unknown>): void {
  if (!isAbsent(embed.type) && embed.type !== 'rich') {
    errs.add(['type'], 'BASE_TYPE_CHOICES', "Value must be one of {'rich'}.");
  }
  checkString(errs, ['title'], embed.title, { max: EmbedLimits.title });
  checkString(errs, ['description'], embed.description, { max: EmbedLimits.description });
  checkUrl(errs, ['url'], embed.url);
  checkInt(errs, ['color'], embed.color, { min: 0, max: 0xffffff });
  if (!isAbsent(embed.timestamp)) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      errs.add(
        ['timestamp'],
        'DATE_TYPE_PARSE',
        `Could not parse ${String(embed.timestamp)}. Should be ISO8601.`,
      );
    }
  }
  const footer = checkDict(errs, ['footer'], embed.footer);
  if (footer) {
    checkString(errs, ['footer', 'text'], footer.text, {
      min: 1,
      max: EmbedLimits.footerText,
      required: true,
    });
    checkUrl(errs, ['footer', 'icon_url'], footer.icon_url, { allowAttachment: true });
  }
  const author = checkDict(errs, ['author'], embed.author);
  if (author) {
    checkString(errs, ['author', 'name'], author.name, {
      min: 1,
      max: EmbedLimits.authorName,
      required: true,
    });
    checkUrl(errs, ['author', 'url'], author.url);
    checkUrl(errs, ['author', 'icon_url'], author.icon_url, { allowAttachment: true });
  }
  for (const key of ['image', 'thumbnail'] as const) {
    const media = checkDict(errs, [key], embed[key]);
    if (media) checkUrl(errs, [key, 'url'], media.url, { required: true, allowAttachment: true });
  }
  const fields = checkArray(errs, ['fields'], embed.fields, { max: EmbedLimits.fields });
  fields?.forEach((raw, i) => {
    const field = checkDict(errs, ['fields', i], raw, true);
    if (!field) return;
    checkString(errs, ['fields', i, 'name'], field.name, {
      min: 1,
      max: EmbedLimits.fieldName,
      required: true,
    });
    checkString(errs, ['fields', i, 'value'], field.value, {
      min: 1,
      max: EmbedLimits.fieldValue,
      required: true,
    });
    checkBool(errs, ['fields', i, 'inline'], field.inline);
  });
}

/** Validates `embeds` (errs positioned at `embeds`): each embed's limits plus the 6000-character total. */
export function validateEmbeds(errs: FieldErrors, value: unknown): void {
  const embeds = checkArray(errs, [], value, { max: MAX_EMBEDS });
  if (!embeds) return;
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = checkDict(errs, [i], raw, true);
    if (!embed) return;
    validateEmbed(errs.at(i), embed);
    total += embedChars(embed);
  });
  if (total > EMBED_TOTAL_MAX) {
    errs.add([], 'BASE_TYPE_MAX_LENGTH', `Embed size exceeds maximum size of ${EMBED_TOTAL_MAX}`);
  }
}

function validateAllowedMentions(errs: FieldErrors, value: unknown): void {
  const mentions = checkDict(errs, [], value);
  if (!mentions) return;
  const parse = checkArray(errs, ['parse'], mentions.parse, { max: 3 });
  parse?.forEach((p, i) => {
    if (p !== 'roles' && p !== 'users' && p !== 'everyone') {
      errs.add(['parse', i], 'BASE_TYPE_CHOICES', "Value must be one of {'roles', 'users', 'everyone'}.");
    }
  });
  for (const key of ['users', 'roles'] as const) {
    const ids = checkArray(errs, [key], mentions[key], { max: 100 });
    for (const [i, id] of (ids ?? []).entries()) checkSnowflake(errs, [key, i], id);
    if (parse?.includes(key) && ids && ids.length > 0) {
      errs.add(
        [],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    }
  }
  checkBool(errs, ['replied_user'], mentions.replied_user);
}

function validateAttachments(errs: FieldErrors, value: unknown, rules: MessageRules): void {
  const attachments = checkArray(errs, [], value, { max: MAX_ATTACHMENTS });
  attachments?.forEach((raw, i) => {
    const attachment = checkDict(errs, [i], raw, true);
    if (!attachment) return;
    const id = checkSnowflake(errs, [i, 'id'], attachment.id);
    if (id === undefined && isAbsent(attachment.id))
      errs.add([i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    checkString(errs, [i, 'filename'], attachment.filename, { min: 1, max: 1024 });
    checkString(errs, [i, 'description'], attachment.description, { max: 1024 });
    // Small ids refer to files[n] of this request; large ones to attachments kept from an edited message.
    if (id !== undefined && id.length <= 2 && Number(id) >= rules.uploadedFiles) {
      errs.add(
        [i, 'id'],
        'ATTACHMENT_NOT_FOUND',
        `Attachment ${id} was not uploaded with this request (files[${id}]).`,
      );
    }
  });
}

/** Validates a message create/edit body. `errs` is positioned where the message lives (e.g. `data`). */
export function validateMessageBody(errs: FieldErrors, value: unknown, rules: MessageRules): void {
  const body = checkDict(errs, [], value, true);
  if (!body) return;
  const flags = checkInt(errs, ['flags'], body.flags, { min: 0 });
  if (flags !== undefined) {
    let allowed = MessageFlagBits.SuppressEmbeds | MessageFlagBits.SuppressNotifications;
    if (rules.interaction) allowed |= MessageFlagBits.Ephemeral;
    if (flags & MessageFlagBits.IsComponentsV2) {
      errs.add(['flags'], 'EMULATOR_UNSUPPORTED', 'Components V2 (IS_COMPONENTS_V2) is not emulated.');
    } else if (flags & ~allowed) {
      errs.add(['flags'], 'MESSAGE_FLAGS_INVALID', `Invalid flags ${flags & ~allowed} for this request.`);
    }
  }

  checkString(errs, ['content'], body.content, { max: MESSAGE_CONTENT_MAX });
  if (!isAbsent(body.embeds)) validateEmbeds(errs.at('embeds'), body.embeds);
  if (!isAbsent(body.components)) validateMessageComponents(errs.at('components'), body.components);
  if (!isAbsent(body.allowed_mentions))
    validateAllowedMentions(errs.at('allowed_mentions'), body.allowed_mentions);
  if (!isAbsent(body.attachments)) validateAttachments(errs.at('attachments'), body.attachments, rules);
  if (rules.uploadedFiles > MAX_ATTACHMENTS) {
    errs.add(['files'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_ATTACHMENTS} or fewer in length.`);
  }
  checkBool(errs, ['tts'], body.tts);
  if (!isAbsent(body.nonce) && typeof body.nonce !== 'number') {
    checkString(errs, ['nonce'], body.nonce, { max: 25 });
  }
}

/** The parts of a message that decide whether it is "empty" for Discord. */
export interface MessageContentParts {
  content: string;
  embeds: readonly unknown[];
  components: readonly unknown[];
  attachments: readonly unknown[];
  poll?: unknown;
  stickers?: readonly unknown[];
}

/** Discord refuses (50006) a message with no content, embeds, components, files, poll or stickers. */
export function isEmptyMessage(parts: MessageContentParts): boolean {
  return (
    parts.content.trim() === '' &&
    parts.embeds.length === 0 &&
    parts.components.length === 0 &&
    parts.attachments.length === 0 &&
    isAbsent(parts.poll) &&
    (parts.stickers?.length ?? 0) === 0
  );
}

/** Where an embed may show a file of its own message, as `attachment://<filename>`. */
const EMBED_FILE_URLS = [
  ['image', 'url'],
  ['thumbnail', 'url'],
  ['author', 'icon_url'],
  ['footer', 'icon_url'],
] as const;

/**
 * `attachment://` references in embeds that name no attachment of the resulting message. Discord
 * would quietly show such an embed without its picture; the emulator refuses it, so a test sees
 * the missing (or misnamed) file.
 */
export function embedAttachmentErrors(message: {
  embeds: readonly unknown[];
  attachments: readonly { filename: string }[];
}): FieldErrors {
  const errs = new FieldErrors(['embeds']);
  const names = new Set(message.attachments.map((a) => a.filename));
  message.embeds.forEach((embed, i) => {
    if (!isRecord(embed)) return;
    for (const [key, field] of EMBED_FILE_URLS) {
      const part = embed[key];
      const url = isRecord(part) ? part[field] : undefined;
      if (typeof url !== 'string' || !url.startsWith('attachment://')) continue;
      const name = url.slice('attachment://'.length);
      if (!names.has(name)) {
        errs.add(
          [i, key, field],
          'ATTACHMENT_NOT_FOUND',
          `No attachment named "${name}" on this message (Discord would show the embed without it).`,
        );
      }
    }
  });
  return errs;
}
