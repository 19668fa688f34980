/** Parsing what a person types into the sandbox console. Pure, so it is unit-tested. */

export type ConsoleInput =
  | { kind: 'command'; name: string; words: string[]; options: Record<string, string> }
  | { kind: 'click'; button: number }
  | { kind: 'as'; user: string }
  | { kind: 'submit'; values: Record<string, string> }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/**
 * Splits on spaces outside quotes; `text:"I disagree"` is one token `text:I disagree`.
 * Quotes may be "double" or 'single'; a backslash escapes the next character.
 */
export function tokenize(line: string): string[] | { error: string } {
  const tokens: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      started = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) return { error: `Unclosed ${quote} quote.` };
  if (started) tokens.push(current);
  return tokens;
}

/** key:value pairs after the bare words (subcommand names). */
function splitOptions(
  tokens: string[],
): { words: string[]; options: Record<string, string> } | { error: string } {
  const words: string[] = [];
  const options: Record<string, string> = {};
  for (const token of tokens) {
    const m = /^([-_\p{L}\p{N}]{1,32}):(.*)$/su.exec(token);
    if (m) {
      const [, key = '', value = ''] = m;
      if (key.toLowerCase() in options) return { error: `The option ${key} is given twice.` };
      options[key.toLowerCase()] = value;
    } else if (Object.keys(options).length > 0) {
      return {
        error: `“${token}” is not an option. Write options as name:value (quote values with spaces).`,
      };
    } else {
      words.push(token);
    }
  }
  return { words, options };
}

export function parseConsoleLine(line: string): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('//')) return { kind: 'empty' };
  const tokens = tokenize(trimmed);
  if (!Array.isArray(tokens)) return { kind: 'error', message: tokens.error };
  const [head = '', ...rest] = tokens;
  const lower = head.toLowerCase();
  if (lower === 'quit' || lower === 'exit') return { kind: 'quit' };
  if (lower === 'help' || lower === '?') return { kind: 'help' };
  if (lower === 'click') {
    const n = Number(rest[0]);
    return Number.isInteger(n) && n > 0
      ? { kind: 'click', button: n }
      : { kind: 'error', message: 'Use click N, where N is a button number shown under the last answer.' };
  }
  if (lower === 'as') {
    return rest[0] ? { kind: 'as', user: rest[0] } : { kind: 'error', message: 'Use as NAME, e.g. as mod.' };
  }
  if (lower === 'submit') {
    const parsed = splitOptions(rest);
    if ('error' in parsed) return { kind: 'error', message: parsed.error };
    return { kind: 'submit', values: parsed.options };
  }
  if (!head.startsWith('/') || head.length < 2) {
    return {
      kind: 'error',
      message: `Commands start with a slash, e.g. /help. (Also: click N, as NAME, submit field:"…", quit.)`,
    };
  }
  const parsed = splitOptions(rest);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  return { kind: 'command', name: head.slice(1).toLowerCase(), ...parsed };
}
