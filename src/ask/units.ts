import type { Actor, ArticleModel } from '../article/schema.js';
import { type Sentence, splitSentences } from './sentences.js';

/** What a retrievable unit is: a sentence of the article or one item of its model. */
export type UnitKind = 'sentence' | 'actor' | 'action' | 'position' | 'quote' | 'event' | 'topic' | 'note';

/**
 * One retrievable thing. Its fields are what the search index reads; `kind` and `ref` say
 * which sentence or model item it is (`ref` indexes the engine's sentences or the model array
 * for its kind; for actions, `ref` is the actor's index and `sub` the action's).
 */
export interface Unit {
  id: number;
  kind: UnitKind;
  ref: number;
  sub: number;
  /** Paragraphs the unit rests on. */
  cites: number[];
  /** Actors the unit is about: subject, holder, speaker, account, participants, place. */
  actors: string[];
  topics: string[];
  /** Verbatim article text the unit rests on, to be found in `cites` (statements, events). */
  evidence?: string;
  /** Names of the unit's subject (boosted in ranking). */
  names: string;
  text: string;
  /** Keywords and labels that help find the unit but are not its content. */
  extra: string;
  /** The article sentences a model item rests on (filled in by the engine). */
  context: string;
}

const namesOf = (actor: Actor | undefined) =>
  actor ? [actor.name, ...actor.aliases.map((a) => a.text)].join(' · ') : '';

/** Every sentence and model item of an article as units, sentences first, in model order. */
export function buildUnits(model: ArticleModel): { sentences: Sentence[]; units: Unit[] } {
  const actors = new Map(model.actors.map((a) => [a.id, a]));
  const topics = new Map(model.topics.map((t) => [t.id, t]));
  const sides = new Map(model.sides.map((s) => [s.id, s]));
  const sideLabel = (id: string | undefined) => {
    const side = id === undefined ? undefined : sides.get(id);
    return side ? `${side.name} · ${side.short}` : '';
  };
  const topicLabel = (id: string | undefined) => {
    const topic = id === undefined ? undefined : topics.get(id);
    return topic ? [topic.name, ...topic.keywords].join(' · ') : '';
  };

  const units: Unit[] = [];
  const add = (unit: Omit<Unit, 'id' | 'context'>) => units.push({ ...unit, id: units.length, context: '' });

  const sentences = model.paragraphs.flatMap(splitSentences);
  sentences.forEach((s, i) => {
    add({
      kind: 'sentence',
      ref: i,
      sub: 0,
      cites: [s.paragraph],
      actors: [],
      topics: [],
      names: '',
      text: s.text,
      extra: '',
    });
  });

  model.actors.forEach((actor, i) => {
    add({
      kind: 'actor',
      ref: i,
      sub: 0,
      cites: actor.mentions,
      actors: [actor.id],
      topics: [],
      names: namesOf(actor),
      text: actor.description,
      extra: [...actor.roles.map((r) => r.title), sideLabel(actor.side)].join(' · '),
    });
    actor.actions.forEach((action, k) => {
      add({
        kind: 'action',
        ref: i,
        sub: k,
        cites: [action.cite],
        actors: [actor.id],
        topics: [],
        evidence: action.evidence,
        names: namesOf(actor),
        text: `${action.text} ${action.evidence}`,
        extra: sideLabel(actor.side),
      });
    });
  });

  model.positions.forEach((p, i) => {
    const holder = actors.get(p.holder);
    add({
      kind: 'position',
      ref: i,
      sub: 0,
      cites: [p.cite],
      actors: [...new Set([p.holder, ...(p.account ? [p.account] : [])])],
      topics: [p.topic],
      evidence: p.evidence,
      names: [namesOf(holder), namesOf(p.account ? actors.get(p.account) : undefined)].join(' · '),
      text: `${p.stance} ${p.evidence}`,
      extra: [topicLabel(p.topic), sideLabel(holder?.side ?? p.side)].join(' · '),
    });
  });

  model.quotes.forEach((q, i) => {
    add({
      kind: 'quote',
      ref: i,
      sub: 0,
      cites: [q.cite],
      actors: [...new Set([q.speaker, ...(q.account ? [q.account] : [])])],
      topics: q.topic ? [q.topic] : [],
      evidence: q.text,
      names: [namesOf(actors.get(q.speaker)), namesOf(q.account ? actors.get(q.account) : undefined)].join(
        ' · ',
      ),
      text: `${q.text} ${q.context}`,
      extra: topicLabel(q.topic),
    });
  });

  model.events.forEach((e, i) => {
    const involved = [...e.participants, ...(e.place ? [e.place] : [])];
    add({
      kind: 'event',
      ref: i,
      sub: 0,
      cites: e.cites,
      actors: involved,
      topics: [],
      evidence: e.evidence,
      names: involved.map((id) => namesOf(actors.get(id))).join(' · '),
      text: `${e.name} ${e.description} ${e.evidence}`,
      extra: e.date ?? '',
    });
  });

  model.topics.forEach((t, i) => {
    add({
      kind: 'topic',
      ref: i,
      sub: 0,
      cites: t.cites,
      actors: [],
      topics: [t.id],
      names: t.name,
      text: t.line,
      extra: t.keywords.join(' · '),
    });
  });

  model.notes.forEach((n, i) => {
    add({
      kind: 'note',
      ref: i,
      sub: 0,
      cites: n.cites,
      actors: [],
      topics: [],
      names: '',
      text: n.text,
      extra: n.kind,
    });
  });

  return { sentences, units };
}
