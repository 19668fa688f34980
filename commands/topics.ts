import { topicsPages } from '../src/answers/positions.js';
import type { Article } from '../src/article/article.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
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

async function answer(ctx: HandlerCtx, article: Article, guildId: string | null): Promise<PagedAnswer> {
  const anchors = article.model.topics.map((t) => `topic:${t.id}`);
  return { pages: topicsPages(article), extra: await memberCommentsExtra(ctx, article, guildId, anchors) };
}

export default {
  data: articleCommand(
    'topics',
    'The topics the article covers, and which sides speak to each',
  ).addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    await sendPaged(interaction, ctx, await answer(ctx, article, interaction.guildId), articleState(article));
  },

  async autocomplete(interaction, ctx) {
    if (!(await completeArticle(interaction, ctx))) await interaction.respond([]);
  },

  examples: () => ['/topics'],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) =>
      answer(ctx, fromArticleState(ctx, state).article, interaction.guildId),
    );
  },
} satisfies Command;
