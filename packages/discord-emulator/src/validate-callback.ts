import { FieldErrors } from './errors.js';
import { validateModalComponents } from './validate-components.js';
import { MessageFlagBits, validateMessageBody } from './validate-message.js';
import { checkArray, checkDict, checkInt, checkNumber, checkString, isAbsent } from './validation-core.js';

/** Validation of interaction callback bodies: `{ type, data }` for each response type. */

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;

export const InteractionKind = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export const MAX_AUTOCOMPLETE_CHOICES = 25;

/** Which callback types an interaction of each type may answer with. */
export function allowedCallbackTypes(interactionType: number, hasMessage: boolean): number[] {
  switch (interactionType) {
    case InteractionKind.ApplicationCommand:
      return [4, 5, 9, 12];
    case InteractionKind.MessageComponent:
      return [4, 5, 6, 7, 9, 12];
    case InteractionKind.ApplicationCommandAutocomplete:
      return [8];
    case InteractionKind.ModalSubmit:
      return hasMessage ? [4, 5, 6, 7] : [4, 5];
    default:
      return [1];
  }
}

/** Validates `data` of a MODAL response (errs positioned at `data`). */
export function validateModalData(errs: FieldErrors, value: unknown): void {
  const data = checkDict(errs, [], value, true);
  if (!data) return;
  checkString(errs, ['title'], data.title, { min: 1, max: 45, required: true });
  checkString(errs, ['custom_id'], data.custom_id, { min: 1, max: 100, required: true });
  validateModalComponents(errs.at('components'), data.components);
}

/** Validates `data` of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT response (errs positioned at `data`). */
export function validateAutocompleteData(errs: FieldErrors, value: unknown): void {
  const data = checkDict(errs, [], value, true);
  if (!data) return;
  const choices = checkArray(errs, ['choices'], data.choices, {
    max: MAX_AUTOCOMPLETE_CHOICES,
    required: true,
  });
  choices?.forEach((raw, i) => {
    const choice = checkDict(errs, ['choices', i], raw, true);
    if (!choice) return;
    checkString(errs, ['choices', i, 'name'], choice.name, { min: 1, max: 100, required: true });
    if (isAbsent(choice.value))
      errs.add(['choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (typeof choice.value === 'string') {
      checkString(errs, ['choices', i, 'value'], choice.value, { min: 1, max: 100 });
    } else checkNumber(errs, ['choices', i, 'value'], choice.value);
  });
}

export interface CallbackRules {
  interactionType: number;
  /** The interaction carries a message (component interaction, or a modal opened from a component). */
  hasMessage: boolean;
  uploadedFiles: number;
}

/** Validates an interaction callback body; returns the collected errors (empty when valid). */
export function validateCallbackBody(body: unknown, rules: CallbackRules): FieldErrors {
  const errs = new FieldErrors();
  const dict = checkDict(errs, [], body, true);
  if (!dict) return errs;
  const type = checkInt(errs, ['type'], dict.type, {
    required: true,
    choices: Object.values(CallbackType),
  });
  if (type === undefined || !errs.empty) return errs;
  if (!allowedCallbackTypes(rules.interactionType, rules.hasMessage).includes(type)) {
    errs.add(
      ['type'],
      'INTERACTION_RESPONSE_TYPE_INVALID',
      `Interaction response type ${type} is not valid for this interaction`,
    );
    return errs;
  }
  const data = errs.at('data');
  switch (type) {
    case CallbackType.ChannelMessageWithSource:
      validateMessageBody(data, dict.data, {
        mode: 'create',
        interaction: true,
        uploadedFiles: rules.uploadedFiles,
      });
      break;
    case CallbackType.UpdateMessage:
      validateMessageBody(data, dict.data ?? {}, {
        mode: 'edit',
        interaction: true,
        uploadedFiles: rules.uploadedFiles,
      });
      break;
    case CallbackType.DeferredChannelMessageWithSource: {
      const d = checkDict(data, [], dict.data);
      const flags = d ? checkInt(data, ['flags'], d.flags, { min: 0 }) : undefined;
      const allowed =
        MessageFlagBits.Ephemeral |
        MessageFlagBits.SuppressEmbeds |
        MessageFlagBits.SuppressNotifications |
        MessageFlagBits.IsComponentsV2;
      if (flags !== undefined && flags & ~allowed) {
        data.add(['flags'], 'MESSAGE_FLAGS_INVALID', `Invalid flags ${flags & ~allowed} for this request.`);
      }
      break;
    }
    case CallbackType.ApplicationCommandAutocompleteResult:
      validateAutocompleteData(data, dict.data);
      break;
    case CallbackType.Modal:
      validateModalData(data, dict.data);
      break;
    default:
      break;
  }
  return errs;
}
