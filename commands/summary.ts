import { SUMMARY_LENGTHS, summaryPages } from '../src/answers/summary.js';
import type { SummaryLength } from '../src/article/schema.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';
import {
  articleOption,
  articleState,
  chosenArticle,
  completeArticle,
  fromArticleState,
} from '../src/library/option.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  length: 'length',
} as const;

const isLength = (v: string | null | undefined): v is SummaryLength => SUMMARY_LENGTHS.some((l) => l === v);

export default {
  data: articleCommand('summary', 'Summarise the article, every point cited to its paragraph')
    .addStringOption((o) =>
      o
        .setName(OPTION.length)
        .setDescription('How much detail (default: standard)')
        .addChoices(
          { name: 'brief — one or two sentences', value: 'brief' },
          { name: 'standard — the key points', value: 'standard' },
          { name: 'full — one point per paragraph', value: 'full' },
        ),
    )
    .addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const option = interaction.options.getString(OPTION.length);
    const length = isLength(option) ? option : 'standard';
    await sendPaged(
      interaction,
      ctx,
      { pages: summaryPages(article, length) },
      articleState(article, length),
    );
  },

  async autocomplete(interaction, ctx) {
    if (!(await completeArticle(interaction, ctx))) await interaction.respond([]);
  },

  examples: () => ['/summary length:brief', '/summary length:full'],

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) => {
      const { article, rest } = fromArticleState(ctx, state);
      const [length] = rest;
      return { pages: summaryPages(article, isLength(length) ? length : 'standard') };
    });
  },
} satisfies Command;
