import type { FieldErrors, FieldPath } from './errors.js';
import {
  checkArray,
  checkBool,
  checkDict,
  checkInt,
  checkString,
  checkUrl,
  isAbsent,
  isRecord,
} from './validation-core.js';

/**
 * Validation of the components the bot sends: action rows of buttons in messages; text inputs and
 * string selects (in labels or legacy action rows) in modals. Select menus in messages, Components V2
 * layouts, entity selects (user/role/channel/mentionable), premium buttons and file uploads are not
 * emulated: they are reported as such rather than half-checked.
 */

export const ComponentTypes = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  Label: 18,
} as const;

interface ComponentContext {
  customIds: Set<string>;
}

/** A component type Discord has but this emulator does not check (the bot sends none). */
function notEmulated(errs: FieldErrors, path: FieldPath, type: number): void {
  errs.add(path, 'EMULATOR_UNSUPPORTED', `Component type ${type} is not emulated (the bot sends none).`);
}

function checkCustomId(errs: FieldErrors, path: FieldPath, value: unknown, ctx: ComponentContext): void {
  const id = checkString(errs, path, value, { min: 1, max: 100, required: true });
  if (id === undefined) return;
  if (ctx.customIds.has(id)) {
    errs.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id was already specified');
  }
  ctx.customIds.add(id);
}

function checkEmoji(errs: FieldErrors, path: FieldPath, value: unknown): void {
  const emoji = checkDict(errs, path, value);
  if (!emoji) return;
  if (isAbsent(emoji.id) && isAbsent(emoji.name)) {
    errs.add(path, 'BUTTON_COMPONENT_INVALID_EMOJI', 'Invalid emoji');
  }
}

export function validateButton(
  errs: FieldErrors,
  button: Record<string, unknown>,
  ctx: ComponentContext,
): void {
  const style = checkInt(errs, ['style'], button.style, { required: true, choices: [1, 2, 3, 4, 5] });
  checkString(errs, ['label'], button.label, { max: 80 });
  checkEmoji(errs, ['emoji'], button.emoji);
  checkBool(errs, ['disabled'], button.disabled);
  if (style === undefined) return;
  if (style === 5) {
    checkUrl(errs, ['url'], button.url, { required: true, max: 512 });
    if (!isAbsent(button.custom_id)) {
      errs.add(
        ['custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A link button cannot have a custom id',
      );
    }
  } else {
    checkCustomId(errs, ['custom_id'], button.custom_id, ctx);
    if (!isAbsent(button.url)) {
      errs.add(['url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url');
    }
  }
  if ((isAbsent(button.label) || button.label === '') && isAbsent(button.emoji)) {
    errs.add(['label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji');
  }
}

export function validateSelect(
  errs: FieldErrors,
  select: Record<string, unknown>,
  ctx: ComponentContext,
): void {
  checkCustomId(errs, ['custom_id'], select.custom_id, ctx);
  checkString(errs, ['placeholder'], select.placeholder, { max: 150 });
  const min = checkInt(errs, ['min_values'], select.min_values, { min: 0, max: 25 });
  const max = checkInt(errs, ['max_values'], select.max_values, { min: 1, max: 25 });
  if (min !== undefined && max !== undefined && min > max) {
    errs.add(
      ['min_values'],
      'SELECT_COMPONENT_MIN_GREATER_THAN_MAX',
      'min_values must be less than or equal to max_values',
    );
  }
  checkBool(errs, ['disabled'], select.disabled);
  checkBool(errs, ['required'], select.required);
  const options = checkArray(errs, ['options'], select.options, { min: 1, max: 25, required: true });
  if (!options) return;
  const values = new Set<string>();
  options.forEach((raw, i) => {
    const option = checkDict(errs, ['options', i], raw, true);
    if (!option) return;
    checkString(errs, ['options', i, 'label'], option.label, { min: 1, max: 100, required: true });
    const value = checkString(errs, ['options', i, 'value'], option.value, {
      min: 1,
      max: 100,
      required: true,
    });
    checkString(errs, ['options', i, 'description'], option.description, { max: 100 });
    checkEmoji(errs, ['options', i, 'emoji'], option.emoji);
    checkBool(errs, ['options', i, 'default'], option.default);
    if (value !== undefined) {
      if (values.has(value)) {
        errs.add(
          ['options', i, 'value'],
          'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
          'Select component option value was already specified',
        );
      }
      values.add(value);
    }
  });
  if (max !== undefined && max > options.length) {
    errs.add(['max_values'], 'SELECT_COMPONENT_MAX_VALUES_TOO_HIGH', `Must be ${options.length} or fewer.`);
  }
}

/** An action row in a message: 1–5 buttons. */
function validateActionRow(errs: FieldErrors, row: Record<string, unknown>, ctx: ComponentContext): void {
  const children = checkArray(errs, ['components'], row.components, { min: 1, max: 5, required: true });
  children?.forEach((raw, i) => {
    const child = checkDict(errs, ['components', i], raw, true);
    if (!child) return;
    const type = checkInt(errs, ['components', i, 'type'], child.type, {
      required: true,
      choices: [2, 3, 5, 6, 7, 8],
    });
    if (type === ComponentTypes.Button) validateButton(errs.at('components', i), child, ctx);
    else if (type !== undefined) notEmulated(errs, ['components', i, 'type'], type);
  });
}

/**
 * Validates a message's `components` (errs positioned at `components`): ≤5 action rows. Messages with the
 * IS_COMPONENTS_V2 flag are refused as not emulated by validateMessageBody.
 */
export function validateMessageComponents(errs: FieldErrors, value: unknown): void {
  const ctx: ComponentContext = { customIds: new Set() };
  const rows = checkArray(errs, [], value, { max: 5 });
  rows?.forEach((raw, i) => {
    const row = checkDict(errs, [i], raw, true);
    if (!row) return;
    if (row.type !== ComponentTypes.ActionRow) {
      errs.add(
        [i, 'type'],
        'UNION_TYPE_CHOICES',
        `Value of field "type" must be one of (1,). Components of type ${String(row.type)} need the IS_COMPONENTS_V2 flag.`,
      );
      return;
    }
    validateActionRow(errs.at(i), row, ctx);
  });
}

/** A text input inside a modal: label only in the legacy (action row) form. */
function validateTextInput(
  errs: FieldErrors,
  input: Record<string, unknown>,
  ctx: ComponentContext,
  legacy: boolean,
): void {
  checkCustomId(errs, ['custom_id'], input.custom_id, ctx);
  checkInt(errs, ['style'], input.style, { required: true, choices: [1, 2] });
  if (legacy) checkString(errs, ['label'], input.label, { min: 1, max: 45, required: true });
  else if (!isAbsent(input.label)) {
    errs.add(
      ['label'],
      'TEXT_INPUT_LABEL_NOT_ALLOWED',
      'A text input inside a label cannot have its own label',
    );
  }
  const min = checkInt(errs, ['min_length'], input.min_length, { min: 0, max: 4000 });
  const max = checkInt(errs, ['max_length'], input.max_length, { min: 1, max: 4000 });
  if (min !== undefined && max !== undefined && min > max) {
    errs.add(
      ['min_length'],
      'TEXT_INPUT_MIN_GREATER_THAN_MAX',
      'min_length must be less than or equal to max_length',
    );
  }
  checkBool(errs, ['required'], input.required);
  checkString(errs, ['value'], input.value, { max: 4000 });
  checkString(errs, ['placeholder'], input.placeholder, { max: 100 });
}

/** Validates a modal's `components` (errs positioned at `components`): labels and legacy text-input rows. */
export function validateModalComponents(errs: FieldErrors, value: unknown): void {
  const ctx: ComponentContext = { customIds: new Set() };
  const list = checkArray(errs, [], value, { min: 1, max: 5, required: true });
  list?.forEach((raw, i) => {
    const component = checkDict(errs, [i], raw, true);
    if (!component) return;
    const type = checkInt(errs, [i, 'type'], component.type, { required: true, choices: [1, 10, 18] });
    if (type === 10) notEmulated(errs, [i, 'type'], type);
    if (type === ComponentTypes.ActionRow) {
      const inputs = checkArray(errs, [i, 'components'], component.components, {
        min: 1,
        max: 1,
        required: true,
      });
      const input = inputs?.[0];
      if (isRecord(input)) {
        if (input.type !== ComponentTypes.TextInput) {
          errs.add(
            [i, 'components', 0, 'type'],
            'COMPONENT_TYPE_INVALID',
            'Action rows in modals can only hold a text input',
          );
        } else {
          validateTextInput(errs.at(i, 'components', 0), input, ctx, true);
        }
      }
    } else if (type === ComponentTypes.Label) {
      checkString(errs, [i, 'label'], component.label, { min: 1, max: 45, required: true });
      checkString(errs, [i, 'description'], component.description, { max: 100 });
      const inner = checkDict(errs, [i, 'component'], component.component, true);
      if (!inner) return;
      const innerType = checkInt(errs, [i, 'component', 'type'], inner.type, {
        required: true,
        choices: [3, 4, 5, 6, 7, 8, 19],
      });
      if (innerType === ComponentTypes.TextInput)
        validateTextInput(errs.at(i, 'component'), inner, ctx, false);
      else if (innerType === ComponentTypes.StringSelect) validateSelect(errs.at(i, 'component'), inner, ctx);
      else if (innerType !== undefined) notEmulated(errs, [i, 'component', 'type'], innerType);
    }
  });
}
