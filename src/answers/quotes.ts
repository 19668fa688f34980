import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { buildPages } from '../discord/pages.js';
import { accountName, actorName, cite, quoted, sourceFooter, sourceLink } from './format.js';

/** The article's direct quotes with speaker, account and ¶; optionally one speaker's. */
export function quotesPages(article: Article, speaker?: string): APIEmbed[] {
  const quotes = article.model.quotes.filter((q) => !speaker || q.speaker === speaker);
  const lines = quotes.map(
    (q) =>
      `${quoted(q.text)} — **${actorName(article, q.speaker)}** (${cite([q.cite])})\n${q.context} _Reported by ${accountName(article, q.account)}_ (${cite([q.cite])})`,
  );
  const who = speaker ? actorName(article, speaker) : undefined;
  if (lines.length === 0) {
    lines.push(
      who
        ? `The article quotes nothing directly from ${who}. Try /who name:${who} for what they said in paraphrase.`
        : 'The article has no direct quotes.',
    );
  }
  return buildPages(
    {
      title: who ? `Direct quotes — ${who}` : 'Direct quotes',
      footer: `Quoted words are verbatim · ${sourceFooter(article)}`,
      ...sourceLink(article),
    },
    [],
    lines.flatMap((l, i) => (i === 0 ? [l] : ['', l])),
  );
}
