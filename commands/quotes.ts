import { answerError } from '../src/answers/messages.js';
import { quotesPages } from '../src/answers/quotes.js';
import { findActors } from '../src/article/queries.js';
import { focusedOption, toChoices } from '../src/discord/autocomplete.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { cutUnits } from '../src/discord/limits.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

const ALL = '*';

export default {
  data: articleCommand(
    'quotes',
    'The direct quotes in the article, with speaker and paragraph',
  ).addStringOption((o) =>
    o.setName('speaker').setDescription('Only this speaker').setMaxLength(100).setAutocomplete(true),
  ),

  async execute(interaction, ctx) {
    const query = interaction.options.getString('speaker')?.trim();
    if (!query) {
      await sendPaged(interaction, ctx, { pages: quotesPages(ctx.article) }, [ALL]);
      return;
    }
    const speaker = ctx.article.actor(query) ?? findActors(ctx.article, query)[0];
    if (!speaker) {
      const speakers = new Set(ctx.article.model.quotes.map((q) => ctx.article.actor(q.speaker)?.name ?? ''));
      throw answerError('unknown-speaker', { raw: cutUnits(query, 100), speakers: [...speakers] });
    }
    await sendPaged(interaction, ctx, { pages: quotesPages(ctx.article, speaker.id) }, [speaker.id]);
  },

  async autocomplete(interaction, ctx) {
    const query = focusedOption(interaction).value;
    const speakers = new Set(ctx.article.model.quotes.map((q) => q.speaker));
    const actors = (query.trim() ? findActors(ctx.article, query) : ctx.article.model.actors).filter((a) =>
      speakers.has(a.id),
    );
    await interaction.respond(toChoices(actors.map((a) => ({ name: a.name, value: a.id }))));
  },

  examples(article) {
    const speaker = article.model.quotes[0] && article.actor(article.model.quotes[0].speaker);
    return ['/quotes', ...(speaker ? [`/quotes speaker:${speaker.name}`] : [])];
  },

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, ([id]) => ({
      pages: id && id !== ALL ? quotesPages(ctx.article, id) : quotesPages(ctx.article),
    }));
  },
} satisfies Command;
