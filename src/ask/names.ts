import type { Actor } from '../article/schema.js';
import { STOPWORDS } from './lexicon.js';
import { splitWords, type Word } from './terms.js';

/** Where a name or alias of an actor occurs in a list of words: words [start, end). */
export interface NameMatch {
  actor: string;
  start: number;
  end: number;
}

interface Pattern {
  actor: string;
  words: string[];
}

/**
 * Finds the actors a text names, by name or alias ("Chase", "the general", "Beijing", "the
 * PRC"), longest match first, so "South China Sea" is the sea and not China. Built from the
 * article model: nothing about any one article is written here.
 */
export class NameMatcher {
  readonly #byFirstWord = new Map<string, Pattern[]>();

  constructor(actors: readonly Actor[]) {
    for (const actor of actors) {
      for (const name of [actor.name, ...actor.aliases.map((a) => a.text)]) {
        const words = splitWords(name).map((w) => w.lower);
        const first = words[0];
        // A name made only of function words ("the", "us") would match everywhere.
        if (first === undefined || words.every((w) => STOPWORDS.has(w))) continue;
        const list = this.#byFirstWord.get(first) ?? [];
        if (!list.some((p) => p.actor === actor.id && p.words.join(' ') === words.join(' ')))
          list.push({ actor: actor.id, words });
        this.#byFirstWord.set(first, list);
      }
    }
    for (const list of this.#byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Non-overlapping matches, left to right, each the longest name starting there. */
  match(words: readonly Word[]): NameMatch[] {
    const matches: NameMatch[] = [];
    for (let i = 0; i < words.length; ) {
      const candidates = this.#byFirstWord.get(words[i]?.lower ?? '') ?? [];
      let length = 0;
      for (const pattern of candidates) {
        if (length > 0 && pattern.words.length < length) break;
        if (pattern.words.every((w, k) => words[i + k]?.lower === w)) {
          length = pattern.words.length;
          matches.push({ actor: pattern.actor, start: i, end: i + length });
        }
      }
      i += Math.max(length, 1);
    }
    return matches;
  }
}
