import { topicsPages } from '../src/answers/positions.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';

async function answer(ctx: HandlerCtx, guildId: string | null): Promise<PagedAnswer> {
  const anchors = ctx.article.model.topics.map((t) => `topic:${t.id}`);
  return { pages: topicsPages(ctx.article), extra: await memberCommentsExtra(ctx, guildId, anchors) };
}

export default {
  data: articleCommand('topics', 'The topics the article covers, and which sides speak to each'),

  async execute(interaction, ctx) {
    await sendPaged(interaction, ctx, await answer(ctx, interaction.guildId));
  },

  examples: () => ['/topics'],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, () => answer(ctx, interaction.guildId));
  },
} satisfies Command;
