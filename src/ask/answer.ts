import type { Actor, ArticleModel } from '../article/schema.js';
import { type Concept, concept, isCovered } from './concept.js';
import type { AskEngine, Hit } from './engine.js';
import { DATE_PATTERN, NUMBER_PATTERN, REASON_CUES, ROLE_WORDS, SAY_WORDS, STOPWORDS } from './lexicon.js';
import { type QuestionAnalysis, validateQuestion } from './question.js';
import type { Sentence } from './sentences.js';
import { entityTerm, fold, processTerm, splitWords } from './terms.js';
import type { Unit, UnitKind } from './units.js';

/**
 * Share of the question's weighted concepts one unit must cover for the article to count as
 * answering it. Tuned on test/ask/eval-set.ts, not per question: `npm run eval` sweeps it, and
 * every value from 0.6 to 1 scores the whole set (below 0.6 an unanswerable question gets
 * through); 0.8 sits mid-plateau, on the side of declining.
 */
export const ANSWER_THRESHOLD = 0.8;
/** Other units within this much of the best one's ranking score join the answer. */
const MARGIN = 0.08;
const MAX_LINES = 3;
const MAX_EVIDENCE = 3;
const MAX_POINTERS = 3;
/** How much the kind of unit a question asks for, and BM25, count next to coverage. */
const PRIOR_WEIGHT = 0.2;
const SCORE_WEIGHT = 0.08;

/** A line of the direct answer: about `subject`, in `attribution`'s account, citing `cites`. */
export interface DirectLine {
  subject?: string;
  /** Whose account it is when that is not the subject's own words or the article's narration. */
  attribution?: string;
  text: string;
  cites: number[];
}

/** A note from the model worth showing with the answer (an inconsistency, an omission). */
export interface NoteLine {
  text: string;
  cites: number[];
}

/** Something the article does cover, offered when it does not answer the question. */
export interface CoverItem {
  name: string;
  cites: number[];
}

export type DeclineReason = 'unknown-name' | 'no-statement' | 'no-date' | 'no-number' | 'not-covered';

export type AskResult =
  | {
      kind: 'answer';
      question: string;
      /** Coverage of the best unit, 0–1. */
      confidence: number;
      /** Said first for a yes/no question the article answers only in its own words. */
      lead?: string;
      /** Parts of a two-part question the article does not answer. */
      unanswered?: string[];
      lines: DirectLine[];
      /** Verbatim sentences of the article, each with its ¶. */
      evidence: Sentence[];
      notes: NoteLine[];
      /** Related commands ("/who name:Michael Chase"). */
      more: string[];
    }
  | {
      kind: 'decline';
      question: string;
      confidence: number;
      reason: DeclineReason;
      unknownNames: string[];
      /** Whose words were asked for, when the article reports none of theirs on this. */
      silent?: string[];
      notes: NoteLine[];
      covers: CoverItem[];
    };

export interface AskOptions {
  /** Overrides ANSWER_THRESHOLD (for tuning it on the evaluation set). */
  threshold?: number;
}

/**
 * Answers a question from the article alone: a direct answer from the model where it holds
 * one, the verbatim sentences that support it, and related commands — or a plain decline with
 * what the article does cover. Pure and deterministic; throws UserError for an empty or
 * over-long question.
 */
export function answerQuestion(engine: AskEngine, rawQuestion: string, options: AskOptions = {}): AskResult {
  const question = validateQuestion(rawQuestion);
  const parts = splitQuestion(engine, question);
  if (parts.length < 2) return answerPart(engine, question, options);
  const results = parts.map((part) => answerPart(engine, part, options));
  return mergeParts(question, results);
}

function answerPart(
  engine: AskEngine,
  question: string,
  { threshold = ANSWER_THRESHOLD }: AskOptions = {},
): AskResult {
  const analysis = engine.analyze(question);
  const { concepts } = analysis;

  const decline = (
    reason: DeclineReason,
    confidence: number,
    hits: readonly Hit[],
    silent: string[] = [],
  ): AskResult => ({
    kind: 'decline',
    question,
    confidence,
    reason,
    unknownNames: analysis.unknownNames,
    ...(silent.length > 0 ? { silent } : {}),
    notes: omissionNotes(engine, analysis),
    covers: coverItems(engine, analysis, hits),
  });

  if (analysis.summary) return summaryAnswer(engine.model, question);
  if (analysis.silentSpeakers.length > 0 && analysis.unknownNames.length === 0)
    return decline('no-statement', 0, [], analysis.silentSpeakers);
  if (analysis.compare) {
    const compared = compareAnswer(engine, analysis);
    if (compared) return compared;
  }
  if (concepts.length === 0) return decline('not-covered', 0, []);
  const boostTerms = analysis.asks === 'why' || analysis.asks === 'how' ? reasonCues : [];
  const hits = engine.search(concepts, { kinds: ANSWER_KINDS, boostTerms });
  if (analysis.unknownNames.length > 0) return decline('unknown-name', 0, hits);

  const maxScore = hits.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  // Each hit is ranked in place: one object per unit found, however it is ranked.
  for (const h of hits) {
    h.prior = prior(engine, h.unit, analysis);
    h.rank = h.coverage + PRIOR_WEIGHT * h.prior + SCORE_WEIGHT * (h.score / maxScore);
  }
  const ranked = hits.sort((a, b) => b.rank - a.rank || a.unit.id - b.unit.id);

  // An answer must be about every actor the question names, and cover most of the rest.

  const named = concepts.filter((c) => c.actor !== undefined);
  const covering = ranked.filter(
    (h) => h.coverage >= threshold && named.every((c) => isCovered(c, h.matched)),
  );
  const eligible = analysis.wants
    ? covering.filter((h) =>
        hasWanted(engine, h.unit, analysis.wants === 'date' ? DATE_PATTERN : NUMBER_PATTERN),
      )
    : covering;
  const best = eligible[0];
  const confidence = ranked.reduce((m, h) => Math.max(m, h.coverage), 0);
  if (!best) {
    const reason =
      covering.length > 0 && analysis.wants
        ? analysis.wants === 'date'
          ? 'no-date'
          : 'no-number'
        : 'not-covered';
    return decline(reason, confidence, ranked);
  }

  const chosen = eligible.filter((h) => h.rank >= best.rank - MARGIN);
  const lines: DirectLine[] = [];
  const evidence: Sentence[] = [];
  const lineUnits: Unit[] = [];
  let firstPrior = 0;
  const addEvidence = (sentences: Sentence[]) => {
    for (const s of sentences) {
      if (evidence.length >= MAX_EVIDENCE) return;
      if (!evidence.includes(s)) evidence.push(s);
    }
  };
  for (const hit of chosen) {
    const unit = hit.unit;
    if (unit.kind === 'sentence') {
      const sentence = engine.sentences[unit.ref];
      if (sentence) addEvidence([sentence]);
      continue;
    }
    // Further model items join only if they suit the question as well as the first does, say
    // what is asked themselves (or are about whom it names), and rest on sentences not shown.
    const first = lineUnits[0];
    if (first) {
      if (lineUnits.length >= MAX_LINES || hit.prior < firstPrior) continue;
      if (hit.ownCoverage < threshold && !isAboutNamed(engine, unit, analysis)) continue;
      // Besides statements, only the profile of someone the first item names may join
      // (the talks' event, then Washington where they were held).
      const named = unit.kind === 'actor' && first.actors.includes(engine.model.actors[unit.ref]?.id ?? '');
      if (!(isStatement(engine, first) && isStatement(engine, unit)) && !named) continue;
    }
    const support = supportFor(engine, unit, concepts, ranked);
    if (lineUnits.length > 0 && support.every((s) => evidence.includes(s))) continue;
    if (lineUnits.length === 0) firstPrior = hit.prior;
    lineUnits.push(unit);
    lines.push(...directLines(engine.model, unit, analysis));
    addEvidence(support);
  }
  if (evidence.length === 0) addEvidence(supportFor(engine, best.unit, concepts, ranked));

  // Asked what someone said, and the article reports nothing they said on it: that is a
  // decline, not an answer about something else.
  const silent = silentSpeakers(engine, analysis, lineUnits, evidence);
  if (silent.length > 0) return decline('no-statement', confidence, ranked, silent);
  const lead =
    analysis.asks === 'yes-no' ? "The article doesn't say yes or no in those words; it says:" : undefined;
  return {
    kind: 'answer',
    question,
    confidence: best.coverage,
    ...(lead ? { lead } : {}),
    lines,
    evidence: [...evidence].sort((a, b) => a.paragraph - b.paragraph || a.index - b.index),
    notes: answerNotes(engine, lineUnits),
    more: pointers(engine.model, lineUnits, evidence, analysis),
  };
}

const ANSWER_KINDS: ReadonlySet<UnitKind> = new Set([
  'sentence',
  'actor',
  'action',
  'position',
  'quote',
  'event',
  'topic',
]);
const reasonCues = REASON_CUES.flatMap(processTerm);

/** Something somebody said or holds: a position, a quote, or an action of kind "said". */
function isStatement(engine: AskEngine, unit: Unit): boolean {
  if (unit.kind === 'position' || unit.kind === 'quote') return true;
  return unit.kind === 'action' && engine.model.actors[unit.ref]?.actions[unit.sub]?.kind === 'said';
}

/** Whose account a position or quote is in, when the model names one. */
function accountOf(model: ArticleModel, unit: Unit): string | undefined {
  if (unit.kind === 'position') return model.positions[unit.ref]?.account;
  if (unit.kind === 'quote') return model.quotes[unit.ref]?.account;
  return undefined;
}

/** The actor a unit is about: a profile's or action's actor, a position's holder, a quote's speaker. */
function subjectOf(model: ArticleModel, unit: Unit): string | undefined {
  if (unit.kind === 'actor' || unit.kind === 'action') return model.actors[unit.ref]?.id;
  if (unit.kind === 'position') return model.positions[unit.ref]?.holder;
  if (unit.kind === 'quote') return model.quotes[unit.ref]?.speaker;
  return undefined;
}

/**
 * "What did Xi say?" when the article reports nothing Xi said: the names of those whose words
 * were asked for and are not in the answer (none when the answer has them). A state speaks
 * through actors on its side.
 */
function silentSpeakers(
  engine: AskEngine,
  analysis: QuestionAnalysis,
  units: readonly Unit[],
  evidence: readonly Sentence[],
): string[] {
  const { model } = engine;
  const speakers = analysis.speakers.map((id) => engine.actor(id)).filter((a): a is Actor => a !== undefined);
  if (!analysis.say || speakers.length === 0) return [];
  const speaksFor = (speaker: Actor, id: string | undefined) => {
    if (id === speaker.id) return true;
    const subject = id === undefined ? undefined : engine.actor(id);
    return speaker.kind === 'state' && speaker.side !== undefined && subject?.side === speaker.side;
  };
  // The verb asked about when it has content ("agree"): an item with it says what was asked.
  const verbs = splitWords(analysis.question)
    .filter((w) => SAY_WORDS.has(w.lower))
    .flatMap((w) => engine.processTerm(w.lower));
  const spoke =
    units.some((u) =>
      speakers.some(
        (s) =>
          (isStatement(engine, u) && (speaksFor(s, subjectOf(model, u)) || accountOf(model, u) === s.id)) ||
          (subjectOf(model, u) === s.id && verbs.some((t) => engine.termsOf(u).has(t))),
      ),
    ) ||
    // A quoted sentence whose subject says something ("In response, the US stressed…").
    evidence.some((sentence) => {
      const words = splitWords(sentence.text);
      const verb = words.findIndex((w) => SAY_WORDS.has(w.lower));
      if (verb === -1) return false;
      const named = engine.names.match(words.slice(0, verb)).map((m) => m.actor);
      return speakers.some((s) => named.some((id) => speaksFor(s, id)));
    });
  return spoke ? [] : speakers.map((s) => s.name);
}

/**
 * Whether the unit is about an actor the question names, or is a statement by someone on the
 * side of a state whose words the question asks for ("What is the US position…" → Chase).
 */
function isAboutNamed(engine: AskEngine, unit: Unit, analysis: QuestionAnalysis): boolean {
  const { model } = engine;
  const subject = subjectOf(model, unit);
  if (subject === undefined) return false;
  if (analysis.actors.includes(subject)) return true;
  const side = engine.actor(subject)?.side;
  return (
    side !== undefined &&
    isStatement(engine, unit) &&
    analysis.speakers.some((id) => {
      const speaker = engine.actor(id);
      return speaker?.kind === 'state' && speaker.side === side;
    })
  );
}

/** How well a unit suits the kind of question (0–2): its kind, and whether it is about whom the question names. */
function prior(engine: AskEngine, unit: Unit, analysis: QuestionAnalysis): number {
  return (isAboutNamed(engine, unit, analysis) ? 0.5 : 0) + kindPrior(engine, unit, analysis);
}

function kindPrior(engine: AskEngine, unit: Unit, analysis: QuestionAnalysis): number {
  const model = engine.model;
  const actor = unit.kind === 'actor' || unit.kind === 'action' ? model.actors[unit.ref] : undefined;
  const statement = isStatement(engine, unit);
  if (analysis.role) return unit.kind === 'actor' ? 1 : 0;
  if (analysis.profile && !analysis.say) return unit.kind === 'actor' ? 1 : 0.3;
  if (analysis.asks === 'where') {
    if (unit.kind === 'event' && model.events[unit.ref]?.place) return 1;
    if (unit.kind === 'actor' && actor?.kind === 'place') return 1;
    return unit.kind === 'sentence' ? 0.5 : 0;
  }
  if (analysis.asks === 'who') {
    // "Who led…", "Who agreed…", "Who said…": a profile or a statement names the person.
    if (unit.kind === 'actor' || statement) return 1;
    return unit.kind === 'action' || unit.kind === 'event' ? 0.5 : 0.3;
  }
  if (analysis.say || analysis.asks === 'yes-no') return statement ? 1 : unit.kind === 'sentence' ? 0.5 : 0.2;
  if (analysis.asks === 'why' || analysis.asks === 'how') {
    return unit.kind === 'sentence' || unit.kind === 'event' || unit.kind === 'position' ? 0.7 : 0.3;
  }
  return unit.kind === 'topic' || unit.kind === 'actor' ? 0.3 : 0.6;
}

/** Whether the unit's verbatim support has a date or a number (for "when" and "how many"). */
function hasWanted(engine: AskEngine, unit: Unit, pattern: RegExp): boolean {
  if (unit.kind === 'sentence') return pattern.test(unit.text);
  if (unit.kind === 'event' && pattern === DATE_PATTERN && engine.model.events[unit.ref]?.date) return true;
  return unit.evidence !== undefined && pattern.test(unit.evidence);
}

/**
 * Sentences that best support a profile, event or topic answer: among the search's sentence
 * hits in the paragraphs the unit and the actors it names rest on, the one covering most of
 * the question (then naming the unit's actors), and one that covers what it leaves out.
 */
function relevantSentences(
  engine: AskEngine,
  unit: Unit,
  concepts: readonly Concept[],
  hits: readonly Hit[],
): Sentence[] {
  const paragraphs = new Set(unit.cites);
  for (const id of unit.actors) {
    for (const n of engine.actor(id)?.mentions ?? []) paragraphs.add(n);
  }
  const actorTerms = unit.actors.map(entityTerm);
  const candidates = hits
    .filter((h) => h.unit.kind === 'sentence' && h.unit.cites.some((n) => paragraphs.has(n)))
    .map((hit) => ({ hit, naming: actorTerms.filter((t) => engine.termsOf(hit.unit).has(t)).length }))
    .sort(
      (a, b) =>
        b.hit.coverage - a.hit.coverage ||
        b.naming - a.naming ||
        b.hit.score - a.hit.score ||
        a.hit.unit.id - b.hit.unit.id,
    )
    .map((c) => c.hit);
  const first = candidates[0];
  if (!first) return [];
  const missing = concepts.filter((c) => !isCovered(c, first.matched));
  const gain = (hit: Hit) =>
    missing.reduce((sum, c) => (isCovered(c, hit.matched) ? sum + c.weight : sum), 0);
  const second = candidates
    .slice(1)
    .reduce<Hit | undefined>((best, h) => (gain(h) > (best ? gain(best) : 0) ? h : best), undefined);
  return [first, ...(second ? [second] : [])].flatMap((h) => engine.sentences[h.unit.ref] ?? []);
}

/** The verbatim sentences a unit rests on, most relevant first. */
function supportFor(
  engine: AskEngine,
  unit: Unit,
  concepts: readonly Concept[],
  hits: readonly Hit[],
): Sentence[] {
  if (unit.kind === 'sentence')
    return engine.sentences[unit.ref] ? [engine.sentences[unit.ref] as Sentence] : [];
  const located = engine.located(unit);
  if (isStatement(engine, unit) && located.length > 0) return located.slice(0, 2);
  const relevant = relevantSentences(engine, unit, concepts, hits);
  return relevant.length > 0 ? relevant : located.slice(0, 1);
}

/** "the Pentagon", "Michael Chase": an actor's name as it reads after "according to". */
export function nameInProse(actor: Actor): string {
  if (actor.kind === 'person' || actor.kind === 'place') return actor.name;
  if (/^(?:the|both|all|each)\b/i.test(actor.name)) return actor.name;
  if (actor.kind === 'state' && !/\s/.test(actor.name)) return actor.name;
  return `the ${actor.name}`;
}

/** Whose account a statement is in, unless it is the subject's own or the article's own reporting. */
function attributionOf(
  model: ArticleModel,
  subject: string,
  account: string | undefined,
): string | undefined {
  if (account === undefined || account === subject) return undefined;
  const actor = model.actors.find((a) => a.id === account);
  if (!actor) return undefined;
  return `according to ${nameInProse(actor)}`;
}

function directLines(model: ArticleModel, unit: Unit, analysis: QuestionAnalysis): DirectLine[] {
  const actorName = (id: string) => model.actors.find((a) => a.id === id)?.name ?? id;
  switch (unit.kind) {
    case 'actor': {
      const actor = model.actors[unit.ref];
      if (!actor) return [];
      const roles = actor.roles.map((r) => ({ subject: actor.name, text: r.title, cites: [r.cite] }));
      const description = { subject: actor.name, text: actor.description, cites: actor.mentions };
      return analysis.role && roles.length > 0
        ? [...roles, description]
        : [...roles.slice(0, 2), description];
    }
    case 'action': {
      const actor = model.actors[unit.ref];
      const action = actor?.actions[unit.sub];
      return actor && action ? [{ subject: actor.name, text: action.text, cites: [action.cite] }] : [];
    }
    case 'position': {
      const p = model.positions[unit.ref];
      if (!p) return [];
      const attribution = attributionOf(model, p.holder, p.account);
      return [
        {
          subject: actorName(p.holder),
          ...(attribution ? { attribution } : {}),
          text: p.stance,
          cites: [p.cite],
        },
      ];
    }
    case 'quote': {
      const q = model.quotes[unit.ref];
      if (!q) return [];
      const attribution = attributionOf(model, q.speaker, q.account);
      return [
        {
          subject: actorName(q.speaker),
          ...(attribution ? { attribution } : {}),
          text: `“${q.text}” — ${q.context}`,
          cites: [q.cite],
        },
      ];
    }
    case 'event': {
      const e = model.events[unit.ref];
      if (!e) return [];
      const place = e.place && analysis.asks === 'where' ? `Place: ${actorName(e.place)}. ` : '';
      return [{ subject: e.name, text: `${place}${e.description}`, cites: e.cites }];
    }
    case 'topic': {
      const t = model.topics[unit.ref];
      return t ? [{ subject: t.name, text: t.line, cites: t.cites }] : [];
    }
    default:
      return [];
  }
}

/** Inconsistency notes about an actor whose profile is part of the answer. */
function answerNotes(engine: AskEngine, units: readonly Unit[]): NoteLine[] {
  const profiled = new Set(
    units.filter((u) => u.kind === 'actor').flatMap((u) => engine.model.actors[u.ref]?.id ?? []),
  );
  if (profiled.size === 0) return [];
  return engine.units
    .filter((u) => u.kind === 'note' && u.actors.some((a) => profiled.has(a)))
    .flatMap((u) => engine.model.notes[u.ref] ?? [])
    .filter((n) => n.kind === 'inconsistency')
    .map((n) => ({ text: n.text, cites: n.cites }));
}

/** Omission notes that speak to a question the article does not answer. */
function omissionNotes(engine: AskEngine, analysis: QuestionAnalysis): NoteLine[] {
  const cue =
    analysis.wants === 'date' ? ['date'] : analysis.wants === 'number' ? ['number', 'figure', 'detail'] : [];
  const cueConcepts = cue.map((w) =>
    concept(
      w,
      engine.processTerm(w).map((t) => [t]),
      1,
      true,
    ),
  );
  const hits = engine.search([...analysis.concepts, ...cueConcepts], { kinds: new Set(['note']) });
  const best = hits
    .filter((h) => engine.model.notes[h.unit.ref]?.kind === 'omission' && h.coverage >= 0.5)
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0];
  const note = best ? engine.model.notes[best.unit.ref] : undefined;
  return note ? [{ text: note.text, cites: note.cites }] : [];
}

/** The closest topics and actors the article does cover, for a declined question. */
function coverItems(engine: AskEngine, analysis: QuestionAnalysis, hits: readonly Hit[]): CoverItem[] {
  const { model } = engine;
  const items: CoverItem[] = [];
  const seen = new Set<string>();
  const addItem = (name: string, cites: number[]) => {
    if (seen.has(name)) return;
    seen.add(name);
    items.push({ name, cites });
  };
  const addActor = (id: string) => {
    const actor = model.actors.find((a) => a.id === id);
    if (actor) addItem(actor.name, actor.mentions);
  };
  const addTopic = (id: string) => {
    const topic = model.topics.find((t) => t.id === id);
    if (topic) addItem(topic.name, topic.cites);
  };
  for (const id of analysis.actors) addActor(id);
  const ordered = [...hits]
    .filter((h) => h.coverage > 0)
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  for (const hit of ordered) {
    if (items.length >= 3) break;
    for (const id of hit.unit.topics) addTopic(id);
    if (hit.unit.kind === 'topic') addTopic(model.topics[hit.unit.ref]?.id ?? '');
    if (hit.unit.kind === 'actor') addActor(model.actors[hit.unit.ref]?.id ?? '');
  }
  for (const topic of model.topics) {
    if (items.length >= 3) break;
    addTopic(topic.id);
  }
  return items.slice(0, 3);
}

/** Related commands: /who for the actors in the answer, /positions for its topic, /quotes. */
function pointers(
  model: ArticleModel,
  units: readonly Unit[],
  evidence: readonly Sentence[],
  analysis: QuestionAnalysis,
): string[] {
  const out: string[] = [];
  const add = (command: string) => {
    if (!out.includes(command) && out.length < MAX_POINTERS) out.push(command);
  };
  const actorIds = [...analysis.actors, ...units.flatMap((u) => u.actors)];
  const whoFor = actorIds
    .map((id) => model.actors.find((a) => a.id === id))
    .filter((a): a is Actor => a !== undefined);
  for (const actor of [...new Set(whoFor)].slice(0, 2)) add(`/who name:${actor.name}`);
  for (const unit of units) {
    if (unit.kind === 'quote') {
      const speaker = model.actors.find((a) => a.id === model.quotes[unit.ref]?.speaker);
      if (speaker) add(`/quotes speaker:${speaker.name}`);
    }
    const topicId = unit.kind === 'topic' ? model.topics[unit.ref]?.id : unit.topics[0];
    const topic = model.topics.find((t) => t.id === topicId);
    if (topic && model.positions.some((p) => p.topic === topic.id)) add(`/positions topic:${topic.name}`);
  }
  const first = evidence[0];
  if (out.length === 0 && first) add(`/article paragraph:${first.paragraph}`);
  return out;
}

/** Question words that open the second part of a two-part question ("… and where were they?"). */
const PART_OPENING =
  /\s*(?:[?;]+|,?\s+and(?:\s+also)?|,\s*(?:also)?)\s+(?=(?:who|whos|what|whats|where|when|why|how|which|did|does|do|is|was|were|are)\b)/i;
const PERSON_PRONOUNS = /\b(?:he|him|his|she|her)\b/i;
const THING_PRONOUNS = /\b(?:they|them|it)\b/i;

/**
 * A two-part question as two questions, a pronoun in the second standing for what the first
 * names ("who is Song and what did he want" → "what did Song Yanchao want"). One part: itself.
 */
export function splitQuestion(engine: AskEngine, question: string): string[] {
  const match = PART_OPENING.exec(question);
  if (!match || match.index === 0) return [question];
  const first = question.slice(0, match.index).trim();
  let second = question.slice(match.index + match[0].length).trim();
  if (first.split(/\s+/).length < 2 || second.split(/\s+/).length < 2) return [question];
  const words = splitWords(first);
  const person = engine.names
    .match(words)
    .map((m) => engine.actor(m.actor))
    .find((a) => a?.kind === 'person');
  if (person && PERSON_PRONOUNS.test(second)) second = second.replace(PERSON_PRONOUNS, person.name);
  else if (THING_PRONOUNS.test(second)) {
    const named = words.filter(
      (w) => !STOPWORDS.has(w.lower) && !SAY_WORDS.has(w.lower) && !ROLE_WORDS.has(w.lower),
    );
    if (named.length > 0) second = second.replace(THING_PRONOUNS, `the ${named.map((w) => w.raw).join(' ')}`);
  }
  return [first, second];
}

/** Both parts' answers as one; a part the article does not answer is said so after them. */
function mergeParts(question: string, results: AskResult[]): AskResult {
  const answers = results.filter((r): r is Extract<AskResult, { kind: 'answer' }> => r.kind === 'answer');
  const first = results[0];
  if (answers.length === 0 || !first) return first ? { ...first, question } : (results[0] as AskResult);
  const evidence: Sentence[] = [];
  for (const s of answers.flatMap((a) => a.evidence)) if (!evidence.includes(s)) evidence.push(s);
  const unanswered = results.filter((r) => r.kind === 'decline').map((r) => r.question);
  return {
    kind: 'answer',
    question,
    confidence: Math.min(...answers.map((a) => a.confidence)),
    lines: answers.flatMap((a) => a.lines),
    evidence: evidence
      .slice(0, MAX_EVIDENCE + 1)
      .sort((a, b) => a.paragraph - b.paragraph || a.index - b.index),
    notes: answers.flatMap((a) => a.notes),
    more: [...new Set(answers.flatMap((a) => a.more))].slice(0, MAX_POINTERS),
    ...(unanswered.length > 0 ? { unanswered } : {}),
  };
}

/** "tldr", "give me a summary": the model's brief summary, every point with its ¶. */
function summaryAnswer(model: ArticleModel, question: string): AskResult {
  return {
    kind: 'answer',
    question,
    confidence: 1,
    lines: model.summary.brief.map((p) => ({ text: p.text, cites: p.cites })),
    evidence: [],
    notes: [],
    more: ['/summary length:standard', '/positions'],
  };
}

/**
 * "Compare the Chinese and American positions on Taiwan", "China vs US on the South China
 * Sea": each side's positions on the topic the question names (every topic both sides speak
 * to when it names none), with "not stated in the article" for a side that is silent.
 */
function compareAnswer(engine: AskEngine, analysis: QuestionAnalysis): AskResult | undefined {
  const { model } = engine;
  const sideWords = new Set(['side', 'sides', 'position', 'positions', 'stance', 'view', 'views']);
  // What the sides are compared on: the concepts that are not the sides themselves.
  const onSide = (c: Concept) => {
    if (sideWords.has(c.label.toLowerCase())) return true;
    const actor = c.actor === undefined ? undefined : engine.actor(c.actor);
    if (actor?.side !== undefined) return true;
    return c.terms.every((t) =>
      model.actors.some(
        (a) => a.side !== undefined && engine.processTerm(fold(a.name)).concat(entityTerm(a.id)).includes(t),
      ),
    );
  };
  const subject = analysis.concepts.filter((c) => !onSide(c));
  const sides = model.sides.map((s) => s.id);
  const sidesOn = (topic: string) =>
    new Set(model.positions.filter((p) => p.topic === topic).map((p) => p.side));
  let topics: string[];
  if (subject.length === 0) {
    // Every topic both sides speak to; when they never speak to the same one, each side's.
    const shared = model.topics.map((t) => t.id).filter((t) => sides.every((s) => sidesOn(t).has(s)));
    topics =
      shared.length > 0
        ? shared
        : model.topics.map((t) => t.id).filter((t) => sides.some((s) => sidesOn(t).has(s)));
  } else {
    const hits = engine
      .search(subject, { kinds: new Set(['position', 'topic']) })
      .filter((h) => h.coverage >= ANSWER_THRESHOLD);
    const best = hits[0];
    if (!best) return undefined;
    const topicOf = (u: Unit) =>
      u.kind === 'position' ? model.positions[u.ref]?.topic : model.topics[u.ref]?.id;
    topics = [
      ...new Set(hits.filter((h) => h.coverage >= best.coverage).flatMap((h) => topicOf(h.unit) ?? [])),
    ].slice(0, 2);
  }
  if (topics.length === 0) return undefined;
  const lines: DirectLine[] = [];
  const evidence: Sentence[] = [];
  for (const topicId of topics) {
    const topic = model.topics.find((t) => t.id === topicId);
    if (!topic) continue;
    for (const side of model.sides) {
      const held = model.positions.filter((p) => p.topic === topicId && p.side === side.id);
      if (held.length === 0) {
        lines.push({
          subject: `${side.name} on ${topic.name}`,
          text: 'not stated in the article',
          cites: topic.cites,
        });
        continue;
      }
      for (const p of held) {
        const attribution = attributionOf(model, p.holder, p.account);
        lines.push({
          subject: `${side.name} on ${topic.name}`,
          ...(attribution ? { attribution } : {}),
          text: p.stance,
          cites: [p.cite],
        });
        const unit = engine.units.find((u) => u.kind === 'position' && model.positions[u.ref] === p);
        for (const s of unit ? engine.located(unit) : []) if (!evidence.includes(s)) evidence.push(s);
      }
    }
  }
  return {
    kind: 'answer',
    question: analysis.question,
    confidence: 1,
    lines,
    evidence: evidence.slice(0, MAX_EVIDENCE).sort((a, b) => a.paragraph - b.paragraph || a.index - b.index),
    notes: [],
    more: topics.flatMap((id) => {
      const name = model.topics.find((t) => t.id === id)?.name;
      return name ? [`/positions topic:${name}`] : [];
    }),
  };
}
