import { articleOverviewPages, paragraphPages } from '../src/answers/article.js';
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
    if (n === null) await sendPaged(interaction, ctx, articleOverviewPages(ctx.article), [OVERVIEW]);
    else await sendPaged(interaction, ctx, paragraphPages(ctx.article, n), [String(n)]);
  },

  examples: (article) => ['/article', `/article paragraph:${article.paragraphCount}`],

  async button(interaction, ctx, args) {
    await turnPage(interaction, ctx, 'article', args, ([n]) =>
      !n || n === OVERVIEW ? articleOverviewPages(ctx.article) : paragraphPages(ctx.article, Number(n)),
    );
  },
} satisfies Command;
