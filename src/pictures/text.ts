import type { Typeface } from './font.js';

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const split = (text: string) => Array.from(graphemes.segment(text), (s) => s.segment);

/** `text` cut (at a grapheme boundary) and ended with "…" so it fits `maxWidth`; unchanged if it fits. */
export function ellipsize(face: Typeface, text: string, size: number, maxWidth: number): string {
  if (face.width(text, size) <= maxWidth) return text;
  const parts = split(text);
  let lo = 0;
  let hi = parts.length;
  // Largest prefix that still fits with the ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = `${parts.slice(0, mid).join('').trimEnd()}${ELLIPSIS}`;
    if (face.width(candidate, size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${parts.slice(0, lo).join('').trimEnd()}${ELLIPSIS}`;
}

/** Splits a word wider than a line into pieces that fit. */
function breakWord(face: Typeface, word: string, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const g of split(word)) {
    if (current !== '' && face.width(current + g, size) > maxWidth) {
      pieces.push(current);
      current = g;
    } else current += g;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/**
 * Greedy word wrap into at most `maxLines` lines of at most `maxWidth` px; what does not fit ends
 * the last line with "…". Never returns a line wider than `maxWidth`.
 */
export function wrap(
  face: Typeface,
  text: string,
  size: number,
  maxWidth: number,
  maxLines: number,
): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  let overflow = false;
  for (const word of words) {
    const pieces = face.width(word, size) > maxWidth ? breakWord(face, word, size, maxWidth) : [word];
    for (const piece of pieces) {
      const next = current === '' ? piece : `${current} ${piece}`;
      if (face.width(next, size) <= maxWidth) {
        current = next;
        continue;
      }
      lines.push(current);
      current = piece;
      if (lines.length === maxLines) {
        overflow = true;
        break;
      }
    }
    if (overflow) break;
  }
  if (!overflow && current !== '') lines.push(current);
  if (overflow || lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept.pop() ?? '';
    kept.push(ellipsize(face, `${last}${ELLIPSIS}`, size, maxWidth));
    return kept;
  }
  return lines;
}
