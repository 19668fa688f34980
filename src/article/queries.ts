import MiniSearch from 'minisearch';
import type { Article } from './article.js';
import type { Actor, Topic } from './schema.js';

/** Folded for comparison; a leading article is dropped, so "the" alone names nobody. */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:the|a|an)(?: |$)/, '');

/** Every name an actor goes by: its name and its aliases. */
export const namesOf = (actor: Actor): string[] => [actor.name, ...actor.aliases.map((a) => a.text)];

/**
 * How well `query` names something called `names`: 4 exact, 3 prefix, 2 a word's prefix,
 * 1 substring, 0 no match. Case, accents and punctuation are ignored.
 */
export function nameScore(query: string, names: string[]): number {
  const q = fold(query);
  if (q === '') return 0;
  let best = 0;
  for (const raw of names) {
    const n = fold(raw);
    const score = n === q ? 4 : n.startsWith(q) ? 3 : ` ${n}`.includes(` ${q}`) ? 2 : n.includes(q) ? 1 : 0;
    best = Math.max(best, score);
  }
  return best;
}

/** Actors matching a name, alias or part of one, best first (stable by model order). */
export function findActors(article: Article, query: string): Actor[] {
  return rank(article.model.actors, (a) => nameScore(query, namesOf(a)));
}

export function findTopics(article: Article, query: string): Topic[] {
  return rank(article.model.topics, (t) => nameScore(query, [t.name, t.id, ...t.keywords]));
}

function rank<T>(items: T[], score: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}

/**
 * Close names for a query that matched nothing ("Chace" → Michael Chase): fuzzy search over
 * names and aliases. The index is built once per article.
 */
export function createNameSuggester(article: Article): (query: string, limit?: number) => Actor[] {
  const docs = article.model.actors.map((actor, i) => ({ id: i, names: namesOf(actor).join(' ') }));
  const index = new MiniSearch({ fields: ['names'], searchOptions: { fuzzy: 0.34, prefix: true } });
  index.addAll(docs);
  return (query, limit = 3) =>
    index
      .search(query)
      .slice(0, limit)
      .map((r) => article.model.actors[r.id as number])
      .filter((a): a is Actor => a !== undefined);
}
