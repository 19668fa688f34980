import { type Concept, concept } from './concept.js';
import type { AskEngine } from './engine.js';
import {
  COMPARE_WORDS,
  COUNTRIES,
  DATE_QUESTIONS,
  FILLER,
  LIGHT,
  NUMBER_QUESTIONS,
  RELATED,
  ROLE_WORDS,
  SAY_WORDS,
  STOPWORDS,
  SUMMARY_FILLER,
  SUMMARY_WORDS,
} from './lexicon.js';
import { askError } from './messages.js';
import { normalizeQuestion } from './normalize.js';
import { entityTerm, firstAt, splitWords, transpositions, type Word } from './terms.js';

export const MAX_QUESTION_LENGTH = 300;

/** The question as typed, trimmed; a UserError when it is empty or too long. */
export function validateQuestion(raw: string): string {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (question === '' || !/[\p{L}\p{N}]/u.test(question)) throw askError('empty-question');
  if (question.length > MAX_QUESTION_LENGTH)
    throw askError('question-too-long', { max: MAX_QUESTION_LENGTH, length: question.length });
  return question;
}

export type QuestionWord = 'who' | 'what' | 'which' | 'where' | 'when' | 'why' | 'how' | 'yes-no' | 'other';

export interface QuestionAnalysis {
  question: string;
  asks: QuestionWord;
  /** The answer must contain a date or a number ("when", "how many"). */
  wants?: 'date' | 'number';
  /** The question asks what someone said, wanted or stressed. */
  say: boolean;
  /** The question asks for a role or title. */
  role: boolean;
  /** The question only names actors ("Who is Chase?", "What is the Pentagon?"): a profile. */
  profile: boolean;
  concepts: Concept[];
  /** Actors the question names, by name or alias. */
  actors: string[];
  /** Of those, the ones named before the verb of saying: whose words are asked for. */
  speakers: string[];
  /** Capitalised names the article never mentions ("Japan", "Lloyd Austin"). */
  unknownNames: string[];
  /** Whose words are asked for when the article names them but reports nothing they said. */
  silentSpeakers: string[];
  /** The question asks for an account of the whole article ("tldr", "give me a summary"). */
  summary: boolean;
  /** The question asks to set the sides side by side ("compare", "differ", "vs"). */
  compare: boolean;
  corrections: { from: string; to: string }[];
}

const QUESTION_WORDS: Readonly<Record<string, QuestionWord>> = {
  who: 'who',
  whom: 'who',
  whose: 'who',
  what: 'what',
  which: 'which',
  where: 'where',
  when: 'when',
  why: 'why',
  how: 'how',
};
const AUXILIARIES = new Set(
  'is are was were did do does will would can could has have had should shall'.split(' '),
);

const WANTS: { words: string[]; wants: 'date' | 'number' }[] = [
  ...DATE_QUESTIONS.map((p) => ({ words: p.split(' '), wants: 'date' as const })),
  ...NUMBER_QUESTIONS.map((p) => ({ words: p.split(' '), wants: 'number' as const })),
].sort((a, b) => b.words.length - a.words.length);

/** The earliest "when" / "how many" expression: what it wants and which words it uses. */
function findWants(words: readonly Word[]): { wants: 'date' | 'number'; indexes: number[] } | undefined {
  for (let i = 0; i < words.length; i++) {
    const found = firstAt(WANTS, words, i);
    if (found) return { wants: found.wants, indexes: found.words.map((_, k) => i + k) };
  }
  return undefined;
}

function questionWord(words: readonly Word[]): QuestionWord {
  const first = words[0]?.lower ?? '';
  const asked = words.map((w) => QUESTION_WORDS[w.lower]).find((q) => q !== undefined);
  if (AUXILIARIES.has(first) && (asked === undefined || QUESTION_WORDS[first] === undefined)) {
    // "Did China…", "Is Taiwan…": a yes-no question unless a question word leads a clause.
    const firstQuestion = words.findIndex((w) => QUESTION_WORDS[w.lower] !== undefined);
    if (firstQuestion === -1 || firstQuestion > 2) return 'yes-no';
  }
  return asked ?? 'other';
}

const isCapitalised = (word: Word) => /^\p{Lu}/u.test(word.raw);

const COUNTRY_TERMS: ReadonlySet<string> = new Set(COUNTRIES.map((c) => c.country));

/** The state actor a capital's name stands for ("Washington" → the United States), if any. */
function governmentOf(engine: AskEngine, placeName: string): string | undefined {
  const terms = splitWords(placeName).flatMap((w) => engine.processTerm(w.lower));
  const country = terms.find((t) => COUNTRY_TERMS.has(t));
  return country === undefined || terms.length < 2 ? undefined : stateFor(engine, country);
}

/** The article's actor for a country's state, named by its name, an alias or a demonym. */
function stateFor(engine: AskEngine, country: string): string | undefined {
  return engine.model.actors.find(
    (a) =>
      a.kind === 'state' &&
      [a.name, ...a.aliases.map((x) => x.text)].some((n) =>
        splitWords(n).some((w) => engine.processTerm(w.lower).includes(country)),
      ),
  )?.id;
}

/**
 * Reads a question against one article: what kind of answer it wants, which actors it names
 * (aliases, parts of names, misspellings corrected against the article's own words), and the
 * concepts a passage must cover to answer it, each weighted by how rare it is in the article.
 */
export function analyzeQuestion(engine: AskEngine, question: string): QuestionAnalysis {
  // Swapped letters in a function word ("whta", "teh") are fixed before anything reads them.
  const original = splitWords(normalizeQuestion(question)).map((w) => {
    if (STOPWORDS.has(w.lower) || engine.isKnownWord(w.lower)) return w;
    const fixed = transpositions(w.lower).find((t) => STOPWORDS.has(t));
    return fixed ? { raw: fixed, lower: fixed } : w;
  });
  const wanted = findWants(original);
  const skip = new Set(wanted?.indexes ?? []);
  original.forEach((w, i) => {
    if (ROLE_WORDS.has(w.lower)) skip.add(i);
  });

  const corrections: { from: string; to: string }[] = [];
  const words = original.map((word, i) => {
    if (
      skip.has(i) ||
      STOPWORDS.has(word.lower) ||
      /^\d+$/.test(word.lower) ||
      engine.isKnownWord(word.lower)
    )
      return word;
    const to = engine.correct(word.lower);
    if (to === undefined) return word;
    corrections.push({ from: word.raw, to });
    return { raw: word.raw, lower: to };
  });

  const concepts: Concept[] = [];
  const byKey = new Map<string, Concept>();
  const addConcept = (label: string, groups: string[][], actor?: string) => {
    const terms = [...new Set(groups.flat())];
    if (terms.length === 0) return;
    const key = [...terms].sort().join(' ');
    if (byKey.has(key)) return;
    const present = terms.filter((t) => engine.hasTerm(t));
    const weight =
      present.length > 0 ? Math.max(...present.map((t) => engine.weightOf(t))) : engine.maxWeight;
    const made = concept(label, groups, weight, present.length > 0, actor);
    byKey.set(key, made);
    concepts.push(made);
  };

  // "Tell me about…" asks for an account, not for what somebody told.
  const isSay = (w: Word, i: number) =>
    SAY_WORDS.has(w.lower) && !(w.lower === 'tell' && ['me', 'us'].includes(original[i + 1]?.lower ?? ''));
  const firstSay = original.findIndex(isSay);
  const inName = new Set<number>();
  const actors: string[] = [];
  const speakers: string[] = [];
  const matches = engine.names.match(words).map((m) => {
    // "What did Washington say": a capital that speaks is its country's government.
    const actor = engine.actor(m.actor);
    if (firstSay === -1 || m.start > firstSay || actor?.kind !== 'place') return m;
    const state = governmentOf(engine, actor.name);
    return state ? { ...m, actor: state } : m;
  });
  for (const match of matches) {
    if (!actors.includes(match.actor)) actors.push(match.actor);
    if (match.start < firstSay && !speakers.includes(match.actor)) speakers.push(match.actor);
  }
  for (const match of matches) {
    if (inName.has(match.start)) continue;
    const span = words.slice(match.start, match.end);
    const sameSpan = matches
      .filter((m) => m.start === match.start && m.end === match.end)
      .map((m) => m.actor);
    for (let i = match.start; i < match.end; i++) inName.add(i);
    // Named by the actor's term, or by all the words of the name ("shop owners": shop + owner);
    // a one-word name's words may stand alone (a capital names its country too).
    const spanTerms = span.map((w) => engine.processTerm(w.lower)).filter((t) => t.length > 0);
    const wordGroups =
      span.length === 1 ? spanTerms.flat().map((t) => [t]) : [spanTerms.map((t) => t[0] ?? '')];
    addConcept(
      span.map((w) => w.raw).join(' '),
      [...sameSpan.map((a) => [entityTerm(a)]), ...wordGroups],
      match.actor,
    );
  }

  const unknownNames: string[] = [];
  let previousUnknown = -2;
  const silentSpeakers: string[] = [];
  const yesNo = questionWord(original) === 'yes-no';
  words.forEach((word, i) => {
    if (skip.has(i) || inName.has(i)) return;
    // Words that only say what kind of answer is wanted, or chat filler, carry no content.
    if (FILLER.has(word.lower) || COMPARE_WORDS.has(word.lower) || SUMMARY_WORDS.has(word.lower)) return;
    const terms = engine.processTerm(word.lower);
    if (terms.length === 0) return;
    // "Philippines said…": a country the article names no actor for has no words in it.
    if (i < firstSay && terms.some((t) => COUNTRY_TERMS.has(t) && stateFor(engine, t) === undefined))
      silentSpeakers.push(word.raw);
    // A word may also be read in a related sense ("stop" → "end", "keep" → "maintain").
    const senses = [...(RELATED[word.lower] ?? []), ...(yesNo ? (engine.yesNoSenses[word.lower] ?? []) : [])];
    const related = senses.flatMap(engine.processTerm).filter((t) => !terms.includes(t));
    const present = [...terms, ...related].some((t) => engine.hasTerm(t));
    if (!present && LIGHT.has(word.lower)) return;
    addConcept(
      word.raw,
      [...terms, ...related].map((t) => [t]),
    );
    const isFunctionWord = STOPWORDS.has(word.lower) || QUESTION_WORDS[word.lower] !== undefined;
    const absent = terms.length > 0 && !terms.some((t) => engine.hasTerm(t));
    // The first word is capitalised anyway ("Summarise…"): only later capitals mark a name.
    if (i > 0 && isCapitalised(word) && !isFunctionWord && absent) {
      if (previousUnknown === i - 1 && unknownNames.length > 0)
        unknownNames[unknownNames.length - 1] = `${unknownNames.at(-1)} ${word.raw}`;
      else unknownNames.push(word.raw);
      previousUnknown = i;
    }
  });

  // "Which president…", "What general…": a question for a person when it names a role the
  // article gives someone.
  const asked = questionWord(original);
  const namesRole = concepts.some(
    (c) => c.actor === undefined && c.terms.some((t) => engine.roleTerms.has(t)),
  );
  const asks = (asked === 'which' || asked === 'what') && namesRole ? 'who' : asked;

  const content = original.filter((w) => !SUMMARY_FILLER.has(w.lower) && !STOPWORDS.has(w.lower));
  const summary =
    (original.some((w) => SUMMARY_WORDS.has(w.lower)) && content.every((w) => SUMMARY_WORDS.has(w.lower))) ||
    (content.length === 0 && original.some((w) => w.lower === 'happened'));
  return {
    question,
    asks,
    summary,
    compare: original.some((w) => COMPARE_WORDS.has(w.lower)),
    silentSpeakers: speakers.length > 0 ? [] : silentSpeakers,
    ...(wanted ? { wants: wanted.wants } : {}),
    say: firstSay !== -1,
    role: original.some((w) => ROLE_WORDS.has(w.lower)),
    profile: concepts.length > 0 && concepts.every((c) => c.actor !== undefined),
    concepts,
    actors,
    speakers,
    unknownNames,
    corrections,
  };
}
