import type { FieldErrors, FieldPath } from './errors.js';

/** Shared checks that produce Discord's error codes and messages. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Discord counts string lengths in Unicode code points. */
export function strLen(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export const required = (errs: FieldErrors, path: FieldPath): void =>
  errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');

export interface LengthRule {
  min?: number;
  max: number;
  required?: boolean;
}

function lengthMessage(min: number, max: number): { code: string; message: string } {
  return min > 0
    ? { code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` }
    : { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

/** Checks an optional/required string field with a length range. Returns the string when it is one. */
export function checkString(
  errs: FieldErrors,
  path: FieldPath,
  value: unknown,
  rule: LengthRule,
): string | undefined {
  if (isAbsent(value)) {
    if (rule.required) required(errs, path);
    return undefined;
  }
  if (typeof value !== 'string') {
    errs.add(path, 'STRING_TYPE_CONVERT', `Could not interpret "${JSON.stringify(value)}" as string.`);
    return undefined;
  }
  const min = rule.min ?? 0;
  const len = strLen(value);
  if (len < min || len > rule.max) {
    const { code, message } = lengthMessage(min, rule.max);
    errs.add(path, code, message);
  }
  return value;
}

/** Checks an optional/required array with a length range. Returns the array when it is one. */
export function checkArray(
  errs: FieldErrors,
  path: FieldPath,
  value: unknown,
  rule: LengthRule,
): unknown[] | undefined {
  if (isAbsent(value)) {
    if (rule.required) required(errs, path);
    return undefined;
  }
  if (!Array.isArray(value)) {
    errs.add(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return undefined;
  }
  const min = rule.min ?? 0;
  if (value.length < min || value.length > rule.max) {
    const { code, message } = lengthMessage(min, rule.max);
    errs.add(path, code, message);
  }
  return value;
}

export function checkDict(
  errs: FieldErrors,
  path: FieldPath,
  value: unknown,
  isRequired = false,
): Record<string, unknown> | undefined {
  if (isAbsent(value)) {
    if (isRequired) required(errs, path);
    return undefined;
  }
  if (!isRecord(value)) {
    errs.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return undefined;
  }
  return value;
}

export interface IntRule {
  min?: number;
  max?: number;
  required?: boolean;
  choices?: readonly number[];
}

export function checkInt(
  errs: FieldErrors,
  path: FieldPath,
  value: unknown,
  rule: IntRule = {},
): number | undefined {
  if (isAbsent(value)) {
    if (rule.required) required(errs, path);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errs.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    return undefined;
  }
  if (rule.choices && !rule.choices.includes(value)) {
    errs.add(path, 'BASE_TYPE_CHOICES', `Value must be one of {${rule.choices.join(', ')}}.`);
    return value;
  }
  if (rule.min !== undefined && value < rule.min) {
    errs.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${rule.min}.`);
  }
  if (rule.max !== undefined && value > rule.max) {
    errs.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${rule.max}.`);
  }
  return value;
}

export function checkNumber(errs: FieldErrors, path: FieldPath, value: unknown): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errs.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not a valid number.`);
    return undefined;
  }
  return value;
}

export function checkBool(errs: FieldErrors, path: FieldPath, value: unknown): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'boolean') {
    errs.add(path, 'BOOLEAN_TYPE_CONVERT', 'Must be either true or false.');
    return undefined;
  }
  return value;
}

export function checkSnowflake(errs: FieldErrors, path: FieldPath, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) {
    errs.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not snowflake.`);
    return undefined;
  }
  return text;
}

/** URLs in embeds/buttons: http(s), plus `attachment://` where files may be referenced. */
export function checkUrl(
  errs: FieldErrors,
  path: FieldPath,
  value: unknown,
  options: { required?: boolean; allowAttachment?: boolean; max?: number } = {},
): string | undefined {
  const text = checkString(errs, path, value, {
    max: options.max ?? 2048,
    ...(options.required ? { required: true } : {}),
  });
  if (text === undefined) return undefined;
  const schemes = options.allowAttachment ? ['http', 'https', 'attachment'] : ['http', 'https', 'discord'];
  let scheme: string;
  try {
    scheme = new URL(text).protocol.replace(/:$/, '');
  } catch {
    errs.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    return undefined;
  }
  if (!schemes.includes(scheme)) {
    errs.add(
      path,
      'URL_TYPE_INVALID_SCHEME',
      `Scheme "${scheme}" is not supported. Scheme must be one of (${schemes.map((s) => `'${s}'`).join(', ')}).`,
    );
  }
  return text;
}
