import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import type { SummaryLength } from '../article/schema.js';
import { buildPages } from '../discord/pages.js';
import { cite, sourceFooter, sourceLink } from './format.js';

export const SUMMARY_LENGTHS: readonly SummaryLength[] = ['brief', 'standard', 'full'];

export function summaryPages(article: Article, length: SummaryLength): APIEmbed[] {
  const points = article.model.summary[length];
  const lines = points.map((p) => `• ${p.text} (${cite(p.cites)})`);
  return buildPages(
    {
      title: article.model.headline,
      footer: `Summary (${length}) · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    [],
    lines,
  );
}
