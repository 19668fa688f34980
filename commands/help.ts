import { ApplicationCommandOptionType } from 'discord.js';
import { type HelpEntry, helpPages } from '../src/answers/help.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

export default {
  data: articleCommand('help', 'What Parley can do, with an example for every command'),
  defer: 'ephemeral',

  async execute(interaction, ctx) {
    await sendPaged(interaction, ctx, {
      pages: pages(ctx, await ctx.commandIds.get()),
      extra: { ephemeral: true },
    });
  },

  async button(interaction, ctx) {
    // Help is ephemeral: only its owner can press its buttons.
    await turnPage(interaction, ctx, async () => ({ pages: pages(ctx, await ctx.commandIds.get()) }));
  },
} satisfies Command;

function pages(ctx: HandlerCtx, ids: ReadonlyMap<string, string>) {
  const entries: HelpEntry[] = [...ctx.commands.values()].map((c) => {
    const json = c.data.toJSON();
    const subcommands = (json.options ?? [])
      .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
      .map((o) => ({ name: o.name, description: o.description }));
    return {
      name: json.name,
      description: json.description,
      subcommands,
      examples: c.examples?.(ctx.article) ?? [],
    };
  });
  return helpPages(ctx.article, entries, ids);
}
