import type { AutocompleteInteraction } from 'discord.js';
import { anchorChoices } from '../../src/comments/anchors.js';
import type { Member } from '../../src/comments/service.js';
import { parseCommentId } from '../../src/comments/text.js';
import type { Ctx } from '../../src/context.js';
import { focusedOption, toChoices } from '../../src/discord/autocomplete.js';
import { currentArticle } from '../../src/library/choice.js';
import { articleWhileTyping, completeArticle } from '../../src/library/option.js';
import { memberOf } from './member.js';
import { OPT } from './options.js';

/** Recent comments for an `id` option: "#12 · Ana: I think the…"; hidden ones only for moderators. */
async function idChoices(interaction: AutocompleteInteraction, ctx: Ctx, member: Member, query: string) {
  // The server's current discussion first; any other number can still be typed.
  const article = await currentArticle(ctx, member.guildId, { defaultOnOutage: true });
  const recent = await ctx.comments.recent(member.guildId, 25, article.id);
  const q = query.trim().replace(/^#/, '').toLowerCase();
  const visible = recent.filter((c) => !c.hidden || member.moderator);
  const matches = visible.filter(
    (c) =>
      q === '' ||
      String(c.number).startsWith(q) ||
      c.authorName.toLowerCase().includes(q) ||
      c.text.toLowerCase().includes(q),
  );
  const choices = matches.map((c) => ({
    name: `${c.hidden ? '🚩 ' : ''}#${c.number} · ${c.authorName}: ${c.text.replace(/\s+/g, ' ')}`,
    value: String(c.number),
  }));
  // A number typed outside the recent window is still a valid id: offer it as is.
  const typed = parseCommentId(query);
  if (typed !== undefined && !choices.some((c) => c.value === String(typed))) {
    choices.unshift({ name: `#${typed}`, value: String(typed) });
  }
  await interaction.respond(toChoices(choices));
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: Ctx): Promise<void> {
  if (!interaction.inGuild()) {
    await interaction.respond([]);
    return;
  }
  if (await completeArticle(interaction, ctx)) return;
  const focused = focusedOption(interaction);
  if (focused.name === OPT.on) {
    const article = await articleWhileTyping(interaction, ctx);
    await interaction.respond(toChoices(anchorChoices(article, focused.value)));
    return;
  }
  if (focused.name === OPT.id) {
    await idChoices(interaction, ctx, memberOf(interaction), focused.value);
    return;
  }
  await interaction.respond([]);
}
