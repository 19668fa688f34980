import type { Article } from '../article/article.js';
import type { Position } from '../article/schema.js';
import { cutUnits } from '../discord/limits.js';

/** "¶4" or "¶4, ¶5": every line of every answer carries one. */
export function cite(paragraphs: readonly number[]): string {
  const unique = [...new Set(paragraphs)].sort((a, b) => a - b);
  return unique.map((n) => `¶${n}`).join(', ');
}

/** Typographic quotes around verbatim article text. */
export const quoted = (text: string) => `“${text}”`;

export const actorName = (article: Article, id: string) => article.actor(id)?.name ?? id;

export function sideName(article: Article, id: string | undefined): string {
  if (id === undefined) return 'Neither side';
  if (id === 'both') return 'Both sides';
  return article.side(id)?.name ?? id;
}

/** The first words of a paragraph, for menus and anchors. */
export function openingWords(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${cutUnits(text, cut > max / 2 ? cut : max - 1)}…`;
}

export const FORM_LABEL = {
  'direct-quote': 'direct quote',
  'quoted-phrase': 'paraphrase with a quoted phrase',
  paraphrase: 'paraphrase',
} as const;

/** Whose account an item is: an actor, or the article's own reporting when it names none. */
export const accountName = (article: Article, id: string | undefined) =>
  id === undefined ? 'the article' : actorName(article, id);

/** "<stance> — per <account>, <form> (¶n)": a position as /positions and /who show it. */
export const stanceWithSource = (article: Article, p: Position) =>
  `${p.stance} — per ${accountName(article, p.account)}, ${FORM_LABEL[p.form]} (${cite([p.cite])})`;

/** The byline-ish footer every article answer shares: which article of the library, and where from. */
export function sourceFooter(article: Article): string {
  return `${openingWords(article.model.headline, 60)} · ${outletLine(article)}`;
}

/** "Defense News · World Defense". */
export function outletLine(article: Article): string {
  const { outlet, section } = article.model;
  return [outlet, section].filter(Boolean).join(' · ');
}

/** The answer's title links to the original article when the model gives its address. */
export const sourceLink = (article: Article): { url?: string } =>
  article.model.url ? { url: article.model.url } : {};

export const topicName = (article: Article, id: string) => article.topic(id)?.name ?? id;
