import { ApplicationCommandOptionType } from 'discord.js';
import { type HelpEntry, helpPages } from '../src/answers/help.js';
import type { Article } from '../src/article/article.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';
import { currentArticle } from '../src/library/choice.js';

export default {
  data: articleCommand('help', 'What Parley can do, with an example for every command'),
  defer: 'ephemeral',

  async execute(interaction, ctx) {
    const article = await currentArticle(ctx, interaction.guildId, { defaultOnOutage: true });
    await sendPaged(interaction, ctx, {
      pages: pages(ctx, article, await ctx.commandIds.get()),
      extra: { ephemeral: true },
    });
  },

  async button(interaction, ctx) {
    // Help is ephemeral: only its owner can press its buttons.
    const article = await currentArticle(ctx, interaction.guildId, { defaultOnOutage: true });
    await turnPage(interaction, ctx, async () => ({
      pages: pages(ctx, article, await ctx.commandIds.get()),
    }));
  },
} satisfies Command;

/** Help with examples drawn from the server's article. */
function pages(ctx: HandlerCtx, article: Article, ids: ReadonlyMap<string, string>) {
  const entries: HelpEntry[] = [...ctx.commands.values()].map((c) => {
    const json = c.data.toJSON();
    const subcommands = (json.options ?? [])
      .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
      .map((o) => ({ name: o.name, description: o.description }));
    return {
      name: json.name,
      description: json.description,
      subcommands,
      examples: c.examples?.(article) ?? [],
    };
  });
  return helpPages(article, entries, ids);
}
