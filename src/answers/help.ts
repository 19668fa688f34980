import { type APIEmbed, chatInputApplicationCommandMention } from 'discord.js';
import type { Article } from '../article/article.js';
import { buildPages, type Section } from '../discord/pages.js';

export interface HelpEntry {
  name: string;
  description: string;
  subcommands: { name: string; description: string }[];
  examples: string[];
}

/**
 * Every command with an example. Once commands are deployed, their ids turn names into
 * clickable mentions (</who:123>); before that, plain names.
 */
export function helpPages(
  article: Article,
  entries: HelpEntry[],
  ids: ReadonlyMap<string, string>,
): APIEmbed[] {
  const mention = (name: string, sub?: string) => {
    const id = ids.get(name);
    if (!id) return sub ? `/${name} ${sub}` : `/${name}`;
    return sub
      ? chatInputApplicationCommandMention(name, sub, id)
      : chatInputApplicationCommandMention(name, id);
  };
  const sections: Section[] = entries.map((e) => {
    const lines =
      e.subcommands.length > 0
        ? e.subcommands.map((s) => `${mention(e.name, s.name)} — ${s.description}`)
        : [`${mention(e.name)} — ${e.description}`];
    for (const ex of e.examples) lines.push(`e.g. \`${ex}\``);
    return { name: `/${e.name}`, lines };
  });
  return buildPages(
    {
      title: 'Parley — discuss the article together',
      description: `Answers come only from the article “${article.model.headline}” (${article.model.outlet}), with a ¶ citation on every line.`,
      footer: 'Only you can see this help.',
    },
    sections,
  );
}
