import { FieldErrors } from './errors.js';
import {
  checkArray,
  checkBool,
  checkDict,
  checkInt,
  checkNumber,
  checkString,
  isAbsent,
  isRecord,
  strLen,
} from './validation-core.js';

/** Validation of application command definitions (bulk overwrite / create), like Discord's. */

// Numeric values of ApplicationCommandType / ApplicationCommandOptionType, spelled out for clarity.
const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const CHANNEL = 7;
const NUMBER = 10;

const MAX_SAFE = 2 ** 53;
/** Combined name/description/option/choice characters per command. */
export const COMMAND_MAX_TOTAL_CHARS = 8000;
export const MAX_CHAT_INPUT_COMMANDS = 100;
export const MAX_CONTEXT_MENU_COMMANDS = 5;

const NAME_PATTERN = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Chat-input command and option names: `^[-_\p{L}\p{N}]{1,32}$` and lowercase where a lowercase exists. */
export function isValidChatInputName(name: string): boolean {
  return NAME_PATTERN.test(name) && name === name.toLowerCase();
}

function checkName(
  errs: FieldErrors,
  path: (string | number)[],
  value: unknown,
  chatInput: boolean,
): string | undefined {
  const name = checkString(errs, path, value, { min: 1, max: 32, required: true });
  if (
    name !== undefined &&
    chatInput &&
    strLen(name) >= 1 &&
    strLen(name) <= 32 &&
    !isValidChatInputName(name)
  ) {
    errs.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  return name;
}

function checkLocalizations(
  errs: FieldErrors,
  path: string,
  value: unknown,
  kind: 'name' | 'description',
  chatInput: boolean,
): void {
  const dict = checkDict(errs, [path], value);
  if (!dict) return;
  for (const [locale, text] of Object.entries(dict)) {
    if (kind === 'name') checkName(errs, [path, locale], text, chatInput);
    else checkString(errs, [path, locale], text, { min: 1, max: 100, required: true });
  }
}

/** Counts the characters Discord adds up for the per-command size limit. */
function countChars(command: Record<string, unknown>): number {
  let total = 0;
  const add = (v: unknown) => {
    if (typeof v === 'string') total += strLen(v);
    else if (typeof v === 'number') total += String(v).length;
  };
  const walk = (node: Record<string, unknown>) => {
    add(node.name);
    add(node.description);
    if (Array.isArray(node.choices)) {
      for (const choice of node.choices) {
        if (isRecord(choice)) {
          add(choice.name);
          add(choice.value);
        }
      }
    }
    if (Array.isArray(node.options)) for (const option of node.options) if (isRecord(option)) walk(option);
  };
  walk(command);
  return total;
}

type OptionLevel = 'top' | 'group' | 'sub';

function validateChoices(errs: FieldErrors, value: unknown, optionType: number): void {
  const choices = checkArray(errs, [], value, { max: 25 });
  if (!choices) return;
  choices.forEach((choice, i) => {
    const dict = checkDict(errs, [i], choice, true);
    if (!dict) return;
    checkString(errs, [i, 'name'], dict.name, { min: 1, max: 100, required: true });
    const localized = checkDict(errs, [i, 'name_localizations'], dict.name_localizations);
    if (localized) {
      for (const [locale, text] of Object.entries(localized)) {
        checkString(errs, [i, 'name_localizations', locale], text, { min: 1, max: 100, required: true });
      }
    }
    if (optionType === STRING) {
      checkString(errs, [i, 'value'], dict.value, { min: 1, max: 100, required: true });
    } else if (optionType === INTEGER) {
      checkInt(errs, [i, 'value'], dict.value, { min: -MAX_SAFE, max: MAX_SAFE, required: true });
    } else if (isAbsent(dict.value)) {
      errs.add([i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    } else {
      checkNumber(errs, [i, 'value'], dict.value);
    }
  });
}

function validateOption(errs: FieldErrors, option: Record<string, unknown>, level: OptionLevel): void {
  const type = checkInt(errs, ['type'], option.type, {
    required: true,
    choices: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  });
  checkName(errs, ['name'], option.name, true);
  checkString(errs, ['description'], option.description, { min: 1, max: 100, required: true });
  checkLocalizations(errs, 'name_localizations', option.name_localizations, 'name', true);
  checkLocalizations(
    errs,
    'description_localizations',
    option.description_localizations,
    'description',
    true,
  );
  checkBool(errs, ['required'], option.required);
  const autocomplete = checkBool(errs, ['autocomplete'], option.autocomplete);
  if (type === undefined) return;

  const isSub = type === SUB_COMMAND || type === SUB_COMMAND_GROUP;
  if (level === 'sub' && isSub) {
    errs.add(
      ['type'],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-commands cannot contain sub-commands',
    );
  }
  if (level === 'group' && type !== SUB_COMMAND) {
    errs.add(
      ['type'],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command groups can only contain sub-commands',
    );
  }
  if (isSub && option.required === true) {
    errs.add(['required'], 'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID', 'Sub-commands cannot be required');
  }

  const hasChoices = Array.isArray(option.choices) && option.choices.length > 0;
  if (!isAbsent(option.choices)) {
    if (type !== STRING && type !== INTEGER && type !== NUMBER) {
      errs.add(
        ['choices'],
        'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
        'Choices are only allowed on string, integer and number options',
      );
    } else {
      validateChoices(errs.at('choices'), option.choices, type);
    }
  }
  if (autocomplete === true) {
    if (type !== STRING && type !== INTEGER && type !== NUMBER) {
      errs.add(
        ['autocomplete'],
        'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
        'Autocomplete is only allowed on string, integer and number options',
      );
    } else if (hasChoices) {
      errs.add(
        ['autocomplete'],
        'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
        'Autocomplete cannot be set with choices',
      );
    }
  }

  for (const key of ['min_value', 'max_value'] as const) {
    if (isAbsent(option[key])) continue;
    if (type !== INTEGER && type !== NUMBER) {
      errs.add(
        [key],
        'APPLICATION_COMMAND_OPTION_INVALID_FIELD',
        `${key} is only allowed on integer and number options`,
      );
    } else if (type === INTEGER) {
      checkInt(errs, [key], option[key], { min: -MAX_SAFE, max: MAX_SAFE });
    } else {
      checkNumber(errs, [key], option[key]);
    }
  }
  if (
    typeof option.min_value === 'number' &&
    typeof option.max_value === 'number' &&
    option.min_value > option.max_value
  ) {
    errs.add(
      ['min_value'],
      'APPLICATION_COMMAND_OPTION_MIN_GREATER_THAN_MAX',
      'min_value must be less than or equal to max_value',
    );
  }
  for (const [key, min] of [
    ['min_length', 0],
    ['max_length', 1],
  ] as const) {
    if (isAbsent(option[key])) continue;
    if (type !== STRING) {
      errs.add([key], 'APPLICATION_COMMAND_OPTION_INVALID_FIELD', `${key} is only allowed on string options`);
    } else {
      checkInt(errs, [key], option[key], { min, max: 6000 });
    }
  }
  if (
    typeof option.min_length === 'number' &&
    typeof option.max_length === 'number' &&
    option.min_length > option.max_length
  ) {
    errs.add(
      ['min_length'],
      'APPLICATION_COMMAND_OPTION_MIN_GREATER_THAN_MAX',
      'min_length must be less than or equal to max_length',
    );
  }
  if (!isAbsent(option.channel_types)) {
    if (type !== CHANNEL) {
      errs.add(
        ['channel_types'],
        'APPLICATION_COMMAND_OPTION_INVALID_FIELD',
        'channel_types is only allowed on channel options',
      );
    } else {
      const list = checkArray(errs, ['channel_types'], option.channel_types, { max: 25 });
      for (const [i, t] of (list ?? []).entries()) checkInt(errs, ['channel_types', i], t, { min: 0 });
    }
  }

  if (isSub) {
    const min = type === SUB_COMMAND_GROUP ? 1 : 0;
    validateOptionList(errs.at('options'), option.options, type === SUB_COMMAND_GROUP ? 'group' : 'sub', min);
  } else if (!isAbsent(option.options)) {
    errs.add(
      ['options'],
      'APPLICATION_COMMAND_OPTION_INVALID_FIELD',
      'Only sub-commands and groups can have options',
    );
  }
}

function validateOptionList(errs: FieldErrors, value: unknown, level: OptionLevel, min = 0): void {
  const options = checkArray(errs, [], value, { min, max: 25, required: min > 0 });
  if (!options) return;
  const names = new Set<string>();
  let seenOptional = false;
  let orderReported = false;
  let subCount = 0;
  options.forEach((raw, i) => {
    const option = checkDict(errs, [i], raw, true);
    if (!option) return;
    validateOption(errs.at(i), option, level);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errs.add([i, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Option names must be unique');
      }
      names.add(option.name);
    }
    const isSub = option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
    if (isSub) {
      subCount++;
      return;
    }
    if (option.required === true && seenOptional && !orderReported) {
      errs.add(
        [],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
      orderReported = true;
    }
    if (option.required !== true) seenOptional = true;
  });
  if (level === 'top' && subCount > 0 && subCount < options.length) {
    errs.add(
      [],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
}

/** Validates one command definition; `errs` is positioned at that command. */
export function validateCommand(errs: FieldErrors, value: unknown): void {
  const command = checkDict(errs, [], value, true);
  if (!command) return;
  const type = checkInt(errs, ['type'], command.type, { choices: [1, 2, 3, 4] }) ?? CHAT_INPUT;
  const chatInput = type === CHAT_INPUT;
  checkName(errs, ['name'], command.name, chatInput);
  checkLocalizations(errs, 'name_localizations', command.name_localizations, 'name', chatInput);
  if (chatInput) {
    checkString(errs, ['description'], command.description, { min: 1, max: 100, required: true });
    checkLocalizations(
      errs,
      'description_localizations',
      command.description_localizations,
      'description',
      true,
    );
    validateOptionList(errs.at('options'), command.options, 'top');
  } else {
    if (typeof command.description === 'string' && command.description !== '') {
      errs.add(
        ['description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have a description',
      );
    }
    if (Array.isArray(command.options) && command.options.length > 0) {
      errs.add(
        ['options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        'Context menu commands cannot have options',
      );
    }
  }
  const perms = command.default_member_permissions;
  if (!isAbsent(perms) && (typeof perms !== 'string' || !/^\d+$/.test(perms))) {
    errs.add(['default_member_permissions'], 'NUMBER_TYPE_COERCE', `Value "${String(perms)}" is not int.`);
  }
  checkBool(errs, ['dm_permission'], command.dm_permission);
  checkBool(errs, ['nsfw'], command.nsfw);
  const contexts = checkArray(errs, ['contexts'], command.contexts, { max: 3 }) ?? [];
  for (const [i, c] of contexts.entries()) checkInt(errs, ['contexts', i], c, { choices: [0, 1, 2] });
  const integrations = checkArray(errs, ['integration_types'], command.integration_types, { max: 2 }) ?? [];
  for (const [i, c] of integrations.entries())
    checkInt(errs, ['integration_types', i], c, { choices: [0, 1] });
  if (countChars(command) > COMMAND_MAX_TOTAL_CHARS) {
    errs.add(
      [],
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${COMMAND_MAX_TOTAL_CHARS})`,
    );
  }
}

/** Validates a bulk-overwrite body (array of commands): per-command errors plus duplicates and count limits. */
export function validateCommandList(body: unknown): FieldErrors {
  const errs = new FieldErrors();
  if (!Array.isArray(body)) {
    errs.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return errs;
  }
  const seen = new Set<string>();
  const counts = new Map<number, number>();
  body.forEach((command, i) => {
    validateCommand(errs.at(i), command);
    if (!isRecord(command)) return;
    const type = typeof command.type === 'number' ? command.type : CHAT_INPUT;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) {
      errs.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    }
    seen.add(key);
  });
  if ((counts.get(CHAT_INPUT) ?? 0) > MAX_CHAT_INPUT_COMMANDS) {
    errs.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer in length.`);
  }
  for (const type of [2, 3]) {
    if ((counts.get(type) ?? 0) > MAX_CONTEXT_MENU_COMMANDS) {
      errs.add(
        [],
        'APPLICATION_COMMANDS_CONTEXT_MENU_LIMIT',
        `Maximum number of ${type === 2 ? 'user' : 'message'} commands reached (${MAX_CONTEXT_MENU_COMMANDS})`,
      );
    }
  }
  return errs;
}
