/**
 * `npm run article -- new`: a first draft of an article model from its verbatim text. Everything
 * that needs a person's judgement (who the actors are, what they said, what the article is about)
 * is a candidate marked `draft: true`; the loader refuses to serve a model until every mark is gone.
 * Paragraphs are exact, and every candidate's evidence is a verbatim sentence of its paragraph, so a
 * draft whose marks are confirmed passes the integrity checks as it stands.
 */
import nlp from 'compromise';
import { findTermSpans, formOf } from '../../src/article/integrity.js';

/** The model as written to article.json: plain JSON, keys in the order an editor expects. */
export type DraftModel = Record<string, unknown> & {
  paragraphs: { n: number; text: string }[];
  actors: DraftActor[];
  quotes: Record<string, unknown>[];
  positions: Record<string, unknown>[];
  topics: { id: string; name: string }[];
};

interface DraftActor {
  id: string;
  name: string;
  kind: 'person' | 'organisation' | 'place';
  aliases: { text: string }[];
  roles: never[];
  description: string;
  mentions: number[];
  actions: never[];
  draft: true;
}

export interface DraftInput {
  /** The article id (the folder name under data/articles/). */
  id: string;
  /** The verbatim article text. */
  text: string;
  /** The model refers to its text by this file name. */
  textFile?: string;
  /** Where the model refers to the JSON Schema (relative to the model). */
  schemaRef?: string;
}

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences exactly as they stand in the text (trailing space trimmed). */
export function sentencesOf(paragraph: string): string[] {
  return [...SENTENCES.segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);
}

/** Lowercase-dashed, at most 32 characters, never empty. */
export function slug(text: string, max = 32): string {
  const base = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (base.slice(0, max).replace(/-+$/, '') || 'item').replace(/^-+/, '');
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = slug(base);
  for (let i = 2; taken.has(id); i++) id = `${slug(base, 29)}-${i}`;
  taken.add(id);
  return id;
}

/** Splits the text into headline, front matter (outlet, section lines) and body paragraphs. */
export function splitArticle(text: string): { headline: string; front: string[]; paragraphs: string[] } {
  const blocks = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const [headline = '', ...rest] = blocks;
  // Body paragraphs end a sentence and are longer than a dateline or a section name.
  const isBody = (b: string) => /[.!?]["'”’)]?$/.test(b) && b.length > 80;
  const firstBody = rest.findIndex(isBody);
  const front = firstBody < 0 ? [] : rest.slice(0, firstBody).filter((b) => b !== headline);
  const paragraphs = firstBody < 0 ? rest : rest.slice(firstBody);
  return { headline, front, paragraphs };
}

const clean = (name: string) =>
  name
    .replace(/[’']s$/u, '')
    .replace(/^(the|a|an)\s+/i, '')
    .replace(/[\s,.;:!?"“”()—–-]+$/u, '')
    .replace(/^[\s,.;:!?"“”()—–-]+/u, '')
    .trim();

/** Named people, organisations and places, found by compromise, strongest kind first. */
function candidateActors(text: string): { name: string; kind: DraftActor['kind'] }[] {
  const doc = nlp(text);
  const found = new Map<string, DraftActor['kind']>();
  const add = (names: string[], kind: DraftActor['kind']) => {
    for (const raw of names) {
      const name = clean(raw);
      if (name.length < 3 || !/^\p{Lu}/u.test(name) || found.has(name)) continue;
      found.set(name, kind);
    }
  };
  add(doc.people().out('array') as string[], 'person');
  add(doc.organizations().out('array') as string[], 'organisation');
  add(doc.places().out('array') as string[], 'place');
  // Runs of proper nouns compromise did not classify (boards, cooperatives, agencies).
  add(
    (doc.match('#ProperNoun+').out('array') as string[]).filter((n) => clean(n).split(/\s+/).length > 1),
    'organisation',
  );
  return [...found].map(([name, kind]) => ({ name, kind }));
}

function mentionsOf(paragraphs: readonly string[], terms: readonly string[]): number[] {
  return paragraphs.flatMap((p, i) => (terms.some((t) => findTermSpans(p, t).length > 0) ? [i + 1] : []));
}

/** Quoted passages of a paragraph: “…” and "…", as they stand. */
function quotedPassages(paragraph: string): string[] {
  return [...paragraph.matchAll(/[“"]([^“”"]{2,})[”"]/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

const SAID = /\b(said|says|told|argued|called|urged|added|warned|stressed|according to)\b/i;

export function draftModel(input: DraftInput): DraftModel {
  const { headline, front, paragraphs } = splitArticle(input.text);
  const ids = new Set<string>();

  // Actors: full names first, so a surname alone becomes an alias of the person, not an actor.
  const actors: DraftActor[] = [];
  const byTerm = new Map<string, DraftActor>();
  const body = paragraphs.join('\n\n');
  const candidates = candidateActors(body).sort((a, b) => b.name.length - a.name.length);
  for (const { name, kind } of candidates) {
    if (!paragraphs.some((p) => findTermSpans(p, name).length > 0)) continue;
    const owner = [...byTerm.keys()].find((t) => findTermSpans(t, name).length > 0);
    if (owner) continue; // part of a longer name already kept
    const aliases: { text: string }[] = [];
    const surname = kind === 'person' ? name.split(/\s+/).at(-1) : undefined;
    const free = (term: string) => !byTerm.has(term);
    if (
      surname &&
      surname !== name &&
      free(surname) &&
      paragraphs.some((p) => findTermSpans(p, surname).length > 0)
    ) {
      aliases.push({ text: surname });
    }
    const actor: DraftActor = {
      id: uniqueId(name, ids),
      name,
      kind,
      aliases,
      roles: [],
      description: `${name}, as the article presents them (draft: say who they are, with the article's own wording).`,
      mentions: [],
      actions: [],
      draft: true,
    };
    actors.push(actor);
    byTerm.set(name, actor);
    for (const a of aliases) byTerm.set(a.text, actor);
  }
  // Mentions, as the integrity check counts them (a name inside a longer name does not count).
  for (const actor of actors) {
    actor.mentions = mentionsOf(paragraphs, [actor.name, ...actor.aliases.map((a) => a.text)]).filter((n) => {
      const p = paragraphs[n - 1] ?? '';
      return [actor.name, ...actor.aliases.map((a) => a.text)].some((term) =>
        findTermSpans(p, term).some(
          ([s, e]) =>
            !actors.some(
              (other) =>
                other !== actor &&
                [other.name, ...other.aliases.map((a) => a.text)].some((t) =>
                  findTermSpans(p, t).some(([os, oe]) => os <= s && oe >= e && oe - os > e - s),
                ),
            ),
        ),
      );
    });
  }
  const kept = actors.filter((a) => a.mentions.length > 0);

  /** The actor named in a sentence, nearest to `at` (a character offset). */
  const actorIn = (paragraphIndex: number, sentence: string, at = 0): DraftActor | undefined => {
    const hits = kept.flatMap((actor) =>
      [actor.name, ...actor.aliases.map((a) => a.text)].flatMap((term) =>
        actor.mentions.includes(paragraphIndex + 1)
          ? findTermSpans(sentence, term).map(([s]) => ({ actor, distance: Math.abs(s - at) }))
          : [],
      ),
    );
    return hits.sort((a, b) => a.distance - b.distance)[0]?.actor;
  };

  // Topics: the nouns the article returns to most, as candidates for a person to name.
  const nouns = nlp(body).nouns().toSingular().out('array') as string[];
  const counts = new Map<string, number>();
  for (const raw of nouns) {
    const noun = clean(raw).toLowerCase();
    const named = kept.some((a) =>
      [a.name, ...a.aliases.map((x) => x.text)].some((t) => t.toLowerCase().split(/\s+/).includes(noun)),
    );
    if (noun.split(/\s+/).length > 3 || noun.length < 4 || named) continue;
    counts.set(noun, (counts.get(noun) ?? 0) + 1);
  }
  const topics = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([noun]) => ({ noun, cites: mentionsOf(paragraphs, [noun]) }))
    .filter((t) => t.cites.length > 0)
    .slice(0, 5)
    .map(({ noun, cites }) => ({
      id: uniqueId(noun, ids),
      name: noun.charAt(0).toUpperCase() + noun.slice(1),
      line: `What the article says about ${noun} (draft: one line, faithful to the text).`,
      keywords: [noun],
      cites,
      draft: true as const,
    }));
  const firstTopic = topics[0]?.id ?? 'topic';
  const side = {
    id: 'side-a',
    name: 'One side (draft: name the sides the article sets against each other)',
    short: 'Side A',
    draft: true as const,
  };

  // Quotes: every quoted passage, with the nearest named actor as its candidate speaker.
  const quotes: Record<string, unknown>[] = [];
  const positions: Record<string, unknown>[] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const sentence of sentencesOf(paragraph)) {
      for (const passage of quotedPassages(sentence)) {
        const at = sentence.indexOf(passage);
        const speaker =
          actorIn(index, sentence, at + passage.length) ??
          actorIn(index, paragraph, paragraph.indexOf(passage));
        if (!speaker) continue;
        quotes.push({
          id: uniqueId(`q-${passage.split(/\s+/).slice(0, 4).join(' ')}`, ids),
          text: passage,
          speaker: speaker.id,
          account: speaker.id,
          cite: index + 1,
          context: sentence,
          draft: true,
        });
      }
      // Positions: "X said …", "according to X …" — the sentence is the evidence.
      const said = SAID.exec(sentence);
      if (!said) continue;
      const holder = actorIn(index, sentence, said.index);
      if (!holder) continue;
      positions.push({
        id: uniqueId(`${holder.id.split('-').at(-1)} ${sentence.split(/\s+/).slice(0, 3).join(' ')}`, ids),
        holder: holder.id,
        side: side.id,
        topic: firstTopic,
        stance: sentence,
        evidence: sentence,
        cite: index + 1,
        account: holder.id,
        form: formOf(sentence),
        draft: true,
      });
    }
  });

  const lead = (n: number) => ({
    text: sentencesOf(paragraphs[n] ?? '')[0] ?? '',
    cites: [n + 1],
    draft: true,
  });
  const articleFrom = (outlet: string | undefined) => outlet?.split(/\s+[—–-]\s+/) ?? [];
  const [outlet, section] = articleFrom(front[0]);
  return {
    ...(input.schemaRef ? { $schema: input.schemaRef } : {}),
    schemaVersion: 1,
    id: input.id,
    headline,
    outlet: outlet ?? 'Outlet (draft: as the page shows it)',
    ...(section ? { section } : {}),
    published: null,
    textFile: input.textFile ?? 'article.txt',
    paragraphs: paragraphs.map((text, i) => ({ n: i + 1, text })),
    summary: {
      brief: [lead(0)],
      standard: paragraphs.slice(0, 4).map((_, i) => lead(i)),
      full: paragraphs.map((_, i) => lead(i)),
    },
    sides: [side],
    actors: kept,
    topics,
    positions,
    quotes,
    events: [],
    notes: [],
  };
}
