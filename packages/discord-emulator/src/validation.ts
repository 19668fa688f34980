/** All of Discord's checks the emulator applies, for direct use in unit tests. */
export { flattenErrorTree } from './errors.js';
export {
  allowedCallbackTypes,
  CallbackType,
  InteractionKind,
  MAX_AUTOCOMPLETE_CHOICES,
  validateAutocompleteData,
  validateCallbackBody,
  validateModalData,
} from './validate-callback.js';
export {
  COMMAND_MAX_TOTAL_CHARS,
  isValidChatInputName,
  MAX_CHAT_INPUT_COMMANDS,
  validateCommand,
  validateCommandList,
} from './validate-command.js';
export { ComponentTypes, validateMessageComponents, validateModalComponents } from './validate-components.js';
export {
  EMBED_TOTAL_MAX,
  EmbedLimits,
  embedAttachmentErrors,
  embedChars,
  isEmptyMessage,
  MAX_EMBEDS,
  MESSAGE_CONTENT_MAX,
  MessageFlagBits,
  validateEmbeds,
  validateMessageBody,
} from './validate-message.js';
