import MiniSearch from 'minisearch';
import type { Actor, ArticleModel } from '../article/schema.js';
import type { Concept, TermSet } from './concept.js';
import { STOPWORDS } from './lexicon.js';
import { NameMatcher } from './names.js';
import { Postings } from './postings.js';
import { analyzeQuestion, type QuestionAnalysis } from './question.js';
import { locate, type Sentence } from './sentences.js';
import {
  entityTerm,
  LEXICON_WORDS,
  type ProcessTerm,
  splitWords,
  termProcessor,
  transpositions,
} from './terms.js';
import { buildUnits, type Unit, type UnitKind } from './units.js';

/**
 * A unit the search found, with the share of the question it covers. It is its own TermSet of
 * the terms it matched (a bitmask over the query's terms), and carries the answerer's ranking
 * fields, so a hit is one object however the answerer ranks it.
 */
export class Hit implements TermSet {
  /** The answerer's prior for the unit's kind and fit (answer.ts); 0 until ranked. */
  prior = 0;
  /** The answerer's rank; 0 until ranked. */
  rank = 0;

  constructor(
    readonly unit: Unit,
    /** Weighted share of the question's concepts the unit covers, 0–1. */
    readonly coverage: number,
    /** The same, not counting the sentences a model item rests on: what the item itself says. */
    readonly ownCoverage: number,
    /** BM25+ score (postings.ts). */
    readonly score: number,
    readonly mask: number,
    readonly bitOf: ReadonlyMap<string, number>,
  ) {}

  /** The query terms the unit matched. */
  get matched(): TermSet {
    return this;
  }

  has(term: string): boolean {
    return ((this.bitOf.get(term) ?? 0) & this.mask) !== 0;
  }
}

export interface SearchOptions {
  kinds?: ReadonlySet<UnitKind>;
  /** Only units resting on these paragraphs. */
  paragraphs?: ReadonlySet<number>;
  /** Terms that rank but do not count towards coverage. */
  boostTerms?: readonly string[];
}

const FIELDS = ['names', 'text', 'extra', 'context'] as const;
const BOOST = [2, 1, 0.6, 0.3];
/** Field bits of Postings hits: `extra` and `context` do not count as what a unit says. */
const EXTRA_BIT = 1 << FIELDS.indexOf('extra');
const CONTEXT_BIT = 1 << FIELDS.indexOf('context');

/**
 * Maximum edit distance when correcting a misspelt word of this length (0: don't). Short words
 * are only fixed for swapped letters: one edit turns "biased" into "based".
 */
const fuzziness = (length: number) => (length >= 10 ? 2 : length >= 5 ? 1 : 0);

/**
 * The /ask index of one article, built once (in the Article constructor): every sentence and
 * model item as a unit in a MiniSearch BM25 index whose tokenizer marks actor names and
 * aliases and whose processTerm stems and folds synonyms; plus a fuzzy vocabulary index that
 * corrects misspelt words in questions. Searching is pure and deterministic.
 */
export class AskEngine {
  readonly sentences: readonly Sentence[];
  readonly units: readonly Unit[];
  readonly names: NameMatcher;
  readonly #index: Postings;
  readonly #vocabulary: MiniSearch<{ id: number; word: string }>;
  readonly #words: ReadonlySet<string>;
  readonly #actors: ReadonlyMap<string, Actor>;
  /** The sentences each unit's verbatim evidence occurs in, by unit id. */
  readonly #located: Sentence[][] = [];
  /** Each unit's processed terms, by unit id. */
  readonly #unitTerms: ReadonlySet<string>[] = [];
  /** In how many units each processed term occurs. */
  readonly #documentFrequency = new Map<string, number>();
  readonly #maxWeight: number;
  readonly #roleTerms: ReadonlySet<string>;
  /** processTerm with this article's own synonym groups (its data's `ask.synonyms`). */
  readonly processTerm: ProcessTerm;
  /** Looser senses for yes/no questions from this article's data (`ask.yesNoSenses`). */
  readonly yesNoSenses: Readonly<Record<string, readonly string[]>>;
  /** Words of this article's own synonym groups (the spelling corrector leaves them alone). */
  readonly #hintWords: ReadonlySet<string>;

  constructor(readonly model: ArticleModel) {
    this.processTerm = termProcessor(model.ask?.synonyms ?? []);
    this.yesNoSenses = model.ask?.yesNoSenses ?? {};
    this.#hintWords = new Set((model.ask?.synonyms ?? []).flat());
    this.names = new NameMatcher(model.actors);
    this.#actors = new Map(model.actors.map((a) => [a.id, a]));
    const { sentences, units } = buildUnits(model);
    this.sentences = sentences;
    this.units = units;
    this.#carryPronouns();
    // A model item is also found by the words of the sentences it rests on ("…told the US").
    for (const unit of this.units) {
      const located = unit.evidence === undefined ? [] : locate(this.sentences, unit.evidence, unit.cites);
      this.#located.push(located);
      unit.context = located.map((s) => s.text).join(' ');
    }

    this.#index = new Postings(
      this.units.length,
      FIELDS.length,
      (u) => FIELDS.map((field) => this.tokenize(this.units[u]?.[field] ?? '')),
      this.processTerm,
    );

    const words = new Set<string>();
    for (const unit of this.units) {
      const terms = new Set<string>();
      for (const field of FIELDS) {
        for (const token of this.tokenize(unit[field])) {
          for (const term of this.processTerm(token)) terms.add(term);
        }
        for (const word of splitWords(unit[field])) {
          if (word.lower.length >= 3 && !STOPWORDS.has(word.lower) && !/^\d+$/.test(word.lower))
            words.add(word.lower);
        }
      }
      for (const term of terms)
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      this.#unitTerms.push(terms);
      for (const actor of this.#actorsIn(unit)) if (!unit.actors.includes(actor)) unit.actors.push(actor);
    }
    this.#words = words;
    this.#vocabulary = new MiniSearch({ fields: ['word'], tokenize: (w) => [w], processTerm: (w) => w });
    this.#vocabulary.addAll([...words].sort().map((word, id) => ({ id, word })));
    this.#maxWeight = this.weightOf(`\u0000absent`);
    this.#roleTerms = new Set(
      model.actors.flatMap((a) =>
        a.roles.flatMap((r) => splitWords(r.title).flatMap((w) => this.processTerm(w.lower))),
      ),
    );
  }

  /** Words and actor terms of a text: what the index stores (before processTerm). */
  tokenize(text: string): string[] {
    const words = splitWords(text);
    return [...words.map((w) => w.lower), ...this.names.match(words).map((m) => entityTerm(m.actor))];
  }

  /** Inverse document frequency of a processed term (BM25's form); absent terms weigh most. */
  weightOf(term: string): number {
    const n = this.units.length;
    const df = this.#documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  get maxWeight(): number {
    return this.#maxWeight;
  }

  actor(id: string): Actor | undefined {
    return this.#actors.get(id);
  }

  /** The sentences a unit's verbatim evidence occurs in (none for profiles, topics, notes). */
  located(unit: Unit): readonly Sentence[] {
    return this.#located[unit.id] ?? [];
  }

  /** The processed terms a unit was indexed with. */
  termsOf(unit: Unit): ReadonlySet<string> {
    return this.#unitTerms[unit.id] ?? new Set();
  }

  /** Processed terms of every role title in the model ("president", "general"). */
  get roleTerms(): ReadonlySet<string> {
    return this.#roleTerms;
  }

  /** Whether the article's text or model has this processed term. */
  hasTerm(term: string): boolean {
    return this.#documentFrequency.has(term);
  }

  /** Whether the spelling corrector should leave this folded word alone. */
  isKnownWord(lower: string): boolean {
    return (
      this.#words.has(lower) ||
      LEXICON_WORDS.has(lower) ||
      this.#hintWords.has(lower) ||
      this.processTerm(lower).every((t) => this.hasTerm(t))
    );
  }

  /** The article word closest to a misspelt one ("navigaton" → "navigation"), if any. */
  correct(lower: string): string | undefined {
    const swapped = transpositions(lower).find((w) => this.#words.has(w));
    if (swapped) return swapped;
    const maxDistance = fuzziness(lower.length);
    if (maxDistance === 0) return undefined;
    const [best] = this.#vocabulary.search(lower, { fuzzy: maxDistance, prefix: lower.length >= 5 });
    return best?.terms[0];
  }

  analyze(question: string): QuestionAnalysis {
    return analyzeQuestion(this, question);
  }

  /**
   * Units matching any of the concepts' terms, best BM25 first, each with its coverage of
   * the concepts. Deterministic: ties keep model order.
   */
  search(concepts: readonly Concept[], options: SearchOptions = {}): Hit[] {
    const terms = [...new Set([...concepts.flatMap((c) => c.terms), ...(options.boostTerms ?? [])])];
    if (terms.length === 0) return [];
    const total = concepts.reduce((sum, c) => sum + c.weight, 0);
    const keep = (id: number) => {
      const unit = this.units[id];
      if (!unit) return false;
      if (options.kinds && !options.kinds.has(unit.kind)) return false;
      return !options.paragraphs || unit.cites.some((n) => options.paragraphs?.has(n));
    };
    // Each concept's groups as bitmasks over `terms`, so coverage is a few integer tests.
    const bitOf = new Map(terms.slice(0, 31).map((t, i) => [t, 1 << i]));
    const groupMasks = concepts.map((c) =>
      c.groups.map((g) => g.reduce((mask, t) => (bitOf.has(t) ? mask | (bitOf.get(t) ?? 0) : -1), 0)),
    );
    const share = (mask: number) => {
      if (total <= 0) return 0;
      let sum = 0;
      for (let i = 0; i < concepts.length; i++) {
        for (const g of groupMasks[i] ?? []) {
          if (g !== -1 && (g & mask) === g) {
            sum += concepts[i]?.weight ?? 0;
            break;
          }
        }
      }
      return sum / total;
    };
    const hits: Hit[] = [];
    // Keywords and labels (`extra`) help find a unit but are not what it says: they rank, but
    // do not count as covering the question ("arms sales" is a topic keyword, not a fact).
    this.#index.search(terms, BOOST, keep, EXTRA_BIT, EXTRA_BIT | CONTEXT_BIT, (id, score, matched, own) => {
      const unit = this.units[id];
      if (unit) hits.push(new Hit(unit, share(matched), share(own), score, matched, bitOf));
    });
    return hits.sort((a, b) => b.score - a.score || a.unit.id - b.unit.id);
  }

  /** Actors a unit's text names (besides those its model item names). */
  #actorsIn(unit: Unit): string[] {
    const found: string[] = [];
    for (const field of ['names', 'text', 'extra'] as const) {
      for (const m of this.names.match(splitWords(unit[field])))
        if (!found.includes(m.actor)) found.push(m.actor);
    }
    return found;
  }

  /**
   * A sentence opening with "He" or "She" is about the person the sentence before it names:
   * that person's names are added to its `names` field so "What did Chase say…" finds it.
   */
  #carryPronouns(): void {
    const persons = new Set(this.model.actors.filter((a) => a.kind === 'person').map((a) => a.id));
    this.units.forEach((unit, i) => {
      if (unit.kind !== 'sentence' || !/^(?:He|She)\b/.test(unit.text)) return;
      const previous = this.units[i - 1];
      if (previous?.kind !== 'sentence' || previous.cites[0] !== unit.cites[0]) return;
      const named = this.names.match(splitWords(previous.text)).filter((m) => persons.has(m.actor));
      const ids = [...new Set(named.map((m) => m.actor))];
      if (ids.length !== 1) return;
      const actor = this.model.actors.find((a) => a.id === ids[0]);
      if (actor) unit.names = [actor.name, ...actor.aliases.map((a) => a.text)].join(' · ');
    });
  }
}
