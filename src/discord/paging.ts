import type { APIEmbed, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { HandlerCtx } from './command.js';
import { discordError } from './messages.js';
import { pagedReply, pageIdOf, parsePageId } from './pages.js';
import type { Reply } from './payload.js';

/** A paged answer: its pages, and what goes with every page (a content line, extra buttons). */
export interface PagedAnswer {
  pages: APIEmbed[];
  extra?: Reply;
}

/** Sends page 1 of a paged answer; `state` is what a page button needs to rebuild it. */
export async function sendPaged(
  interaction: ChatInputCommandInteraction,
  ctx: HandlerCtx,
  answer: PagedAnswer,
  state: string[] = [],
): Promise<void> {
  const ref = { command: interaction.commandName, owner: interaction.user.id, state };
  await ctx.respond.send(pagedReply(answer.pages, 0, pageIdOf(ref), answer.extra));
}

/**
 * A ◀ ▶ press. The answer is rebuilt from the button's own id, so presses work after a restart.
 * The member who ran the command turns the shared message; anyone else gets their own private
 * copy at that page instead of flipping it under the owner's feet.
 */
export async function turnPage(
  interaction: ButtonInteraction,
  ctx: HandlerCtx,
  rebuild: (state: string[]) => PagedAnswer | Promise<PagedAnswer>,
): Promise<void> {
  const parsed = parsePageId(interaction.customId);
  if (!parsed) throw discordError('stale-button');
  const { pages, extra } = await rebuild(parsed.state);
  if (pages.length === 0) throw discordError('stale-page');
  const isOwner = interaction.user.id === parsed.owner;
  const ref = { command: parsed.command, owner: interaction.user.id, state: parsed.state };
  const reply = pagedReply(pages, parsed.page, pageIdOf(ref), extra);
  if (isOwner) await ctx.respond.update(reply);
  else await ctx.respond.send({ ...reply, ephemeral: true });
}
