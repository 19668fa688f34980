import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';
import { type HelpEntry, helpPages } from '../src/answers/help.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

/** Ids of the deployed commands (guild or global), for clickable mentions; empty if unknown. */
async function deployedIds(interaction: ChatInputCommandInteraction): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const sources = [interaction.client.application.commands.fetch(), interaction.guild?.commands.fetch()];
  for (const source of sources) {
    const fetched = await source?.catch(() => undefined);
    for (const command of fetched?.values() ?? []) ids.set(command.name, command.id);
  }
  return ids;
}

export default {
  data: articleCommand('help', 'What Parley can do, with an example for every command'),

  async execute(interaction, ctx) {
    const ids = await deployedIds(interaction);
    await sendPaged(interaction, ctx, { pages: pages(ctx, ids), extra: { ephemeral: true } });
  },

  async button(interaction, ctx) {
    // Help is ephemeral: only its owner can press its buttons, and ids need no refetch to turn a page.
    await turnPage(interaction, ctx, () => ({ pages: pages(ctx, new Map()) }));
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
