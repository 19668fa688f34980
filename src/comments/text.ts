/**
 * Cleaning what members type before it is stored and shown. Pure; never throws.
 * Discord renders comment text as markdown inside embeds, so anything that can break the layout or
 * ping people is neutralised here, once, rather than at every place that displays a comment.
 */

export const COMMENT_MAX_LENGTH = 1000;

export type NormalisedText = { ok: true; text: string } | { ok: false; reason: string };

/** Zero-width and invisible formatting characters (ZWJ handled separately: emoji need it). */
const INVISIBLE =
  /[\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF\u180E\u00AD\u061C\u202A-\u202E\u2066-\u2069]|\u034F/g;
/** ZWJ not joining two emoji. */
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
/** Control characters (C0, DEL, C1) except newline; tabs become spaces first. */
const CONTROL = /(?!\n)\p{Cc}/gu;

const ZWSP = '\u200B';

/** Length as Discord counts it: code points, so an emoji is one character, not two UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Characters that render as nothing (tag characters, variation selectors, joiners, …). */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * What `text` reads as, for checks only (never stored): compatibility forms folded to their plain
 * letters (fullwidth ＠ and ｅｖｅｒｙｏｎｅ, small ﹫, mathematical 𝐞𝐯𝐞𝐫𝐲𝐨𝐧𝐞) and invisible characters
 * removed, so `@` + U+E0020 + `everyone` reads as @everyone.
 */
export function lookAlikeForm(text: string): string {
  return withoutInvisibles(text.normalize('NFKC'));
}

/** `text` without the characters that render as nothing; for checks, never stored (emoji need some). */
export const withoutInvisibles = (text: string): string => text.replace(IGNORABLE, '');

/** `@everyone`/`@here` written with look-alike @ signs or invisible characters in between. */
const MASS_MENTION = /([@\uFF20\uFE6B])(\p{Default_Ignorable_Code_Point}*)(everyone|here)/giu;

function clean(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/** Markdown and mentions that would break the layout or ping people, made literal. */
function neutralise(text: string): string {
  return (
    text
      // Code fences swallow everything after them.
      .replace(/`{3,}/g, (run) => '\\`'.repeat(run.length))
      // Headings and subtext at a line start (Discord renders `# `, `## `, `### ` and `-# `).
      .replace(/^([ \t]*)(#{1,3}|-#)(?=[ \t])/gm, '$1\\$2')
      // Zero-width space after the @ keeps the word but stops the ping (or the look of one).
      .replace(MASS_MENTION, (_m, at: string, _hidden: string, word: string) => `${at}${ZWSP}${word}`)
      // Role mentions render as pills even when pings are disabled.
      .replace(/(?<!\\)<@&(\d+)>/g, '\\<@&$1>')
  );
}

const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * Cleans a comment: normalises newlines, strips control and zero-width characters, trims, collapses
 * long runs of blank lines, rejects empty text and text over COMMENT_MAX_LENGTH (code points, as
 * Discord counts its own limits; counted after neutralising, so what is stored never exceeds it).
 */
export function normaliseCommentText(raw: string): NormalisedText {
  if (typeof raw !== 'string') return { ok: false, reason: 'The comment must be text.' };
  const cleaned = clean(raw);
  if (cleaned.length === 0) return { ok: false, reason: 'The comment is empty.' };
  const length = codePointLength(cleaned);
  if (length > COMMENT_MAX_LENGTH) {
    return {
      ok: false,
      reason: `The comment is ${formatCount(length)} characters long; the limit is ${formatCount(COMMENT_MAX_LENGTH)}.`,
    };
  }
  const text = neutralise(cleaned);
  const escaped = codePointLength(text);
  if (escaped > COMMENT_MAX_LENGTH) {
    return {
      ok: false,
      reason: `The comment is ${formatCount(escaped)} characters long once its formatting is escaped; the limit is ${formatCount(COMMENT_MAX_LENGTH)}.`,
    };
  }
  return { ok: true, text };
}

/** Largest accepted comment number (Discord integer options stop at 2^31 − 1 too). */
const MAX_COMMENT_ID = 2 ** 31 - 1;

/** Parses "12", "#12" or " #12 " into 12; anything else (0, negatives, decimals, huge) is undefined. */
export function parseCommentId(raw: string): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^#?(\d{1,10})$/.exec(raw.trim());
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  return n >= 1 && n <= MAX_COMMENT_ID ? n : undefined;
}
