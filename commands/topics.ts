import { topicsPages } from '../src/answers/positions.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

export default {
  data: articleCommand('topics', 'The topics the article covers, and which sides speak to each'),

  async execute(interaction, ctx) {
    await sendPaged(interaction, ctx, topicsPages(ctx.article));
  },

  examples: () => ['/topics'],

  async button(interaction, ctx, args) {
    await turnPage(interaction, ctx, 'topics', args, () => topicsPages(ctx.article));
  },
} satisfies Command;
