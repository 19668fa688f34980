/** Parsing what a person types into the sandbox console. Pure, so it is unit-tested. */

export type ConsoleInput =
  | { kind: 'command'; name: string; args: string }
  | { kind: 'complete'; name: string; args: string }
  | { kind: 'click'; button: number }
  | { kind: 'show'; comment: number }
  | { kind: 'save'; attachment: number }
  | { kind: 'as'; user: string }
  | { kind: 'submit'; args: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/** A word of the line: its text (quotes removed) and where it sits in the line. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/**
 * Splits on spaces outside quotes; `text:"I disagree"` is one token `text:I disagree`. A quote opens
 * only at the start of a word or right after `name:`, and only when it is closed before a space or
 * the end — so an apostrophe in `What's` or a lone `"` is just a character. Inside quotes a
 * backslash escapes the next character.
 */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (isSpace(line[i])) i++;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    while (i < line.length && !isSpace(line[i])) {
      const ch = line[i] as string;
      const quoteMayOpen = i === start || /^[-_\p{L}\p{N}]+:$/u.test(line.slice(start, i));
      const close = (ch === '"' || ch === "'") && quoteMayOpen ? closingQuote(line, i) : -1;
      if (close < 0) {
        text += ch;
        i++;
        continue;
      }
      for (let j = i + 1; j < close; j++) {
        if (line[j] === '\\' && j + 1 < close) j++;
        text += line[j];
      }
      i = close + 1;
    }
    tokens.push({ text, start, end: i });
  }
  return tokens;
}

/** Where the quote at `open` closes (followed by a space or the end), or -1. */
function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let j = open + 1; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === quote && (j + 1 === line.length || isSpace(line[j + 1]))) return j;
  }
  return -1;
}

const positive = (word: string | undefined): number | undefined => {
  const n = Number(word?.replace(/^#/, ''));
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** What a console line asks for. Commands keep their arguments raw: options are read against the definition. */
export function parseConsoleLine(line: string): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('//')) return { kind: 'empty' };
  const [head = ''] = trimmed.split(/\s+/, 1);
  const rest = trimmed.slice(head.length).trim();
  const lower = head.toLowerCase();
  if (lower === 'quit' || lower === 'exit') return { kind: 'quit' };
  if (lower === 'help' || lower === '?') return { kind: 'help' };
  if (lower === 'click') {
    const button = positive(rest);
    return button
      ? { kind: 'click', button }
      : { kind: 'error', message: 'Use click N, where N is a button number shown under the last answer.' };
  }
  if (lower === 'show') {
    const comment = positive(rest);
    return comment
      ? { kind: 'show', comment }
      : { kind: 'error', message: 'Use show #N, e.g. show #1, to see comment #1 again with its buttons.' };
  }
  if (lower === 'save') {
    const attachment = positive(rest || '1');
    return attachment
      ? { kind: 'save', attachment }
      : { kind: 'error', message: 'Use save N, where N is a 📎 file number of the last answer (save 1).' };
  }
  if (lower === 'as') {
    return /^\S+$/.test(rest)
      ? { kind: 'as', user: rest }
      : { kind: 'error', message: 'Use as NAME, e.g. as ben.' };
  }
  if (lower === 'submit') return { kind: 'submit', args: rest };
  if (lower === 'complete') {
    const [command = ''] = rest.split(/\s+/, 1);
    if (command.length < 2 || !command.startsWith('/')) {
      return { kind: 'error', message: 'Use complete /command option:text, e.g. complete /who name:ch' };
    }
    return {
      kind: 'complete',
      name: command.slice(1).toLowerCase(),
      args: rest.slice(command.length).trim(),
    };
  }
  if (!head.startsWith('/') || head.length < 2) {
    return {
      kind: 'error',
      message: 'Commands start with a slash, e.g. /help. Type help for everything else you can do here.',
    };
  }
  return { kind: 'command', name: head.slice(1).toLowerCase(), args: rest };
}
