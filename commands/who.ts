import { lookupActor, profilePages, rosterPages, unknownActorPages } from '../src/answers/who.js';
import { findActors } from '../src/article/queries.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import { toChoices } from '../src/discord/autocomplete.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { sendPaged, turnPage } from '../src/discord/paging.js';

const ROSTER = '*';

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
      await sendPaged(interaction, ctx, rosterPages(ctx.article), [ROSTER]);
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
    const comments = await memberCommentsExtra(ctx, interaction.guildId, [`actor:${found.actor.id}`]);
    await sendPaged(interaction, ctx, profilePages(ctx.article, found.actor), [found.actor.id], comments);
  },

  async autocomplete(interaction, ctx) {
    const query = interaction.options.getFocused();
    const actors = query.trim() ? findActors(ctx.article, query) : ctx.article.model.actors;
    const matches = actors.length > 0 ? actors : ctx.article.suggestActors(query, 10);
    await interaction.respond(toChoices(matches.map((a) => ({ name: a.name, value: a.id }))));
  },

  examples(article) {
    const person = article.model.actors.find((a) => a.kind === 'person');
    const short = person?.aliases.map((a) => a.text).sort((a, b) => a.length - b.length)[0] ?? person?.name;
    return short ? ['/who', `/who name:${short}`] : ['/who'];
  },

  async button(interaction, ctx, args) {
    await turnPage(interaction, ctx, 'who', args, ([id]) => {
      if (id === ROSTER) return rosterPages(ctx.article);
      const actor = id ? ctx.article.actor(id) : undefined;
      return actor ? profilePages(ctx.article, actor) : [];
    });
  },
} satisfies Command;
