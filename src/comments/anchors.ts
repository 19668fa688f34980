/**
 * Anchors: what a comment is about. Keys are stable strings (`article`, `p:<n>`, `actor:<id>`,
 * `topic:<id>`, `position:<id>`) validated against the loaded Article; everything here is pure.
 */

import { openingWords } from '../answers/format.js';
import type { Article } from '../article/article.js';
import { nameScore, namesOf } from '../article/queries.js';
import { clip } from '../discord/limits.js';
import type { AnchorKey } from './domain.js';
import { commentError } from './messages.js';

export type Anchor =
  | { kind: 'article' }
  | { kind: 'paragraph'; n: number }
  | { kind: 'actor'; id: string }
  | { kind: 'topic'; id: string }
  | { kind: 'position'; id: string };

export const ARTICLE_ANCHOR: AnchorKey = 'article';

export function anchorKey(anchor: Anchor): AnchorKey {
  switch (anchor.kind) {
    case 'article':
      return ARTICLE_ANCHOR;
    case 'paragraph':
      return `p:${anchor.n}`;
    default:
      return `${anchor.kind}:${anchor.id}`;
  }
}

/** Parses a stored or autocompleted key; undefined when malformed or not in this article. */
export function parseAnchorKey(article: Article, key: string): Anchor | undefined {
  if (key === ARTICLE_ANCHOR) return { kind: 'article' };
  const match = /^(p|actor|topic|position):(.+)$/.exec(key);
  if (!match) return undefined;
  const [, kind, rest = ''] = match;
  switch (kind) {
    case 'p': {
      if (!/^\d{1,4}$/.test(rest)) return undefined;
      const n = Number(rest);
      return article.paragraph(n) ? { kind: 'paragraph', n } : undefined;
    }
    case 'actor':
      return article.actor(rest) ? { kind: 'actor', id: rest } : undefined;
    case 'topic':
      return article.topic(rest) ? { kind: 'topic', id: rest } : undefined;
    case 'position':
      return article.position(rest) ? { kind: 'position', id: rest } : undefined;
    default:
      return undefined;
  }
}

export interface AnchorDescription {
  /** "Whole article", "¶5", "Actor · Michael Chase", "Topic · Taiwan", "Position · China on Taiwan". */
  label: string;
  /** The anchored paragraph's opening words or the position's stance, when there is one. */
  excerpt?: string;
}

/** "michael-chase" → "Michael Chase": the best name left when the article is not served any more. */
const fromSlug = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const KIND_LABEL: Record<string, string> = { actor: 'Actor', topic: 'Topic', position: 'Position' };

/** An anchor of an article the library no longer serves: named from its key alone. */
function describeDetached(key: AnchorKey): AnchorDescription {
  if (key === ARTICLE_ANCHOR) return { label: 'Whole article' };
  const match = /^(p|actor|topic|position):(.+)$/.exec(key);
  const [, kind = '', rest = ''] = match ?? [];
  if (kind === 'p') return { label: `¶${rest}` };
  const label = KIND_LABEL[kind];
  return label ? { label: `${label} · ${fromSlug(rest)}` } : { label: 'Part of the article' };
}

/**
 * How an anchor is shown everywhere (cards, lists, export), always by name: from the comment's own
 * article, or from the key when that article is no longer served.
 */
export function describeAnchor(
  article: Article | undefined,
  key: AnchorKey,
  excerptMax = 60,
): AnchorDescription {
  if (!article) return describeDetached(key);
  const anchor = parseAnchorKey(article, key);
  if (!anchor) return describeDetached(key);
  switch (anchor.kind) {
    case 'article':
      return { label: 'Whole article' };
    case 'paragraph': {
      const text = article.paragraph(anchor.n)?.text ?? '';
      return { label: `¶${anchor.n}`, excerpt: openingWords(text, excerptMax) };
    }
    case 'actor':
      return { label: `Actor · ${article.actor(anchor.id)?.name ?? anchor.id}` };
    case 'topic':
      return { label: `Topic · ${article.topic(anchor.id)?.name ?? anchor.id}` };
    case 'position': {
      const p = article.position(anchor.id);
      if (!p) return describeDetached(key);
      const holder = article.actor(p.holder)?.name ?? p.holder;
      const topic = article.topic(p.topic)?.name ?? p.topic;
      return { label: `Position · ${holder} on ${topic}`, excerpt: openingWords(p.stance, excerptMax) };
    }
  }
}

/** One line: `¶5 — “In response, the US stressed…”`. */
export function anchorLine(article: Article | undefined, key: AnchorKey, excerptMax = 60): string {
  const { label, excerpt } = describeAnchor(article, key, excerptMax);
  return excerpt ? `${label} — “${excerpt}”` : label;
}

interface Candidate {
  key: AnchorKey;
  /** The autocomplete name: label plus excerpt. */
  name: string;
  /** Names a member may type for it. */
  names: string[];
  /** Kind order for ties and for the empty query. */
  rank: number;
  /** Extra text matched as a weak (substring) hit: paragraph text, position stance. */
  body: string;
}

function candidates(article: Article): Candidate[] {
  const m = article.model;
  const out: Candidate[] = [
    {
      key: ARTICLE_ANCHOR,
      name: 'Whole article',
      names: ['article', 'whole article', 'the article', m.headline],
      rank: 0,
      body: '',
    },
  ];
  for (const p of m.paragraphs) {
    out.push({
      key: anchorKey({ kind: 'paragraph', n: p.n }),
      name: `¶${p.n} · ${openingWords(p.text, 60)}`,
      names: [`¶${p.n}`, `p${p.n}`, String(p.n)],
      rank: 1,
      body: p.text,
    });
  }
  for (const t of m.topics) {
    out.push({
      key: anchorKey({ kind: 'topic', id: t.id }),
      name: `Topic · ${t.name}`,
      names: [t.name, t.id],
      rank: 2,
      body: t.keywords.join(' '),
    });
  }
  for (const a of m.actors) {
    out.push({
      key: anchorKey({ kind: 'actor', id: a.id }),
      name: `Actor · ${a.name}`,
      names: [...namesOf(a), a.id],
      rank: 3,
      body: '',
    });
  }
  for (const p of m.positions) {
    const { label } = describeAnchor(article, `position:${p.id}`);
    out.push({
      key: anchorKey({ kind: 'position', id: p.id }),
      name: `${label}: ${p.stance}`,
      names: [label.replace(/^Position · /, ''), p.id],
      rank: 4,
      body: p.stance,
    });
  }
  return out;
}

/** "Topic · Taiwan" or "topic: taiwan" → { kind: 'topic', rest: 'taiwan' }. */
const KIND_RANK: Record<string, number> = { topic: 2, actor: 3, position: 4 };

function splitKindPrefix(raw: string): { rank?: number; rest: string } {
  const match = /^(actor|topic|position)(?:\s*[·:\-–]\s*|\s+)(.+)$/i.exec(raw);
  const rank = KIND_RANK[(match?.[1] ?? '').toLowerCase()];
  return match?.[2] && rank !== undefined ? { rank, rest: match[2] } : { rest: raw };
}

function score(c: Candidate, query: string): number {
  const named = nameScore(query, c.names);
  if (named > 0) return named;
  return nameScore(query, [c.body]) > 0 ? 0.5 : 0;
}

/** Best matches for a query, best first (kind order among equals). */
function rankCandidates(article: Article, query: string): { c: Candidate; score: number }[] {
  const all = candidates(article);
  const q = query.trim();
  if (q === '') return all.map((c) => ({ c, score: 0 }));
  const paragraph = paragraphNumber(q);
  const { rank, rest } = splitKindPrefix(q);
  return all
    .map((c, index) => {
      let s = rank === undefined || rank === c.rank ? score(c, rest) : 0;
      if (paragraph !== undefined && c.key === `p:${paragraph}`) s = 5;
      if (c.key === q) s = 6;
      return { c, score: s, index };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.c.rank - b.c.rank || a.index - b.index);
}

/** "¶5", "5", "p5", "p:5", "para 5", "paragraph 5" → 5. */
function paragraphNumber(raw: string): number | undefined {
  const match = /^(?:¶|p|para|paragraph)?\s*:?\s*(\d{1,4})$/i.exec(raw.trim());
  return match ? Number(match[1]) : undefined;
}

/** Autocomplete suggestions for an `on` option (value = anchor key). */
export function anchorChoices(
  article: Article,
  query: string,
  limit = 25,
): { name: string; value: string }[] {
  return rankCandidates(article, query)
    .slice(0, limit)
    .map(({ c }) => ({ name: clip(c.name, 100), value: c.key }));
}

/**
 * Resolves what a member typed or picked into an anchor key. Accepts keys, "¶5"/"5"/"p5",
 * actor names and aliases, topic names, "Topic · Taiwan". Throws a UserError with suggestions.
 */
export function resolveAnchor(article: Article, raw: string): AnchorKey {
  const q = raw.trim();
  if (parseAnchorKey(article, q)) return q;
  const paragraph = paragraphNumber(q);
  if (paragraph !== undefined) {
    if (article.paragraph(paragraph)) return `p:${paragraph}`;
    throw commentError('unknown-anchor', { count: article.paragraphCount, paragraph });
  }
  const ranked = rankCandidates(article, q);
  const best = ranked[0];
  // A word's prefix or better; a mere substring is a suggestion, not an answer.
  if (best && best.score >= 2) return best.c.key;
  const suggestions = ranked.slice(0, 5).map((x) => x.c.name);
  for (const actor of article.suggestActors(q, 3)) {
    const name = `Actor · ${actor.name}`;
    if (!suggestions.includes(name)) suggestions.push(name);
  }
  const shown = clip(q.replace(/[`*_~|>]/g, ''), 80);
  throw commentError('unknown-anchor', { count: article.paragraphCount, shown, suggestions });
}

/** Every anchor key of the article, in display order (export grouping, tests). */
export function allAnchorKeys(article: Article): AnchorKey[] {
  return candidates(article).map((c) => c.key);
}

/** Display order of an anchor key (unknown keys last). */
export function anchorOrder(article: Article): (key: AnchorKey) => number {
  const order = new Map(allAnchorKeys(article).map((k, i) => [k, i]));
  return (key) => order.get(key) ?? Number.MAX_SAFE_INTEGER;
}
