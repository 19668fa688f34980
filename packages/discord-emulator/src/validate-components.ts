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
  strLen,
} from './validation-core.js';

/** Validation of message components: legacy action rows and (lightly) Components V2. */

export const ComponentTypes = {
  ActionRow: 1,
  Button: 2,
  StringSelect: 3,
  TextInput: 4,
  UserSelect: 5,
  RoleSelect: 6,
  MentionableSelect: 7,
  ChannelSelect: 8,
  Section: 9,
  TextDisplay: 10,
  Thumbnail: 11,
  MediaGallery: 12,
  File: 13,
  Separator: 14,
  Container: 17,
  Label: 18,
  FileUpload: 19,
} as const;

const SELECTS: readonly number[] = [3, 5, 6, 7, 8];
const V2_TOP_LEVEL: readonly number[] = [1, 9, 10, 12, 13, 14, 17];
const V2_IN_CONTAINER: readonly number[] = [1, 9, 10, 12, 13, 14];
export const MAX_V2_COMPONENTS = 40;
export const MAX_V2_TEXT_CHARS = 4000;

interface ComponentContext {
  customIds: Set<string>;
  count: number;
  textChars: number;
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
  const style = checkInt(errs, ['style'], button.style, { required: true, choices: [1, 2, 3, 4, 5, 6] });
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
  } else if (style === 6) {
    if (isAbsent(button.sku_id)) errs.add(['sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    for (const key of ['custom_id', 'url', 'label', 'emoji'] as const) {
      if (!isAbsent(button[key])) {
        errs.add([key], 'BUTTON_COMPONENT_PREMIUM_INVALID_FIELD', `A premium button cannot have ${key}`);
      }
    }
  } else {
    checkCustomId(errs, ['custom_id'], button.custom_id, ctx);
    if (!isAbsent(button.url)) {
      errs.add(['url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url');
    }
  }
  if (style !== 6 && (isAbsent(button.label) || button.label === '') && isAbsent(button.emoji)) {
    errs.add(['label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji');
  }
}

export function validateSelect(
  errs: FieldErrors,
  select: Record<string, unknown>,
  type: number,
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
  if (type !== ComponentTypes.StringSelect) return;
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

/** A legacy action row in a message: 1–5 buttons, or exactly one select menu. */
function validateActionRow(errs: FieldErrors, row: Record<string, unknown>, ctx: ComponentContext): void {
  const children = checkArray(errs, ['components'], row.components, { min: 1, max: 5, required: true });
  if (!children) return;
  let selects = 0;
  children.forEach((raw, i) => {
    const child = checkDict(errs, ['components', i], raw, true);
    if (!child) return;
    ctx.count++;
    const type = checkInt(errs, ['components', i, 'type'], child.type, {
      required: true,
      choices: [2, 3, 5, 6, 7, 8],
    });
    if (type === ComponentTypes.Button) validateButton(errs.at('components', i), child, ctx);
    else if (type !== undefined && SELECTS.includes(type)) {
      selects++;
      validateSelect(errs.at('components', i), child, type, ctx);
    }
  });
  if (selects > 0 && children.length > 1) {
    errs.add(
      ['components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
    );
  }
}

function validateUnfurledMedia(errs: FieldErrors, path: FieldPath, value: unknown): void {
  const media = checkDict(errs, path, value, true);
  if (media) checkUrl(errs, [...path, 'url'], media.url, { required: true, allowAttachment: true });
}

function validateV2Component(
  errs: FieldErrors,
  raw: unknown,
  allowed: readonly number[],
  ctx: ComponentContext,
): void {
  const component = checkDict(errs, [], raw, true);
  if (!component) return;
  ctx.count++;
  const type = checkInt(errs, ['type'], component.type, { required: true });
  if (type === undefined) return;
  if (!allowed.includes(type)) {
    errs.add(['type'], 'COMPONENT_TYPE_INVALID', `Component type ${type} is not allowed here`);
    return;
  }
  switch (type) {
    case ComponentTypes.ActionRow:
      validateActionRow(errs, component, ctx);
      return;
    case ComponentTypes.TextDisplay: {
      const content = checkString(errs, ['content'], component.content, {
        min: 1,
        max: MAX_V2_TEXT_CHARS,
        required: true,
      });
      if (content) ctx.textChars += strLen(content);
      return;
    }
    case ComponentTypes.Section: {
      const texts = checkArray(errs, ['components'], component.components, {
        min: 1,
        max: 3,
        required: true,
      });
      for (const [i, t] of (texts ?? []).entries()) {
        validateV2Component(errs.at('components', i), t, [ComponentTypes.TextDisplay], ctx);
      }
      const accessory = checkDict(errs, ['accessory'], component.accessory, true);
      if (accessory) {
        ctx.count++;
        if (accessory.type === ComponentTypes.Button) validateButton(errs.at('accessory'), accessory, ctx);
        else if (accessory.type === ComponentTypes.Thumbnail)
          validateUnfurledMedia(errs, ['accessory', 'media'], accessory.media);
        else
          errs.add(
            ['accessory', 'type'],
            'COMPONENT_TYPE_INVALID',
            'Accessory must be a button or a thumbnail',
          );
      }
      return;
    }
    case ComponentTypes.MediaGallery: {
      const items = checkArray(errs, ['items'], component.items, { min: 1, max: 10, required: true });
      items?.forEach((item, i) => {
        const dict = checkDict(errs, ['items', i], item, true);
        if (dict) validateUnfurledMedia(errs, ['items', i, 'media'], dict.media);
      });
      return;
    }
    case ComponentTypes.File:
      validateUnfurledMedia(errs, ['file'], component.file);
      return;
    case ComponentTypes.Separator:
      checkInt(errs, ['spacing'], component.spacing, { choices: [1, 2] });
      return;
    case ComponentTypes.Container: {
      const children = checkArray(errs, ['components'], component.components, {
        min: 1,
        max: 40,
        required: true,
      });
      for (const [i, c] of (children ?? []).entries()) {
        validateV2Component(errs.at('components', i), c, V2_IN_CONTAINER, ctx);
      }
      checkInt(errs, ['accent_color'], component.accent_color, { min: 0, max: 0xffffff });
      return;
    }
    default:
      return;
  }
}

/**
 * Validates a message's `components` (errs positioned at `components`). With `v2` the Components V2 layout
 * rules apply (≤40 components in total, ≤4000 characters of text); otherwise ≤5 action rows.
 */
export function validateMessageComponents(errs: FieldErrors, value: unknown, v2: boolean): void {
  const ctx: ComponentContext = { customIds: new Set(), count: 0, textChars: 0 };
  if (v2) {
    const list = checkArray(errs, [], value, { max: MAX_V2_COMPONENTS });
    for (const [i, c] of (list ?? []).entries()) validateV2Component(errs.at(i), c, V2_TOP_LEVEL, ctx);
    if (ctx.count > MAX_V2_COMPONENTS) {
      errs.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_V2_COMPONENTS} or fewer in length.`);
    }
    if (ctx.textChars > MAX_V2_TEXT_CHARS) {
      errs.add([], 'BASE_TYPE_MAX_LENGTH', `Total text must be ${MAX_V2_TEXT_CHARS} or fewer in length.`);
    }
    return;
  }
  const rows = checkArray(errs, [], value, { max: 5 });
  rows?.forEach((raw, i) => {
    const row = checkDict(errs, [i], raw, true);
    if (!row) return;
    if (row.type !== ComponentTypes.ActionRow) {
      errs.add(
        [i, 'type'],
        isRecord(row) && typeof row.type === 'number' && V2_TOP_LEVEL.includes(row.type)
          ? 'COMPONENT_REQUIRES_V2_FLAG'
          : 'UNION_TYPE_CHOICES',
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

/** Validates a modal's `components` (errs positioned at `components`). */
export function validateModalComponents(errs: FieldErrors, value: unknown): void {
  const ctx: ComponentContext = { customIds: new Set(), count: 0, textChars: 0 };
  const list = checkArray(errs, [], value, { min: 1, max: 5, required: true });
  list?.forEach((raw, i) => {
    const component = checkDict(errs, [i], raw, true);
    if (!component) return;
    const type = checkInt(errs, [i, 'type'], component.type, { required: true, choices: [1, 10, 18] });
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
    } else if (type === ComponentTypes.TextDisplay) {
      checkString(errs, [i, 'content'], component.content, { min: 1, max: 4000, required: true });
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
      else if (innerType !== undefined && SELECTS.includes(innerType))
        validateSelect(errs.at(i, 'component'), inner, innerType, ctx);
      else if (innerType === ComponentTypes.FileUpload)
        checkCustomId(errs, [i, 'component', 'custom_id'], inner.custom_id, ctx);
    }
  });
}
