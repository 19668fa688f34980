import { articleOverviewPages, paragraphPages } from '../src/answers/article.js';
import { articleCommentsExtra, memberCommentsExtra } from '../src/comments/member-comments.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

const OVERVIEW = '0';

export default {
  data: articleCommand('article', 'The headline and details, or one paragraph verbatim').addIntegerOption(
    (o) =>
      o
        .setName('paragraph')
        .setDescription('Paragraph number, e.g. 5 for ¶5')
        .setMinValue(1)
        .setMaxValue(999),
  ),

  async execute(interaction, ctx) {
    const n = interaction.options.getInteger('paragraph');
    if (n === null) {
      const comments = await articleCommentsExtra(ctx, interaction.guildId);
      await sendPaged(interaction, ctx, articleOverviewPages(ctx.article), [OVERVIEW], comments);
    } else {
      const pages = paragraphPages(ctx.article, n);
      const comments = await memberCommentsExtra(ctx, interaction.guildId, [`p:${n}`]);
      await sendPaged(interaction, ctx, pages, [String(n)], comments);
    }
  },

  examples: (article) => ['/article', `/article paragraph:${article.paragraphCount}`],

  async button(interaction, ctx, args) {
    await turnPage(interaction, ctx, 'article', args, ([n]) =>
      !n || n === OVERVIEW ? articleOverviewPages(ctx.article) : paragraphPages(ctx.article, Number(n)),
    );
  },
} satisfies Command;
