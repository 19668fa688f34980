import { articleOverviewPages, paragraphPages } from '../src/answers/article.js';
import { articleCommentsExtra, memberCommentsExtra } from '../src/comments/member-comments.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';

const OVERVIEW = '0';

/** The overview (state "0") or paragraph n, with the server's member-comment counts. */
async function answer(ctx: HandlerCtx, guildId: string | null, n: string | undefined): Promise<PagedAnswer> {
  if (!n || n === OVERVIEW) {
    return { pages: articleOverviewPages(ctx.article), extra: await articleCommentsExtra(ctx, guildId) };
  }
  const pages = paragraphPages(ctx.article, Number(n));
  return { pages, extra: await memberCommentsExtra(ctx, guildId, [`p:${n}`]) };
}

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
    const state = n === null ? OVERVIEW : String(n);
    await sendPaged(interaction, ctx, await answer(ctx, interaction.guildId, state), [state]);
  },

  examples: (article) => ['/article', `/article paragraph:${article.paragraphCount}`],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, ([n]) => answer(ctx, interaction.guildId, n));
  },
} satisfies Command;
