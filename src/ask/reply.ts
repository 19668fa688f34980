import type { APIEmbed } from 'discord.js';
import { cite, quoted, sourceFooter, sourceLink } from '../answers/format.js';
import type { Article } from '../article/article.js';
import { clip } from '../discord/limits.js';
import { escapeText } from '../discord/markdown.js';
import { buildPages } from '../discord/pages.js';
import type { Reply } from '../discord/payload.js';
import type { AskResult, DirectLine } from './answer.js';

const TITLE_MAX = 200;

function directLine(line: DirectLine, previousSubject: string | undefined): string {
  // A line about the same subject as the one before continues it as a bullet.
  const repeated = line.subject !== undefined && line.subject === previousSubject;
  const subject = line.subject && !repeated ? `**${escapeText(line.subject)}**` : undefined;
  const head = [subject, line.attribution].filter(Boolean).join(', ');
  const bullet = repeated ? '• ' : '';
  return `${bullet}${head ? `${head}: ` : ''}${escapeText(line.text)} (${cite(line.cites)})`;
}

/** The lines of an answer or a decline, every statement from the article with its ¶. */
export function askLines(result: AskResult): string[] {
  if (result.kind === 'decline') {
    const lines: string[] = [];
    const unknown = result.unknownNames.map((n) => `**${escapeText(n)}**`);
    lines.push(
      unknown.length > 0
        ? `The article doesn't say: it never mentions ${unknown.join(' or ')}.`
        : result.silent && result.silent.length > 0
          ? `The article doesn't say: it reports nothing ${result.silent.map((n) => `**${escapeText(n)}**`).join(' or ')} said on this.`
          : result.reason === 'no-date'
            ? "The article doesn't say: it gives no date for this."
            : result.reason === 'no-number'
              ? "The article doesn't say: it gives no figure for this."
              : "The article doesn't say.",
    );
    for (const note of result.notes) lines.push(`${escapeText(note.text)} (${cite(note.cites)})`);
    if (result.covers.length > 0) {
      lines.push(
        '',
        `It does cover: ${result.covers.map((c) => `${escapeText(c.name)} (${cite(c.cites)})`).join(' · ')}`,
      );
    }
    lines.push('', 'Answers come only from the article. More: /topics · /summary');
    return lines;
  }

  const lines: string[] = result.lead ? [`*${escapeText(result.lead)}*`] : [];
  let previous: string | undefined;
  for (const line of result.lines) {
    lines.push(directLine(line, previous));
    previous = line.subject;
  }
  if (lines.length > 0) lines.push('');
  for (const s of result.evidence) lines.push(`> ${quoted(escapeText(s.text))} (${cite([s.paragraph])})`);
  for (const note of result.notes) lines.push('', `Note: ${escapeText(note.text)} (${cite(note.cites)})`);
  for (const part of result.unanswered ?? [])
    lines.push('', `The article doesn't say: “${escapeText(part)}”`);
  if (result.more.length > 0) lines.push('', `More: ${result.more.join(' · ')}`);
  return lines;
}

/** The /ask answer as embeds (one page in practice: answers are a few lines). */
export function askPages(article: Article, result: AskResult): APIEmbed[] {
  return buildPages(
    {
      title: clip(result.question, TITLE_MAX),
      footer: `Answered from the article only · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    [],
    askLines(result),
  );
}

/** The reply to send: the first page (an answer never needs more). */
export function askReply(article: Article, result: AskResult): Reply {
  return { embeds: askPages(article, result).slice(0, 1) };
}
