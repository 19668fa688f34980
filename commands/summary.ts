import { SUMMARY_LENGTHS, summaryPages } from '../src/answers/summary.js';
import type { SummaryLength } from '../src/article/schema.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

const isLength = (v: string | null | undefined): v is SummaryLength => SUMMARY_LENGTHS.some((l) => l === v);

export default {
  data: articleCommand(
    'summary',
    'Summarise the article, every point cited to its paragraph',
  ).addStringOption((o) =>
    o
      .setName('length')
      .setDescription('How much detail (default: standard)')
      .addChoices(
        { name: 'brief — one or two sentences', value: 'brief' },
        { name: 'standard — the key points', value: 'standard' },
        { name: 'full — one point per paragraph', value: 'full' },
      ),
  ),

  async execute(interaction, ctx) {
    const option = interaction.options.getString('length');
    const length = isLength(option) ? option : 'standard';
    await sendPaged(interaction, ctx, { pages: summaryPages(ctx.article, length) }, [length]);
  },

  examples: () => ['/summary length:brief', '/summary length:full'],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, ([length]) => ({
      pages: summaryPages(ctx.article, isLength(length) ? length : 'standard'),
    }));
  },
} satisfies Command;
