import { normalizeForMatch } from '../article/integrity.js';
import type { Paragraph } from '../article/schema.js';

/** One sentence of a paragraph: verbatim text (a slice of the paragraph) and its ¶. */
export interface Sentence {
  paragraph: number;
  /** 0-based position within the paragraph. */
  index: number;
  text: string;
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres st no vs etc inc jr sr co corp dept est approx fig'.split(
    ' ',
  ),
);

/** A full stop, question or exclamation mark (with any closing quote or bracket) then space. */
const BOUNDARY = /[.!?]+["'”’)\]]*\s+/g;

function endsWithAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/\.+$/, '');
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(bare)) return true; // initials and "U.S", "D.C"
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/**
 * Splits a paragraph into sentences. Each sentence is an exact slice of the paragraph text
 * (trimmed), so quoting it quotes the article verbatim.
 */
export function splitSentences(paragraph: Paragraph): Sentence[] {
  const { text } = paragraph;
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index + match[0].trimEnd().length;
    const next = text.slice(match.index + match[0].length);
    // A sentence starts with a capital, a digit or an opening quote; otherwise it goes on.
    if (!/^["'“‘(]?[\p{Lu}\p{N}]/u.test(next)) continue;
    if (match[0].startsWith('.') && endsWithAbbreviation(text.slice(start, match.index))) continue;
    const piece = text.slice(start, end).trim();
    if (piece !== '') sentences.push({ paragraph: paragraph.n, index: sentences.length, text: piece });
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest !== '') sentences.push({ paragraph: paragraph.n, index: sentences.length, text: rest });
  return sentences;
}

const comparable = (s: string) => normalizeForMatch(s).replace(/[.!?,;:]+$/, '');

/**
 * The sentences (of the given paragraphs) that contain a verbatim passage or part of it: a
 * passage may run over two sentences ("…took place at the Pentagon. Led by…").
 */
export function locate(
  sentences: readonly Sentence[],
  passage: string,
  paragraphs: readonly number[],
): Sentence[] {
  const pieces = splitSentences({ n: 1, text: passage })
    .map((s) => comparable(s.text))
    .filter(Boolean);
  return sentences.filter((s) => {
    if (!paragraphs.includes(s.paragraph)) return false;
    const text = comparable(s.text);
    return pieces.some((piece) => text.includes(piece) || piece.includes(text));
  });
}
