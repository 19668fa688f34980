import { articleOverviewPages, paragraphPages } from '../src/answers/article.js';
import type { Article } from '../src/article/article.js';
import { articleCommentsExtra, memberCommentsExtra } from '../src/comments/member-comments.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';
import {
  articleOption,
  articleState,
  chosenArticle,
  completeArticle,
  fromArticleState,
} from '../src/library/option.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  paragraph: 'paragraph',
} as const;

const OVERVIEW = '0';

/** The overview (state "0") or paragraph n, with the server's member-comment counts. */
async function answer(
  ctx: HandlerCtx,
  article: Article,
  guildId: string | null,
  n: string | undefined,
): Promise<PagedAnswer> {
  if (!n || n === OVERVIEW) {
    return { pages: articleOverviewPages(article), extra: await articleCommentsExtra(ctx, article, guildId) };
  }
  const pages = paragraphPages(article, Number(n));
  return { pages, extra: await memberCommentsExtra(ctx, article, guildId, [`p:${n}`]) };
}

export default {
  data: articleCommand('article', 'The headline and details, or one paragraph verbatim')
    .addIntegerOption((o) =>
      o
        .setName(OPTION.paragraph)
        .setDescription('Paragraph number, e.g. 5 for ¶5')
        .setMinValue(1)
        .setMaxValue(999),
    )
    .addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const n = interaction.options.getInteger(OPTION.paragraph);
    const state = n === null ? OVERVIEW : String(n);
    await sendPaged(
      interaction,
      ctx,
      await answer(ctx, article, interaction.guildId, state),
      articleState(article, state),
    );
  },

  async autocomplete(interaction, ctx) {
    if (!(await completeArticle(interaction, ctx))) await interaction.respond([]);
  },

  examples: (article) => ['/article', `/article paragraph:${article.paragraphCount}`],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) => {
      const { article, rest } = fromArticleState(ctx, state);
      return answer(ctx, article, interaction.guildId, rest[0]);
    });
  },
} satisfies Command;
