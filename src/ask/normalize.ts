import { CASUAL } from './lexicon.js';

/** Discord markup that is not part of what was asked: mentions, custom emoji, channel links. */
const MENTION = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/g;
/** A leading "@Name" addressed to the bot (a mention typed as text). */
const ADDRESS = /^\s*@\S+\s*/;
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu;
/** Markdown emphasis, code, spoilers and quote markers. */
const MARKDOWN = /[*_`~|]+|^\s*>+\s?/gm;

/**
 * The question as a reader meant it: Discord markup, emoji and markdown removed, and chat
 * forms written out ("whos" → "who is", "u" → "you"). Pure; the result may be empty.
 */
export function normalizeQuestion(raw: string): string {
  const stripped = raw
    .replace(MENTION, ' ')
    .replace(ADDRESS, ' ')
    .replace(EMOJI, ' ')
    .replace(MARKDOWN, ' ')
    .replace(/([?!.])\1+/g, '$1')
    .replace(/\btl;?dr\b/gi, 'tldr');
  const words = stripped.split(/(\s+)/).map((token) => {
    const match = /^([\p{L}]+)([^\p{L}]*)$/u.exec(token);
    if (!match) return token;
    const [, word = '', rest = ''] = match;
    const written = CASUAL[word.toLowerCase()];
    return written === undefined ? token : `${written}${rest}`;
  });
  return words.join('').replace(/\s+/g, ' ').trim();
}
