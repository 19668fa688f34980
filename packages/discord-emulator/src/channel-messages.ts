import type { EmulatorCore } from './core.js';
import { DiscordErrors, FieldErrors } from './errors.js';
import type { EmulatedMessage } from './interactions.js';
import type { RestRequest, RestResult } from './responses.js';
import { isEmptyMessage, validateMessageBody } from './validate-message.js';

/**
 * The bot's own channel messages, outside interactions: POST /channels/{id}/messages (a new message)
 * and PATCH /channels/{id}/messages/{id} (editing any non-ephemeral message the bot posted, however it
 * was posted). A message a person deleted (emu.deleteMessageAsUser) answers 10008, as on Discord.
 */

function validate(req: RestRequest, mode: 'create' | 'edit', existingFlags?: number): void {
  const errs = new FieldErrors();
  validateMessageBody(errs, req.body ?? {}, {
    mode,
    interaction: false,
    uploadedFiles: req.files.length,
    ...(existingFlags !== undefined ? { existingFlags } : {}),
  });
  if (!errs.empty) throw DiscordErrors.invalidFormBody(errs);
}

function channelOf(core: EmulatorCore, channelId: string) {
  const channel = core.world.findChannel(channelId);
  if (!channel) throw DiscordErrors.unknownChannel();
  return channel;
}

export function handleCreateChannelMessage(
  core: EmulatorCore,
  req: RestRequest,
  channelId: string,
): RestResult {
  const channel = channelOf(core, channelId);
  validate(req, 'create');
  const store = core.interactions;
  const blank: EmulatedMessage = {
    id: core.ids.next(),
    channel_id: channel.id,
    guild_id: channel.guildId,
    interaction_id: '',
    kind: 'channel',
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    flags: 0,
    ephemeral: false,
    allowed_mentions: null,
    tts: false,
    loading: false,
    deleted: false,
    created_at: core.now(),
    edited_at: null,
    edits: 0,
  };
  const message = store.build(blank, req.body, req.files, 'create');
  if (isEmptyMessage(message)) throw DiscordErrors.emptyMessage();
  store.insert(message);
  return { status: 200, body: store.toJSON(message, core.messageContext()) };
}

export function handleEditChannelMessage(
  core: EmulatorCore,
  req: RestRequest,
  channelId: string,
  messageId: string,
): RestResult {
  channelOf(core, channelId);
  const store = core.interactions;
  const target = store.message(messageId);
  // Ephemeral messages exist only for their viewer: the channel route cannot reach them.
  if (!target || target.deleted || target.ephemeral || target.channel_id !== channelId) {
    throw DiscordErrors.unknownMessage();
  }
  validate(req, 'edit', target.flags);
  let message = store.build(target, req.body, req.files, 'edit');
  if (isEmptyMessage(message)) throw DiscordErrors.emptyMessage();
  message = store.replace(message);
  return { status: 200, body: store.toJSON(message, core.messageContext()) };
}
