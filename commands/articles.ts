import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { serverCommand } from '../src/discord/definitions.js';
import { discordError } from '../src/discord/messages.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';
import { chooseArticle, currentArticle } from '../src/library/choice.js';
import { libraryError } from '../src/library/messages.js';
import { ARTICLE_OPTION, articleOption, completeArticle } from '../src/library/option.js';
import { libraryPages, switchedContent } from '../src/library/render.js';

function guildOf(interaction: ChatInputCommandInteraction): string {
  const guildId = interaction.guildId;
  if (!interaction.inGuild() || !guildId) {
    throw libraryError('articles-in-dm');
  }
  return guildId;
}

export default {
  data: serverCommand('articles', 'The library of articles, and which one this server discusses')
    .addSubcommand((s) =>
      s.setName('list').setDescription('Every article, with how many comments each has in this server'),
    )
    .addSubcommand((s) =>
      s
        .setName('use')
        .setDescription('Manage Server: switch the article this server discusses')
        .addStringOption((o) =>
          articleOption('The article this server discusses from now on')(o).setRequired(true),
        ),
    ),

  async execute(interaction, ctx) {
    const guildId = guildOf(interaction);
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'list') {
      const [current, counts] = await Promise.all([
        currentArticle(ctx, guildId),
        ctx.comments.countByArticle(guildId),
      ]);
      await sendPaged(interaction, ctx, { pages: libraryPages(ctx.library, current, counts) });
      return;
    }
    if (sub === 'use') {
      const previous = await currentArticle(ctx, guildId);
      const article = await chooseArticle(
        ctx,
        {
          guildId,
          manageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
        },
        interaction.options.getString(ARTICLE_OPTION, true),
      );
      const counts = await ctx.comments.countByArticle(guildId);
      const m = interaction.member;
      const by =
        m && 'displayName' in m && typeof m.displayName === 'string'
          ? m.displayName
          : interaction.user.displayName;
      await ctx.respond.send({
        content: switchedContent(article, previous, by, counts.get(article.id) ?? 0),
        ephemeral: article.id === previous.id,
      });
      return;
    }
    throw libraryError('unknown-articles-subcommand', { sub });
  },

  async autocomplete(interaction, ctx) {
    if (!(await completeArticle(interaction, ctx))) await interaction.respond([]);
  },

  examples: (article) => ['/articles list', `/summary length:brief article:${article.id}`],

  async button(interaction, ctx) {
    // Only the ◀ ▶ of a long list: rebuilt from the store, as it is now.
    const guildId = interaction.guildId;
    if (!guildId) throw discordError('stale-page');
    await turnPage(interaction, ctx, async () => {
      const [current, counts] = await Promise.all([
        currentArticle(ctx, guildId),
        ctx.comments.countByArticle(guildId),
      ]);
      return { pages: libraryPages(ctx.library, current, counts) };
    });
  },
} satisfies Command;
