import { topicsPages } from '../src/answers/positions.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

export default {
  data: articleCommand('topics', 'The topics the article covers, and which sides speak to each'),

  async execute(interaction, ctx) {
    const anchors = ctx.article.model.topics.map((t) => `topic:${t.id}`);
    const comments = await memberCommentsExtra(ctx, interaction.guildId, anchors);
    await sendPaged(interaction, ctx, topicsPages(ctx.article), [], comments);
  },

  examples: () => ['/topics'],

  async button(interaction, ctx, args) {
    await turnPage(interaction, ctx, 'topics', args, () => topicsPages(ctx.article));
  },
} satisfies Command;
