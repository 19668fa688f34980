import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { normalizeForMatch, quotedSegments } from '../article/integrity.js';
import { findActors } from '../article/queries.js';
import type { Actor } from '../article/schema.js';
import { cutUnits } from '../discord/limits.js';
import { escapeText } from '../discord/markdown.js';
import { buildPages, type Section } from '../discord/pages.js';
import {
  accountName,
  cite,
  quoted,
  sideName,
  sourceFooter,
  sourceLink,
  stanceWithSource,
  topicName,
} from './format.js';

/** One line per actor: every role as the article states it, or what the actor is. */
function rosterLine(actor: Actor): string {
  return actor.roles.length > 0
    ? `**${actor.name}** — ${actor.roles.map((r) => `${r.title} (${cite([r.cite])})`).join('; ')}`
    : `**${actor.name}** — ${actor.description} (${cite(actor.mentions)})`;
}

/** Who's who, grouped by side; actors on neither side come last. */
export function rosterPages(article: Article): APIEmbed[] {
  const { sides, actors } = article.model;
  const sections: Section[] = sides.map((side) => ({
    name: side.name,
    lines: actors.filter((a) => a.side === side.id).map(rosterLine),
  }));
  const others = actors.filter((a) => a.side === undefined || !article.side(a.side));
  if (others.length > 0) sections.push({ name: 'Others in the article', lines: others.map(rosterLine) });
  return buildPages(
    {
      title: `Who's who — ${article.model.headline}`,
      footer: `Use /who name:… for a profile · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    sections.filter((s) => s.lines.length > 0),
  );
}

/** A profile: role as stated, side, what they said (quotes apart from paraphrase), did, and hold. */
export function profilePages(article: Article, actor: Actor): APIEmbed[] {
  const intro = [
    `${actor.description} (${cite(actor.mentions)})`,
    `**Side:** ${sideName(article, actor.side)} · **Kind:** ${actor.kind}`,
  ];
  const sections: Section[] = [];
  if (actor.roles.length > 0) {
    sections.push({
      name: 'Role, as the article states it',
      lines: actor.roles.map((r) => `${r.title} (${cite([r.cite])})`),
    });
  }
  const quotes = article.quotesBy(actor.id);
  if (quotes.length > 0) {
    sections.push({
      name: 'Direct quotes',
      lines: quotes.map(
        (q) =>
          `${quoted(q.text)} — reported by ${accountName(article, q.account)} (${cite([q.cite])})\n${q.context} (${cite([q.cite])})`,
      ),
    });
  }
  // Words already listed as a direct quote are not listed again as paraphrase.
  const quotedWords = new Set(quotes.map((q) => normalizeForMatch(q.text)));
  const said = actor.actions.filter(
    (a) =>
      a.kind === 'said' &&
      !quotedSegments(a.text).some((segment) => quotedWords.has(normalizeForMatch(segment))),
  );
  if (said.length > 0) {
    sections.push({ name: 'Said (paraphrased)', lines: said.map((a) => `• ${a.text} (${cite([a.cite])})`) });
  }
  const did = actor.actions.filter((a) => a.kind === 'did');
  if (did.length > 0)
    sections.push({ name: 'Did', lines: did.map((a) => `• ${a.text} (${cite([a.cite])})`) });
  const positions = article.positionsOf(actor.id);
  if (positions.length > 0) {
    sections.push({
      name: 'Positions',
      lines: positions.map((p) => `**${topicName(article, p.topic)}:** ${stanceWithSource(article, p)}`),
    });
  }
  const events = article.model.events.filter(
    (e) => e.participants.includes(actor.id) || e.place === actor.id,
  );
  if (events.length > 0) {
    sections.push({ name: 'Events', lines: events.map((e) => `• ${e.name} (${cite(e.cites)})`) });
  }
  const aliases = actor.aliases.map((a) => a.text);
  return buildPages(
    {
      title: actor.name,
      description: intro.join('\n'),
      footer: [aliases.length > 0 ? `Also called: ${aliases.join(', ')}` : '', sourceFooter(article)]
        .filter(Boolean)
        .join(' · '),
      ...sourceLink(article),
    },
    sections,
  );
}

export type WhoLookup =
  | { kind: 'found'; actor: Actor; others: Actor[] }
  | { kind: 'unknown'; suggestions: Actor[] };

/** Resolves a typed or autocompleted name (an actor id, a name, an alias or part of one). */
export function lookupActor(article: Article, name: string): WhoLookup {
  const byId = article.actor(name.trim());
  if (byId) return { kind: 'found', actor: byId, others: [] };
  const [actor, ...others] = findActors(article, name);
  if (actor) return { kind: 'found', actor, others: others.slice(0, 5) };
  return { kind: 'unknown', suggestions: article.suggestActors(name) };
}

/** The answer for a name the article never mentions. */
export function unknownActorPages(article: Article, name: string, suggestions: Actor[]): APIEmbed[] {
  const lines = [`**${escapeText(cutUnits(name, 100))}** is not in the article.`];
  if (suggestions.length > 0)
    lines.push(`Did you mean: ${suggestions.map((a) => `**${a.name}**`).join(', ')}?`);
  lines.push('', `People and groups it mentions: ${article.model.actors.map((a) => a.name).join(', ')}.`);
  return buildPages({ title: 'Not in the article', footer: sourceFooter(article) }, [], lines);
}
