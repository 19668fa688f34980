import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { BOTH_SIDES, type Position, type Topic } from '../article/schema.js';
import { buildPages, type Section } from '../discord/pages.js';
import { cite, quoted, sideName, sourceFooter, stanceWithSource, topicName } from './format.js';

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

/**
 * Stances per topic. Unfiltered, it is a side-by-side comparison with an explicit
 * "not stated in the article" for a side that says nothing on a topic.
 */
export function positionsPages(article: Article, filter: PositionsFilter = {}): APIEmbed[] {
  const { positions } = article.model;
  const topics = article.model.topics.filter((t) => !filter.topic || t.id === filter.topic);
  const sides = sideOrder(article).filter((s) => !filter.side || s === filter.side);
  const detailed = filter.side !== undefined || filter.topic !== undefined;

  const sections: Section[] = [];
  for (const topic of topics) {
    const onTopic = positions.filter((p) => p.topic === topic.id);
    if (onTopic.length === 0 && !filter.topic) continue;
    const lines: string[] = [];
    for (const side of sides) {
      const held = onTopic.filter((p) => p.side === side);
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

  const scope = [
    filter.side ? sideName(article, filter.side) : '',
    filter.topic ? topicName(article, filter.topic) : '',
  ]
    .filter(Boolean)
    .join(' on ');
  const description =
    sections.length === 0
      ? `The article states no position${scope ? ` for ${scope}` : ''}.`
      : 'Who holds which stance, and whose account it is.';
  return buildPages(
    {
      title: scope ? `Positions — ${scope}` : 'Positions, side by side',
      description,
      footer: sourceFooter(article),
    },
    sections,
  );
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
    },
    sections,
  );
}
