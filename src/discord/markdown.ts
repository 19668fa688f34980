import { escapeMarkdown } from 'discord.js';

/**
 * The characters discord.js's escapeMarkdown acts on with its default options (backslash, code,
 * bold/italic, underline, strikethrough, spoiler): a text with none of them comes back unchanged.
 */
const MARKDOWN = /[\\`*_~|]/;

/**
 * discord.js's escapeMarkdown, skipped for text it would return unchanged. Its italic pattern
 * opens with lookbehinds that rescan the text at every position, so a paragraph-long quote cost
 * ~0.2 ms — a quarter of /ask's time — to come back as it was (BENCHMARKS.md, section 1).
 */
export function escapeText(text: string): string {
  return MARKDOWN.test(text) ? escapeMarkdown(text) : text;
}
