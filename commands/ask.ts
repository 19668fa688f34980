import { answerQuestion } from '../src/ask/answer.js';
import { MAX_QUESTION_LENGTH } from '../src/ask/question.js';
import { askReply } from '../src/ask/reply.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { articleOption, chosenArticle, completeArticle } from '../src/library/option.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  question: 'question',
} as const;

export default {
  data: articleCommand('ask', 'Ask a question; the answer comes only from the article, with ¶ and quotes')
    .addStringOption((o) =>
      o
        .setName(OPTION.question)
        .setDescription('e.g. “Who led the talks?” — answered from the article alone')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addStringOption(articleOption('Ask about another article of the library')),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const question = interaction.options.getString(OPTION.question, true);
    // Each article has its own engine, built from its own model only.
    await ctx.respond.send(askReply(article, answerQuestion(ctx.ask.for(article), question)));
  },

  async autocomplete(interaction, ctx) {
    if (!(await completeArticle(interaction, ctx))) await interaction.respond([]);
  },

  examples(article) {
    const person = article.model.actors.find((a) => a.kind === 'person');
    const topic = article.model.topics[0];
    return [
      ...(person ? [`/ask question:Who is ${person.name}?`] : []),
      ...(topic ? [`/ask question:What does the article say about ${topic.name}?`] : []),
    ];
  },
} satisfies Command;
