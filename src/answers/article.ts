import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { buildPages, type Section } from '../discord/pages.js';
import { cite, openingWords, sourceFooter, sourceLink } from './format.js';
import { answerError } from './messages.js';

/** The headline, metadata, paragraph list, events and notes on the text. */
export function articleOverviewPages(article: Article): APIEmbed[] {
  const m = article.model;
  const meta = [
    `**Outlet:** ${m.outlet}${m.section ? ` · ${m.section}` : ''}`,
    `**Published:** ${m.published ?? 'the article gives no date'}`,
    `**Paragraphs:** ¶1–¶${article.paragraphCount}`,
    ...(m.url ? [`**Original:** ${m.url}`] : []),
  ];
  const sections: Section[] = [
    { name: 'Paragraphs', lines: m.paragraphs.map((p) => `¶${p.n} ${openingWords(p.text)}`) },
  ];
  if (m.events.length > 0) {
    sections.push({
      name: 'Events',
      lines: m.events.map((e) => `• **${e.name}** — ${e.description} (${cite(e.cites)})`),
    });
  }
  if (m.notes.length > 0) {
    sections.push({ name: 'Notes on the text', lines: m.notes.map((n) => `• ${n.text} (${cite(n.cites)})`) });
  }
  return buildPages(
    {
      title: m.headline,
      description: meta.join('\n'),
      footer: `Use /article paragraph:N to read one · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    sections,
  );
}

/** Paragraph n, verbatim. */
export function paragraphPages(article: Article, n: number): APIEmbed[] {
  const paragraph = article.paragraph(n);
  if (!paragraph) {
    throw answerError('paragraph-out-of-range', { count: article.paragraphCount, n });
  }
  return buildPages(
    {
      title: `¶${n} of ${article.paragraphCount} — ${article.model.headline}`,
      footer: `Verbatim · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    [],
    [paragraph.text],
  );
}
