/** /articles answers: the library with this server's discussion of each, and a switch confirmation. */
import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { buildPages } from '../discord/pages.js';
import { dateOf, type Library } from './library.js';

const comments = (n: number) => (n === 0 ? 'no comments yet' : `${n} comment${n === 1 ? '' : 's'}`);

/** One line per article, newest first: title (linked when the model has a URL), date, comments here. */
export function libraryPages(
  library: Library,
  current: Article,
  counts: ReadonlyMap<string, number>,
): APIEmbed[] {
  const lines = library.articles.map((a) => {
    const title = a.model.url ? `[${a.title}](${a.model.url})` : a.title;
    const mark = a.id === current.id ? '▶ ' : '';
    const tail = a.id === current.id ? ' · **this server discusses it**' : '';
    return `${mark}**${title}**\n${a.model.outlet} · ${dateOf(a)} · ${comments(counts.get(a.id) ?? 0)} · \`${a.id}\`${tail}`;
  });
  return buildPages(
    {
      title: `The library — ${library.articles.length} article${library.articles.length === 1 ? '' : 's'}`,
      description:
        'Every command answers about the article this server discusses; add `article:` to ask about another one. Members who can manage the server switch with `/articles use`.',
      footer: 'Comment counts are for this server',
    },
    [],
    lines.flatMap((l, i) => (i === 0 ? [l] : ['', l])),
  );
}

/** The public note that the server now discusses another article. */
export function switchedContent(article: Article, previous: Article, by: string, comments: number): string {
  if (article.id === previous.id) return `This server already discusses **${article.title}**.`;
  const discussion =
    comments === 0
      ? 'No comments on it yet: start with /comment add.'
      : `Its discussion so far: ${comments} comment${comments === 1 ? '' : 's'} (/comment list).`;
  return `📰 ${by} switched this server to **${article.title}** (${article.model.outlet}, ${dateOf(article)}). ${discussion} The comments on **${previous.title}** stay; \`/comment list article:${previous.id}\` shows them.`;
}
