import { lookupActor, profilePages, rosterPages, unknownActorPages } from '../src/answers/who.js';
import type { Article } from '../src/article/article.js';
import { findActors } from '../src/article/queries.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import { focusedOption, toChoices } from '../src/discord/autocomplete.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';
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
  name: 'name',
} as const;

const ROSTER = '*';

/** The roster, or one actor's profile with the member comments on them. */
async function answer(
  ctx: HandlerCtx,
  article: Article,
  guildId: string | null,
  id: string | undefined,
): Promise<PagedAnswer> {
  if (id === ROSTER) return { pages: rosterPages(article) };
  const actor = id ? article.actor(id) : undefined;
  if (!actor) return { pages: [] };
  return {
    pages: profilePages(article, actor),
    extra: await memberCommentsExtra(ctx, article, guildId, [`actor:${actor.id}`]),
  };
}

export default {
  data: articleCommand('who', "Who's who in the article, or one person or group's profile")
    .addStringOption((o) =>
      o
        .setName(OPTION.name)
        .setDescription('A person, group or place (name or part of it)')
        .setMaxLength(100)
        .setAutocomplete(true),
    )
    .addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const name = interaction.options.getString(OPTION.name)?.trim();
    if (!name) {
      await sendPaged(
        interaction,
        ctx,
        await answer(ctx, article, interaction.guildId, ROSTER),
        articleState(article, ROSTER),
      );
      return;
    }
    const found = lookupActor(article, name);
    if (found.kind === 'unknown') {
      await ctx.respond.send({
        embeds: unknownActorPages(article, name, found.suggestions),
        ephemeral: true,
      });
      return;
    }
    await sendPaged(
      interaction,
      ctx,
      await answer(ctx, article, interaction.guildId, found.actor.id),
      articleState(article, found.actor.id),
    );
  },

  async autocomplete(interaction, ctx) {
    if (await completeArticle(interaction, ctx)) return;
    const article = await articleWhileTyping(interaction, ctx);
    const query = focusedOption(interaction).value;
    const actors = query.trim() ? findActors(article, query) : article.model.actors;
    const matches = actors.length > 0 ? actors : article.suggestActors(query, 10);
    await interaction.respond(toChoices(matches.map((a) => ({ name: a.name, value: a.id }))));
  },

  examples(article) {
    const person = article.model.actors.find((a) => a.kind === 'person');
    const short = person?.aliases.map((a) => a.text).sort((a, b) => a.length - b.length)[0] ?? person?.name;
    return short ? ['/who', `/who name:${short}`] : ['/who'];
  },

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) => {
      const { article, rest } = fromArticleState(ctx, state);
      return answer(ctx, article, interaction.guildId, rest[0]);
    });
  },
} satisfies Command;
