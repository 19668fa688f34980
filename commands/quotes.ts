import { answerError } from '../src/answers/messages.js';
import { quotesPages } from '../src/answers/quotes.js';
import { findActors } from '../src/article/queries.js';
import { focusedOption, toChoices } from '../src/discord/autocomplete.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { cutUnits } from '../src/discord/limits.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';
import {
  articleOption,
  articleState,
  articleWhileTyping,
  chosenArticle,
  completeArticle,
  fromArticleState,
} from '../src/library/option.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  speaker: 'speaker',
} as const;

const ALL = '*';

export default {
  data: articleCommand('quotes', 'The direct quotes in the article, with speaker and paragraph')
    .addStringOption((o) =>
      o.setName(OPTION.speaker).setDescription('Only this speaker').setMaxLength(100).setAutocomplete(true),
    )
    .addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const query = interaction.options.getString(OPTION.speaker)?.trim();
    if (!query) {
      await sendPaged(interaction, ctx, { pages: quotesPages(article) }, articleState(article, ALL));
      return;
    }
    const speaker = article.actor(query) ?? findActors(article, query)[0];
    if (!speaker) {
      const speakers = new Set(article.model.quotes.map((q) => article.actor(q.speaker)?.name ?? ''));
      throw answerError('unknown-speaker', { raw: cutUnits(query, 100), speakers: [...speakers] });
    }
    await sendPaged(
      interaction,
      ctx,
      { pages: quotesPages(article, speaker.id) },
      articleState(article, speaker.id),
    );
  },

  async autocomplete(interaction, ctx) {
    if (await completeArticle(interaction, ctx)) return;
    const article = await articleWhileTyping(interaction, ctx);
    const query = focusedOption(interaction).value;
    const speakers = new Set(article.model.quotes.map((q) => q.speaker));
    const actors = (query.trim() ? findActors(article, query) : article.model.actors).filter((a) =>
      speakers.has(a.id),
    );
    await interaction.respond(toChoices(actors.map((a) => ({ name: a.name, value: a.id }))));
  },

  examples(article) {
    const speaker = article.model.quotes[0] && article.actor(article.model.quotes[0].speaker);
    return ['/quotes', ...(speaker ? [`/quotes speaker:${speaker.name}`] : [])];
  },

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) => {
      const { article, rest } = fromArticleState(ctx, state);
      const [id] = rest;
      return { pages: id && id !== ALL ? quotesPages(article, id) : quotesPages(article) };
    });
  },
} satisfies Command;
