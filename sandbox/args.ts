import type { OptionValue } from '@parley/discord-emulator';
import {
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  ApplicationCommandOptionType as T,
} from 'discord.js';
import { type Token, tokenize } from './parse.js';

/** Reading a command's (or a form's) `name:value` arguments against its definition. Pure. */

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** What the console needs to know about an option or a form field. */
export interface ArgSpec {
  name: string;
  type: number;
  choices?: readonly { name: string; value: string | number }[] | undefined;
  autocomplete?: boolean | undefined;
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ReadArgs {
  /** `comment add` for `/comment add`. */
  name: string;
  options: Record<string, OptionValue>;
  /** The options as written on the line, in order (the last one is the one being typed). */
  written: string[];
  specs: readonly ArgSpec[];
}

const OPTION_START = /^([-_\p{L}\p{N}]{1,32}):/u;
const isSub = (o: APIApplicationCommandOption) => o.type === T.Subcommand || o.type === T.SubcommandGroup;

/**
 * `/name sub option:value…`: subcommand words first, then options. A text option's value runs until the
 * next `option:` of this command, so `question:Who is Michael Chase?` needs no quotes; other values are
 * one word. Numbers and true/false are converted as Discord's client does before sending; a choice may be
 * written by its value or its name, in any case.
 */
export function readCommandArgs(definition: Definition, args: string): Read<ReadArgs> {
  const tokens = tokenize(args);
  const path = [definition.name];
  let defs: readonly APIApplicationCommandOption[] = definition.options ?? [];
  let i = 0;
  while (defs.some(isSub)) {
    const word = tokens[i];
    const subs = defs.filter(isSub);
    if (!word || OPTION_START.test(word.text)) {
      return fail(`/${path.join(' ')} needs one of: ${subs.map((s) => s.name).join(', ')}.`);
    }
    const sub = subs.find((o) => o.name === word.text.toLowerCase());
    if (!sub || !('options' in sub)) {
      return fail(
        `/${path.join(' ')} has no subcommand “${word.text}” (subcommands: ${subs.map((s) => s.name).join(', ')}).`,
      );
    }
    path.push(sub.name);
    defs = sub.options ?? [];
    i++;
  }
  const specs: ArgSpec[] = defs.map((d) => ({
    name: d.name,
    type: d.type,
    choices: 'choices' in d ? d.choices : undefined,
    autocomplete: 'autocomplete' in d ? d.autocomplete : undefined,
  }));
  const read = readArgs(specs, tokens.slice(i), args, { where: `/${path.join(' ')}`, noun: 'option' });
  if (!read.ok) return read;
  const options: Record<string, OptionValue> = {};
  for (const [name, raw] of Object.entries(read.value)) {
    const spec = specs.find((s) => s.name === name) as ArgSpec;
    const typed = typeValue(spec, raw);
    if (!typed.ok) return typed;
    options[name] = typed.value;
  }
  return { ok: true, value: { name: path.join(' '), options, written: Object.keys(read.value), specs } };
}

/** `field:value…` for an open form: every field takes text, which runs until the next `field:`. */
export function readFormArgs(fields: readonly string[], args: string): Read<Record<string, string>> {
  const specs = fields.map((name) => ({ name, type: T.String }));
  return readArgs(specs, tokenize(args), args, { where: 'The form', noun: 'field' });
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

interface Written {
  name: string;
  spec: ArgSpec;
  /** The value in its first token (after `name:`), quotes removed. */
  first: string;
  valueStart: number;
  pieces: Token[];
}

function readArgs(
  specs: readonly ArgSpec[],
  tokens: readonly Token[],
  line: string,
  label: { where: string; noun: 'option' | 'field' },
): Read<Record<string, string>> {
  const known = specs.map((s) => s.name).join(', ') || 'none';
  const written: Written[] = [];
  for (const token of tokens) {
    const m = OPTION_START.exec(token.text);
    const spec = m ? specs.find((s) => s.name === m[1]?.toLowerCase()) : undefined;
    const current = written.at(-1);
    if (m && spec) {
      if (written.some((w) => w.name === spec.name))
        return fail(`The ${label.noun} ${spec.name} is given twice.`);
      const first = token.text.slice(m[0].length);
      written.push({ name: spec.name, spec, first, valueStart: token.start + m[0].length, pieces: [token] });
    } else if (current && current.spec.type === T.String) {
      current.pieces.push(token);
    } else if (m) {
      return fail(`${label.where} has no ${label.noun} “${m[1]}” (${label.noun}s: ${known}).`);
    } else {
      return fail(
        `“${token.text}” is not ${label.noun === 'option' ? 'an option' : 'a field'}. Write ${label.noun}s as name:value (${label.noun}s: ${known}).`,
      );
    }
  }
  const values: Record<string, string> = {};
  for (const w of written) {
    const last = w.pieces.at(-1) as Token;
    values[w.name] = w.pieces.length === 1 ? w.first : line.slice(w.valueStart, last.end);
  }
  return { ok: true, value: values };
}

function typeValue(spec: ArgSpec, raw: string): Read<OptionValue> {
  if (spec.type === T.Integer || spec.type === T.Number) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || (spec.type === T.Integer && !Number.isInteger(n))) {
      return fail(`${spec.name} must be a ${spec.type === T.Integer ? 'whole ' : ''}number.`);
    }
    return { ok: true, value: n };
  }
  if (spec.type === T.Boolean) {
    if (!/^(true|false)$/i.test(raw)) return fail(`${spec.name} must be true or false.`);
    return { ok: true, value: raw.toLowerCase() === 'true' };
  }
  const choice = spec.choices?.find(
    (c) => String(c.value).toLowerCase() === raw.toLowerCase() || c.name.toLowerCase() === raw.toLowerCase(),
  );
  return { ok: true, value: choice ? String(choice.value) : raw };
}
