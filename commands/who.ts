import { lookupActor, profilePages, rosterPages, unknownActorPages } from '../src/answers/who.js';
import { findActors } from '../src/article/queries.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import { focusedOption, toChoices } from '../src/discord/autocomplete.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';

const ROSTER = '*';

/** The roster, or one actor's profile with the member comments on them. */
async function answer(ctx: HandlerCtx, guildId: string | null, id: string | undefined): Promise<PagedAnswer> {
  if (id === ROSTER) return { pages: rosterPages(ctx.article) };
  const actor = id ? ctx.article.actor(id) : undefined;
  if (!actor) return { pages: [] };
  return {
    pages: profilePages(ctx.article, actor),
    extra: await memberCommentsExtra(ctx, guildId, [`actor:${actor.id}`]),
  };
}

export default {
  data: articleCommand('who', "Who's who in the article, or one person or group's profile").addStringOption(
    (o) =>
      o
        .setName('name')
        .setDescription('A person, group or place (name or part of it)')
        .setMaxLength(100)
        .setAutocomplete(true),
  ),

  async execute(interaction, ctx) {
    const name = interaction.options.getString('name')?.trim();
    if (!name) {
      await sendPaged(interaction, ctx, await answer(ctx, interaction.guildId, ROSTER), [ROSTER]);
      return;
    }
    const found = lookupActor(ctx.article, name);
    if (found.kind === 'unknown') {
      await ctx.respond.send({
        embeds: unknownActorPages(ctx.article, name, found.suggestions),
        ephemeral: true,
      });
      return;
    }
    await sendPaged(interaction, ctx, await answer(ctx, interaction.guildId, found.actor.id), [
      found.actor.id,
    ]);
  },

  async autocomplete(interaction, ctx) {
    const query = focusedOption(interaction).value;
    const actors = query.trim() ? findActors(ctx.article, query) : ctx.article.model.actors;
    const matches = actors.length > 0 ? actors : ctx.article.suggestActors(query, 10);
    await interaction.respond(toChoices(matches.map((a) => ({ name: a.name, value: a.id }))));
  },

  examples(article) {
    const person = article.model.actors.find((a) => a.kind === 'person');
    const short = person?.aliases.map((a) => a.text).sort((a, b) => a.length - b.length)[0] ?? person?.name;
    return short ? ['/who', `/who name:${short}`] : ['/who'];
  },

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, ([id]) => answer(ctx, interaction.guildId, id));
  },
} satisfies Command;
