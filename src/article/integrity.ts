import { COUNTRIES, STOPWORDS } from '../ask/lexicon.js';
import { type Actor, type ArticleModel, BOTH_SIDES } from './schema.js';

/** Country names and demonyms in ordinary English ("Philippines", "Chinese"). */
const COUNTRY_WORDS: ReadonlySet<string> = new Set(COUNTRIES.flatMap((c) => [c.country, ...c.forms]));
const wordsOf = (text: string) =>
  normalizeForMatch(text)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** One thing wrong with a model: where (a path into the model, e.g. `positions[3].evidence`) and why. */
export interface IntegrityProblem {
  path: string;
  reason: string;
}

/**
 * Folds typographic quotes and odd spaces to their plain forms, one character for one, so
 * offsets in the folded string are offsets in the original. A model written with straight
 * quotes then still matches a text set with curly ones, and vice versa.
 */
export function foldTypography(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

/** Typography folded and whitespace runs collapsed: the form verbatim comparisons use. */
export function normalizeForMatch(text: string): string {
  return foldTypography(text).replace(/\s+/g, ' ').trim();
}

/** Whether `needle` occurs verbatim in `haystack`, up to typographic quotes and whitespace. */
export function containsVerbatim(haystack: string, needle: string): boolean {
  return normalizeForMatch(haystack).includes(normalizeForMatch(needle));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the code point ending just before `i` (or starting at `i`, `after`) is a letter or digit. */
function wordCharAt(text: string, i: number, after: boolean): boolean {
  if (after) {
    const cp = text.codePointAt(i);
    return cp !== undefined && LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  }
  if (i <= 0) return false;
  const low = text.charCodeAt(i - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return LETTER_OR_DIGIT.test(text.slice(start, i));
}

/**
 * Spans where `term` occurs in a text as a whole word or phrase, case-insensitively ("US" must
 * not match inside "discussions"); offsets are into the text itself. The word boundaries are
 * checked in code rather than by `(?<![\p{L}\p{N}])` in the pattern: a Unicode property class
 * under the `i` flag makes V8 build its case closure for every new RegExp (~1 ms each, most of
 * start-up's model check).
 */
export function termFinder(term: string): (text: string) => Array<[number, number]> {
  const words = normalizeForMatch(term).split(' ').filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return () => [];
  const pattern = new RegExp(words.join('\\s+'), 'giu');
  return (text) => {
    const folded = foldTypography(text);
    const re = new RegExp(pattern);
    const spans: Array<[number, number]> = [];
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const end = m.index + m[0].length;
      if (!wordCharAt(folded, m.index, false) && !wordCharAt(folded, end, true)) {
        spans.push([m.index, end]);
      } else {
        // As a lookbehind would: the next candidate may start inside this rejected one (one code
        // point on: under the u flag a lastIndex inside a surrogate pair steps back to its start).
        re.lastIndex = m.index + ((folded.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      }
    }
    return spans;
  };
}

export function findTermSpans(text: string, term: string): Array<[number, number]> {
  return termFinder(term)(text);
}

export function occursAsTerm(text: string, term: string): boolean {
  return findTermSpans(text, term).length > 0;
}

/** Contents of the quoted passages of a text ("…", “…”, '…', ‘…’), typography folded. */
export function quotedSegments(text: string): string[] {
  const folded = normalizeForMatch(text);
  const double = [...folded.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
  // A single quote opens only after a non-letter and before a letter, so the apostrophes
  // in "China's" or "the United States' support" are not taken for quotation marks.
  const single = [...folded.matchAll(/(?<![\p{L}\p{N}])'(?=[\p{L}\p{N}])([^']+?)'(?![\p{L}\p{N}])/gu)].map(
    (m) => m[1] ?? '',
  );
  return [...double, ...single];
}

/**
 * Every integrity problem of a parsed model against its verbatim source text: paragraphs,
 * citations, verbatim evidence and quotes, cross-references, unique ids, summary coverage,
 * aliases and mentions. Returns them all (empty when the model is sound) so one run shows
 * the whole list.
 */
export function checkIntegrity(model: ArticleModel, sourceText: string): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path, reason });
  const source = sourceText.replace(/\r\n?/g, '\n');

  // --- Paragraphs and headline -------------------------------------------------------------
  const paragraphs = new Map<number, string>();
  let searchFrom = 0;
  model.paragraphs.forEach((p, i) => {
    if (p.n !== i + 1) {
      problem(
        `paragraphs[${i}].n`,
        `paragraphs must be numbered 1..n in order: expected ${i + 1}, found ${p.n}`,
      );
    }
    if (paragraphs.has(p.n)) problem(`paragraphs[${i}].n`, `duplicate paragraph number ${p.n}`);
    else paragraphs.set(p.n, p.text);
    // Paragraphs are the source itself, so they must match exactly (no folding), and in order.
    const at = source.indexOf(p.text, searchFrom);
    if (at >= 0) {
      searchFrom = at + p.text.length;
    } else if (source.includes(p.text)) {
      problem(
        `paragraphs[${i}].text`,
        `¶${p.n} occurs in the source text only before the previous paragraph`,
      );
    } else {
      problem(`paragraphs[${i}].text`, `¶${p.n} does not occur verbatim in the source text`);
    }
  });
  if (!source.includes(model.headline)) problem('headline', 'does not occur verbatim in the source text');

  const range = model.paragraphs.length > 0 ? `¶1–¶${model.paragraphs.length}` : 'no paragraphs';
  const checkCite = (path: string, n: number): boolean => {
    if (paragraphs.has(n)) return true;
    problem(path, `cites ¶${n}, which does not exist (the article has ${range})`);
    return false;
  };
  const checkCites = (path: string, ns: readonly number[]) => {
    ns.forEach((n, j) => {
      checkCite(`${path}[${j}]`, n);
    });
  };

  /** Where else a passage occurs, to make a wrong citation easy to fix. */
  const foundIn = (needle: string, except: readonly number[]): string => {
    const others = [...paragraphs].filter(
      ([n, text]) => !except.includes(n) && containsVerbatim(text, needle),
    );
    return others.length > 0 ? ` (it occurs in ${others.map(([n]) => `¶${n}`).join(', ')})` : '';
  };
  const checkVerbatim = (path: string, passage: string, n: number) => {
    const text = paragraphs.get(n);
    if (text === undefined) return; // the bad cite is reported on its own
    if (!containsVerbatim(text, passage)) {
      problem(path, `"${passage}" does not occur verbatim in ¶${n}${foundIn(passage, [n])}`);
    }
  };

  // --- Unique ids ---------------------------------------------------------------------------
  const uniqueIds = (collection: string, items: ReadonlyArray<{ id: string }>) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined)
        problem(`${collection}[${i}].id`, `duplicate id "${item.id}" (also ${collection}[${first}])`);
      else seen.set(item.id, i);
    });
  };
  uniqueIds('sides', model.sides);
  uniqueIds('actors', model.actors);
  uniqueIds('topics', model.topics);
  uniqueIds('positions', model.positions);
  uniqueIds('quotes', model.quotes);
  uniqueIds('events', model.events);
  uniqueIds('notes', model.notes);

  const sides = new Set(model.sides.map((s) => s.id));
  const actors = new Map(model.actors.map((a) => [a.id, a]));
  const topics = new Set(model.topics.map((t) => t.id));
  model.sides.forEach((s, i) => {
    if (s.id === BOTH_SIDES)
      problem(`sides[${i}].id`, `"${BOTH_SIDES}" is reserved for stances of both sides`);
  });

  const actorRef = (path: string, id: string): Actor | undefined => {
    const actor = actors.get(id);
    if (actor === undefined) problem(path, `unknown actor "${id}"`);
    return actor;
  };
  const topicRef = (path: string, id: string) => {
    if (!topics.has(id)) problem(path, `unknown topic "${id}"`);
  };
  const inMentions = (path: string, actor: Actor, n: number, what: string) => {
    if (paragraphs.has(n) && !actor.mentions.includes(n)) {
      problem(path, `${what} ¶${n}, which is not among the mentions of actor "${actor.id}"`);
    }
  };

  // --- Summary ------------------------------------------------------------------------------
  for (const length of ['brief', 'standard', 'full'] as const) {
    model.summary[length].forEach((point, i) => {
      checkCites(`summary.${length}[${i}].cites`, point.cites);
    });
  }
  const covered = new Set(model.summary.full.flatMap((point) => point.cites));
  const uncovered = [...paragraphs.keys()].filter((n) => !covered.has(n));
  if (uncovered.length > 0) {
    problem('summary.full', `does not cover ${uncovered.map((n) => `¶${n}`).join(', ')}`);
  }

  // --- Actors -------------------------------------------------------------------------------
  const nameOwners = new Map<string, string>();
  model.actors.forEach((actor, i) => {
    const at = `actors[${i}]`;
    if (actor.side !== undefined && !sides.has(actor.side))
      problem(`${at}.side`, `unknown side "${actor.side}"`);

    const names: Array<[string, string]> = [
      [`${at}.name`, actor.name],
      ...actor.aliases.map((a, j): [string, string] => [`${at}.aliases[${j}].text`, a.text]),
    ];
    for (const [path, name] of names) {
      const key = normalizeForMatch(name).toLowerCase();
      const owner = nameOwners.get(key);
      // Two actors sharing a name would make name lookups ambiguous.
      if (owner !== undefined && owner !== actor.id)
        problem(path, `"${name}" is also a name or alias of actor "${owner}"`);
      else nameOwners.set(key, actor.id);
    }
    actor.aliases.forEach((alias, j) => {
      const words = wordsOf(alias.text);
      // "the", "us": a name made of function words would match everywhere.
      const acronym = /^\p{Lu}{2,}$/u.test(alias.text.replace(/\./g, ''));
      if (!acronym && words.every((w) => STOPWORDS.has(w)))
        problem(`${at}.aliases[${j}].text`, `alias "${alias.text}" is only common words`);
      // "Philippines" names the country, not its vessels.
      else if (actor.kind !== 'state' && words.length === 1 && COUNTRY_WORDS.has(words[0] ?? ''))
        problem(
          `${at}.aliases[${j}].text`,
          `alias "${alias.text}" names a country, but "${actor.id}" is a ${actor.kind}`,
        );
      if (!alias.shortForm && !occursAsTerm(source, alias.text)) {
        problem(
          `${at}.aliases[${j}].text`,
          `alias "${alias.text}" does not occur in the article text (mark it shortForm if it need not)`,
        );
      }
    });
    // Some names are ours ("US delegation"); then an alias must tie the actor to the text.
    const anchored =
      occursAsTerm(source, actor.name) ||
      actor.aliases.some((a) => !a.shortForm && occursAsTerm(source, a.text));
    if (!anchored)
      problem(`${at}.name`, `neither "${actor.name}" nor any non-shortForm alias occurs in the article text`);

    checkCites(`${at}.mentions`, actor.mentions);
    actor.roles.forEach((role, j) => {
      if (checkCite(`${at}.roles[${j}].cite`, role.cite)) {
        checkVerbatim(`${at}.roles[${j}].title`, role.title, role.cite);
        inMentions(`${at}.roles[${j}].cite`, actor, role.cite, 'cites');
      }
    });
    actor.actions.forEach((action, j) => {
      if (checkCite(`${at}.actions[${j}].cite`, action.cite)) {
        checkVerbatim(`${at}.actions[${j}].evidence`, action.evidence, action.cite);
        inMentions(`${at}.actions[${j}].cite`, actor, action.cite, 'cites');
      }
    });
  });
  checkMentionCoverage(model, paragraphs, problem);

  // --- Topics -------------------------------------------------------------------------------
  model.topics.forEach((topic, i) => {
    checkCites(`topics[${i}].cites`, topic.cites);
  });

  // --- Positions ----------------------------------------------------------------------------
  model.positions.forEach((position, i) => {
    const at = `positions[${i}]`;
    const holder = actorRef(`${at}.holder`, position.holder);
    if (position.account !== undefined) actorRef(`${at}.account`, position.account);
    topicRef(`${at}.topic`, position.topic);
    if (position.side !== BOTH_SIDES && !sides.has(position.side)) {
      problem(`${at}.side`, `unknown side "${position.side}" (expected a side id or "${BOTH_SIDES}")`);
    } else if (
      holder?.side !== undefined &&
      sides.has(holder.side) && // an unknown holder side is reported once, on the actor
      position.side !== BOTH_SIDES &&
      holder.side !== position.side
    ) {
      problem(
        `${at}.side`,
        `side "${position.side}" differs from the side "${holder.side}" of holder "${holder.id}"`,
      );
    }
    if (checkCite(`${at}.cite`, position.cite)) {
      checkVerbatim(`${at}.evidence`, position.evidence, position.cite);
      if (holder !== undefined) inMentions(`${at}.cite`, holder, position.cite, 'the holder is cited at');
    }
    const quotedWords = quotedSegments(position.evidence).flatMap(wordsOf).length;
    if (position.form !== 'paraphrase' && quotedWords === 0) {
      problem(`${at}.form`, `is ${position.form}, but the evidence contains no quoted words`);
    } else if (position.form === 'direct-quote' && formOf(position.evidence) !== 'direct-quote') {
      // A two-word quote inside a sentence of paraphrase is a paraphrase with a quoted phrase.
      problem(
        `${at}.form`,
        'is direct-quote, but most of the evidence is outside its quoted words (quoted-phrase?)',
      );
    }
    const stance = normalizeForMatch(position.stance).toLowerCase();
    const twin = model.positions.findIndex(
      (other, j) =>
        j < i &&
        other.holder === position.holder &&
        (normalizeForMatch(other.stance).toLowerCase() === stance || other.evidence === position.evidence),
    );
    if (twin !== -1) problem(`${at}`, `repeats positions[${twin}] (same holder and stance or evidence)`);
  });

  // --- Quotes -------------------------------------------------------------------------------
  model.quotes.forEach((quote, i) => {
    const at = `quotes[${i}]`;
    const speaker = actorRef(`${at}.speaker`, quote.speaker);
    if (quote.account !== undefined) actorRef(`${at}.account`, quote.account);
    if (quote.topic !== undefined) topicRef(`${at}.topic`, quote.topic);
    if (!checkCite(`${at}.cite`, quote.cite)) return;
    if (speaker !== undefined) inMentions(`${at}.cite`, speaker, quote.cite, 'the speaker is cited at');
    const text = paragraphs.get(quote.cite) ?? '';
    const wanted = normalizeForMatch(quote.text);
    if (!containsVerbatim(text, quote.text)) {
      problem(
        `${at}.text`,
        `"${quote.text}" does not occur verbatim in ¶${quote.cite}${foundIn(quote.text, [quote.cite])}`,
      );
    } else if (!quotedSegments(text).some((segment) => segment.includes(wanted))) {
      problem(`${at}.text`, `"${quote.text}" occurs in ¶${quote.cite} but not inside quotation marks`);
    }
  });

  // --- Events -------------------------------------------------------------------------------
  model.events.forEach((event, i) => {
    const at = `events[${i}]`;
    event.participants.forEach((id, j) => {
      actorRef(`${at}.participants[${j}]`, id);
    });
    if (event.place !== undefined) {
      const place = actorRef(`${at}.place`, event.place);
      // An organisation can stand for its building ("took place at the Pentagon").
      if (place !== undefined && place.kind !== 'place' && place.kind !== 'organisation') {
        problem(`${at}.place`, `actor "${place.id}" is a ${place.kind}, not a place or organisation`);
      }
    }
    checkCites(`${at}.cites`, event.cites);
    const cited = event.cites.filter((n) => paragraphs.has(n));
    if (cited.length > 0 && !cited.some((n) => containsVerbatim(paragraphs.get(n) ?? '', event.evidence))) {
      problem(
        `${at}.evidence`,
        `"${event.evidence}" does not occur verbatim in any cited paragraph (${cited.map((n) => `¶${n}`).join(', ')})${foundIn(event.evidence, cited)}`,
      );
    }
  });

  // --- Notes --------------------------------------------------------------------------------
  model.notes.forEach((note, i) => {
    checkCites(`notes[${i}].cites`, note.cites);
  });

  // --- Drafts -------------------------------------------------------------------------------
  for (const path of draftPaths(model))
    problem(path, 'is still a draft: confirm it and remove "draft": true');

  return problems;
}

/**
 * How evidence is worded: no quoted words is a paraphrase; a quote that is most of it, a direct
 * quote; a few quoted words inside paraphrase, a paraphrase with a quoted phrase.
 */
export function formOf(evidence: string): 'direct-quote' | 'quoted-phrase' | 'paraphrase' {
  const quotedWords = quotedSegments(evidence).flatMap(wordsOf).length;
  if (quotedWords === 0) return 'paraphrase';
  return wordsOf(evidence).length > 2 * quotedWords + 3 ? 'quoted-phrase' : 'direct-quote';
}

/** Paths of the items still marked `draft: true` by `npm run article -- new`. */
export function draftPaths(model: ArticleModel): string[] {
  const lists = {
    'summary.brief': model.summary.brief,
    'summary.standard': model.summary.standard,
    'summary.full': model.summary.full,
    sides: model.sides,
    actors: model.actors,
    topics: model.topics,
    positions: model.positions,
    quotes: model.quotes,
    events: model.events,
    notes: model.notes,
  } as const;
  return Object.entries(lists).flatMap(([name, items]) =>
    (items as ReadonlyArray<{ draft?: true | undefined }>).flatMap((item, i) =>
      item.draft ? [`${name}[${i}]`] : [],
    ),
  );
}

/**
 * Each paragraph where an actor's name or alias occurs must be among its mentions. An
 * occurrence inside a longer name of another actor does not count: "China" in "South China
 * Sea" is the sea, "Taiwan" in "Strait of Taiwan" is the strait.
 */
function checkMentionCoverage(
  model: ArticleModel,
  paragraphs: ReadonlyMap<number, string>,
  problem: (path: string, reason: string) => void,
): void {
  const finders = model.actors.flatMap((actor, index) =>
    [actor.name, ...actor.aliases.map((a) => a.text)].map((term) => ({
      index,
      term,
      find: termFinder(term),
    })),
  );
  for (const [n, text] of paragraphs) {
    const hits = finders.flatMap(({ index, term, find }) =>
      find(text).map(([start, end]) => ({ index, term, start, end })),
    );
    const reported = new Set<number>();
    for (const hit of hits) {
      const actor = model.actors[hit.index];
      if (actor === undefined || actor.mentions.includes(n) || reported.has(hit.index)) continue;
      const insideOther = hits.some(
        (other) =>
          other.index !== hit.index &&
          other.start <= hit.start &&
          other.end >= hit.end &&
          other.end - other.start > hit.end - hit.start,
      );
      if (insideOther) continue;
      reported.add(hit.index);
      problem(`actors[${hit.index}].mentions`, `"${hit.term}" occurs in ¶${n}, but ¶${n} is not listed`);
    }
  }
}
