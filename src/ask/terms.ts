import { stemmer } from 'stemmer';
import { foldTypography } from '../article/integrity.js';
import { COUNTRIES, IRREGULAR, PHRASES, SPELLING, STOPWORDS, SYNONYMS } from './lexicon.js';

/** One word of a text: as written (for capitals) and folded (lower case, no accents). */
export interface Word {
  raw: string;
  lower: string;
}

/** Entity terms ("@michael-chase") stand for an actor wherever a name or alias of it occurs. */
export const ENTITY_PREFIX = '@';
export const entityTerm = (actorId: string) => `${ENTITY_PREFIX}${actorId}`;
export const isEntityTerm = (term: string) => term.startsWith(ENTITY_PREFIX);

export const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
/** "U.S." → "US", "D.C." → "DC": initials read as one word. */
const INITIALS = /\b(?:\p{Lu}\.){2,}/gu;

const PHRASE_TABLE: { words: string[]; replacement: string[] }[] = PHRASES.map(([from, to]) => ({
  words: from.split(' '),
  replacement: to.split(' '),
})).sort((a, b) => b.words.length - a.words.length);

/**
 * The words of a text, possessives and contractions trimmed ("China's" → "China"), and a few
 * multi-word expressions read as one ("United States" → "america", "took place" → "location").
 * "US" in capitals (or "the us") is the country; a lower-case "us" is the pronoun.
 */
export function splitWords(text: string): Word[] {
  const prepared = foldTypography(text).replace(INITIALS, (m) => m.replaceAll('.', ''));
  const words: Word[] = [];
  for (const match of prepared.matchAll(WORD)) {
    const raw = match[0].split("'")[0] ?? match[0];
    if (raw === '') continue;
    const lower = fold(raw);
    const previous = words.at(-1)?.lower;
    const isCountryUs = raw === 'US' || (lower === 'us' && previous === 'the');
    words.push(isCountryUs ? { raw: 'US', lower: 'usa' } : { raw, lower });
  }
  return rewritePhrases(words);
}

/**
 * The first of `expressions` whose words open `words` at `i`. Plain loops, no closures: it runs
 * for every word of every question against every expression.
 */
export function firstAt<T extends { words: readonly string[] }>(
  expressions: readonly T[],
  words: readonly Word[],
  i: number,
): T | undefined {
  for (const expression of expressions) {
    let k = 0;
    while (k < expression.words.length && words[i + k]?.lower === expression.words[k]) k++;
    if (k === expression.words.length) return expression;
  }
  return undefined;
}

function rewritePhrases(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = firstAt(PHRASE_TABLE, words, i);
    if (phrase) {
      for (const r of phrase.replacement) out.push({ raw: r, lower: r });
      i += phrase.words.length;
    } else {
      const word = words[i];
      if (word) out.push(word);
      i += 1;
    }
  }
  return out;
}

const stem = (word: string) => stemmer(word);

interface SynonymMaps {
  ofWord: Map<string, string>;
  ofStem: Map<string, string>;
}

/**
 * Each synonym group's words (and their stems) mapped to the group's first word, stemmed; later
 * groups win. On top of `base` (copied, not changed), so an article's few groups do not re-stem
 * the whole general lexicon.
 */
function synonymMaps(groups: readonly (readonly string[])[], base?: SynonymMaps): SynonymMaps {
  const ofWord = new Map(base?.ofWord);
  const ofStem = new Map(base?.ofStem);
  for (const group of groups) {
    const canonical = stem(group[0] ?? '');
    for (const member of group) {
      ofWord.set(member, canonical);
      ofStem.set(stem(member), canonical);
    }
  }
  return { ofWord, ofStem };
}

const GENERAL = synonymMaps(SYNONYMS);

const COUNTRY_OF = new Map<string, string[]>();
for (const { country, forms, capitals } of COUNTRIES) {
  COUNTRY_OF.set(country, [country]);
  for (const form of forms) COUNTRY_OF.set(form, [country]);
  // A capital is both the city and, by metonymy, the country's government.
  for (const capital of capitals) COUNTRY_OF.set(capital, [capital, country]);
}

/** Every word the lexicon knows (so the spelling corrector leaves it alone). */
export const LEXICON_WORDS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  ...GENERAL.ofWord.keys(),
  ...COUNTRY_OF.keys(),
  ...Object.keys(IRREGULAR),
  ...Object.keys(SPELLING),
]);

/** A processTerm (below): what it does for every article, plus an article's own synonym groups. */
export type ProcessTerm = (term: string) => string[];

/**
 * MiniSearch's processTerm, at index and at query time: drops function words, maps spelling
 * variants, irregular forms, demonyms and synonyms to one form, and stems the rest (Porter).
 * Entity terms pass through. A capital yields the city and its country. `extra` synonym groups
 * (an article's own, from its data) are applied after the general ones.
 */
export function termProcessor(extra: readonly (readonly string[])[] = []): ProcessTerm {
  const { ofWord, ofStem } = extra.length === 0 ? GENERAL : synonymMaps(extra, GENERAL);
  return (term) => {
    if (isEntityTerm(term)) return [term];
    const country = COUNTRY_OF.get(term);
    if (country) return country;
    if (STOPWORDS.has(term)) return [];
    if (/^\d+$/.test(term)) return [term];
    const spelled = SPELLING[term] ?? term;
    const base = IRREGULAR[spelled] ?? spelled;
    const synonym = ofWord.get(base);
    if (synonym) return [synonym];
    const stemmed = stem(base);
    return [ofStem.get(stemmed) ?? stemmed];
  };
}

/** processTerm with general English only (for text that belongs to no one article). */
export const processTerm: ProcessTerm = termProcessor();
/** The word with two neighbouring letters swapped, every way ("whta" → "hwta", "wtha", "what"). */
export function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) out.push(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
  }
  return out;
}
