import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { BOTH_SIDES, type Position, type Topic } from '../article/schema.js';
import { buildPages, type Section } from '../discord/pages.js';
import type { GridModel } from '../pictures/grid.js';
import { BOTH_COLOR, SIDE_COLORS } from '../pictures/theme.js';
import {
  cite,
  outletLine,
  quoted,
  sideName,
  sourceFooter,
  sourceLink,
  stanceWithSource,
  topicName,
} from './format.js';

export interface PositionsFilter {
  /** A side id or "both". */
  side?: string;
  topic?: string;
}

function stanceLine(article: Article, p: Position, withEvidence: boolean): string {
  const head = stanceWithSource(article, p);
  return withEvidence ? `${head}\n> ${quoted(p.evidence)}` : head;
}

/** Side ids in display order: the model's sides, then stances held by both. */
const sideOrder = (article: Article) => [...article.model.sides.map((s) => s.id), BOTH_SIDES];

/** One topic of a positions view: the stances each shown side holds on it. */
interface TopicStances {
  topic: Topic;
  bySide: { side: string; held: Position[] }[];
}

/**
 * What a side/topic filter shows, shared by the text pages and the picture: the filtered topics
 * (those with no stance only when asked for by name) and every shown side's stances on each.
 */
function selectPositions(
  article: Article,
  filter: PositionsFilter,
): { sides: string[]; topics: TopicStances[] } {
  const sides = sideOrder(article).filter((s) => !filter.side || s === filter.side);
  const topics = article.model.topics
    .filter((t) => !filter.topic || t.id === filter.topic)
    .map((topic) => {
      const onTopic = article.model.positions.filter((p) => p.topic === topic.id);
      return { topic, bySide: sides.map((side) => ({ side, held: onTopic.filter((p) => p.side === side) })) };
    })
    .filter((t) => filter.topic || t.bySide.some((s) => s.held.length > 0));
  return { sides, topics };
}

/** "Positions — China on Taiwan", or "" when unfiltered. */
function scopeOf(article: Article, filter: PositionsFilter): string {
  return [
    filter.side ? sideName(article, filter.side) : '',
    filter.topic ? topicName(article, filter.topic) : '',
  ]
    .filter(Boolean)
    .join(' on ');
}

/**
 * Stances per topic. Unfiltered, it is a side-by-side comparison with an explicit
 * "not stated in the article" for a side that says nothing on a topic.
 */
export function positionsPages(article: Article, filter: PositionsFilter = {}): APIEmbed[] {
  const detailed = filter.side !== undefined || filter.topic !== undefined;
  const sections: Section[] = [];
  for (const { topic, bySide } of selectPositions(article, filter).topics) {
    const lines: string[] = [];
    for (const { side, held } of bySide) {
      if (held.length === 0) {
        // "Both sides" rows only appear when the article has them; each named side always shows.
        if (side !== BOTH_SIDES && !filter.side)
          lines.push(`**${sideName(article, side)}:** not stated in the article`);
        continue;
      }
      for (const p of held) lines.push(`**${sideName(article, side)}:** ${stanceLine(article, p, detailed)}`);
    }
    if (lines.length > 0) sections.push({ name: topic.name, lines });
  }

  const scope = scopeOf(article, filter);
  const description =
    sections.length === 0
      ? `The article states no position${scope ? ` for ${scope}` : ''}.`
      : 'Who holds which stance, and whose account it is.';
  return buildPages(
    {
      title: scope ? `Positions — ${scope}` : 'Positions, side by side',
      description,
      footer: sourceFooter(article),
      ...sourceLink(article),
    },
    sections,
  );
}

/**
 * The same view as a grid for the picture: topics as rows, shown sides as columns (the "Both sides"
 * column only when the view has such a stance, or asks for it). Undefined when there is nothing to draw.
 */
export function positionsGrid(article: Article, filter: PositionsFilter = {}): GridModel | undefined {
  const { sides, topics } = selectPositions(article, filter);
  const shown = sides.filter(
    (side) =>
      side !== BOTH_SIDES ||
      filter.side === BOTH_SIDES ||
      topics.some((t) => t.bySide.some((s) => s.side === side && s.held.length > 0)),
  );
  const rows = topics.map(({ topic, bySide }) => ({
    topic: topic.name,
    cells: shown.map((side) =>
      (bySide.find((s) => s.side === side)?.held ?? []).map((p) => ({
        stance: p.stance,
        cite: p.cite,
        quote: p.form === 'direct-quote',
      })),
    ),
  }));
  if (rows.every((r) => r.cells.every((c) => c.length === 0))) return undefined;
  const scope = scopeOf(article, filter);
  return {
    title: scope ? `Positions — ${scope}` : 'Positions, side by side',
    subtitle: `${article.model.headline} · ${outletLine(article)}`,
    columns: shown.map((side) => ({
      name: sideName(article, side),
      color: side === BOTH_SIDES ? BOTH_COLOR : sideColor(article, side),
    })),
    rows,
  };
}

/** Alt text for the grid picture: what it shows, for members who cannot see it. */
export function gridDescription(grid: GridModel): string {
  return `${grid.title}: a grid with ${grid.rows.length} topics as rows and ${grid.columns
    .map((c) => c.name)
    .join(', ')} as columns. The text above says the same.`;
}

/** A side's column colour follows its place in the model, so a filtered grid keeps it. */
function sideColor(article: Article, side: string): string {
  if (side === BOTH_SIDES) return BOTH_COLOR;
  const i = article.model.sides.findIndex((s) => s.id === side);
  return SIDE_COLORS[i % SIDE_COLORS.length] ?? BOTH_COLOR;
}

/** Topics with a line each and which sides speak to them. */
export function topicsPages(article: Article): APIEmbed[] {
  const sections: Section[] = article.model.topics.map((topic: Topic) => {
    const held = article.model.positions.filter((p) => p.topic === topic.id);
    const bySide = sideOrder(article)
      .map((side) => ({ side, cites: held.filter((p) => p.side === side).map((p) => p.cite) }))
      .filter((x) => x.cites.length > 0)
      .map((x) => `${sideName(article, x.side)} (${cite(x.cites)})`);
    return {
      name: topic.name,
      lines: [
        `${topic.line} (${cite(topic.cites)})`,
        bySide.length > 0
          ? `Speaking to it: ${bySide.join(', ')}`
          : `Neither side states a position on it (${cite(topic.cites)})`,
      ],
    };
  });
  return buildPages(
    {
      title: `Topics — ${article.model.headline}`,
      footer: `Use /positions topic:… for stances · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    sections,
  );
}
