/**
 * Component custom ids, typed once. An id is `<command>:<kind>:<field>:<field>…`; each command
 * declares its kinds and their fields, and gets back `encode`/`decode` of a discriminated union.
 * Fields are escaped (`%` and `:`), so any text — an anchor like `topic:taiwan` — round-trips, and
 * nothing outside this module splits an id by hand.
 */
import { LIMITS } from './limits.js';

const SEPARATOR = ':';

/** How one value becomes id parts and back; `read` returns undefined for anything it did not write. */
export interface Field<T> {
  write(value: T): string[];
  read(parts: readonly string[]): T | undefined;
  /** Parts this field takes; `rest` takes all that are left (last field only). */
  readonly size: number | 'rest';
}

const single = <T>(write: (value: T) => string, read: (part: string) => T | undefined): Field<T> => ({
  write: (value) => [write(value)],
  read: ([part]) => (part === undefined ? undefined : read(part)),
  size: 1,
});

/** Any text. */
export const text: Field<string> = single(
  (s) => s,
  (s) => s,
);

/** A whole number of at most `digits` digits. */
export const whole = (digits: number): Field<number> =>
  single(String, (s) => (new RegExp(`^\\d{1,${digits}}$`).test(s) ? Number(s) : undefined));

/** A Discord snowflake (a user id). */
export const snowflake: Field<string> = single(
  (s) => s,
  (s) => (/^\d{1,20}$/.test(s) ? s : undefined),
);

/** One of a fixed set of strings. */
export function oneOf<const V extends string>(values: readonly V[]): Field<V> {
  return single(
    (v) => v,
    (s) => values.find((v) => v === s),
  );
}

/** A value or null, written as `none`; the inner value `none` is refused (it would read back as null). */
export function orNone<T>(field: Field<T>, none = '-'): Field<T | null> {
  return {
    write(value) {
      if (value === null) return [none];
      const parts = field.write(value);
      if (parts.length === 1 && parts[0] === none) throw new Error(`"${none}" is reserved for no value`);
      return parts;
    },
    read: (parts) => (parts.length === 1 && parts[0] === none ? null : field.read(parts)),
    size: field.size,
  };
}

/** Any number of texts; only as the last field. */
export const rest: Field<string[]> = { write: (values) => values, read: (parts) => [...parts], size: 'rest' };

type Fields = Readonly<Record<string, Field<unknown>>>;
type Kinds = Readonly<Record<string, Fields>>;
type ValueOf<F> = F extends Field<infer T> ? T : never;

/** The discriminated union of a command's ids: `{ kind, ...fields }`. */
export type IdOf<K extends Kinds> = {
  [Kind in keyof K & string]: { kind: Kind } & { -readonly [Name in keyof K[Kind]]: ValueOf<K[Kind][Name]> };
}[keyof K & string];

export class CustomIdTooLongError extends Error {
  constructor(readonly id: string) {
    super(`custom id too long (${id.length} > ${LIMITS.customId}): ${id}`);
    this.name = 'CustomIdTooLongError';
  }
}

const escapePart = (part: string) => part.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
const unescapePart = (part: string) => part.replace(/%(25|3A)/g, (_, code) => (code === '25' ? '%' : ':'));

/** Joins escaped parts; throws when Discord's 100-character limit would be exceeded. */
function pack(parts: readonly string[]): string {
  const id = parts.map(escapePart).join(SEPARATOR);
  if (id.length > LIMITS.customId) throw new CustomIdTooLongError(id);
  return id;
}

const unpack = (id: string): string[] => id.split(SEPARATOR).map(unescapePart);

/** The command a custom id belongs to (the router's dispatch key). */
export const commandOf = (id: string): string => unpack(id)[0] ?? '';

export interface IdCodec<K extends Kinds> {
  readonly command: string;
  encode(id: IdOf<K>): string;
  /** The id's fields, or undefined when the id is not one this codec writes (an old or forged id). */
  decode(customId: string): IdOf<K> | undefined;
}

/** The id codec of one command's components. */
export function customIds<const K extends Kinds>(command: string, kinds: K): IdCodec<K> {
  return {
    command,
    encode(id) {
      const fields: Fields = kinds[id.kind] ?? {};
      const values = id as unknown as Record<string, unknown>;
      return pack([
        command,
        id.kind,
        ...Object.entries(fields).flatMap(([name, field]) => field.write(values[name])),
      ]);
    },
    decode(customId) {
      const [head, kind, ...parts] = unpack(customId);
      if (head !== command || kind === undefined || !Object.hasOwn(kinds, kind)) return undefined;
      const out: Record<string, unknown> = { kind };
      let at = 0;
      const fields: Fields = kinds[kind] ?? {};
      for (const [name, field] of Object.entries(fields)) {
        const end = field.size === 'rest' ? parts.length : at + field.size;
        if (end > parts.length) return undefined;
        const value = field.read(parts.slice(at, end));
        if (value === undefined) return undefined;
        out[name] = value;
        at = end;
      }
      return at === parts.length ? (out as IdOf<K>) : undefined;
    },
  };
}

/** One handler per kind of a decoded id, each seeing its own fields. */
export type HandlerTable<U extends { kind: string }, Args extends unknown[]> = {
  [K in U['kind']]: (id: Extract<U, { kind: K }>, ...args: Args) => Promise<void>;
};

/** Runs the table's handler for the id's kind. */
export function dispatch<U extends { kind: string }, Args extends unknown[]>(
  table: HandlerTable<U, Args>,
  id: U,
  ...args: Args
): Promise<void> {
  const handler = table[id.kind as U['kind']] as (id: U, ...args: Args) => Promise<void>;
  return handler(id, ...args);
}
