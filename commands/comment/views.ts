/** What /comment shows, shared by its subcommands, buttons and forms. */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { recordCard, refreshCards } from '../../src/comments/cards.js';
import { commentButtons } from '../../src/comments/custom-ids.js';
import { type Comment, STANCES, type Stance } from '../../src/comments/domain.js';
import { COMMENT_TEXT } from '../../src/comments/messages.js';
import { pageCountOf } from '../../src/comments/policy.js';
import { commentCard, listEmbed, nameInText, PUBLIC_VIEW, threadPages } from '../../src/comments/render.js';
import {
  articleOf,
  editComment,
  type ListRequest,
  listComments,
  type Member,
  replyTo,
  threadOf,
  unknownComment,
} from '../../src/comments/service.js';
import { COMMENT_MAX_LENGTH } from '../../src/comments/text.js';
import type { HandlerCtx } from '../../src/discord/command.js';
import { clip, LIMITS } from '../../src/discord/limits.js';
import { pagedReply, pagerRow } from '../../src/discord/pages.js';
import type { Reply } from '../../src/discord/payload.js';
import { articleRef } from '../../src/library/library.js';
import { isStance, viewerOf } from './member.js';
import { FIELD } from './options.js';

/** A stance as a select value (no spaces), and back. */
const stanceSlug = (s: Stance) => s.replace(' ', '_');
const stanceFromSlug = (slug: string): Stance | null => {
  const s = slug.replace('_', ' ');
  return isStance(s) ? s : null;
};

/** The form for writing a comment: the text, and a stance to pick unless the command set one. */
export function commentModal(
  customId: string,
  title: string,
  askStance: boolean,
  /** The text already there (the edit form). */
  value?: string,
): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(FIELD.text)
    .setStyle(TextInputStyle.Paragraph)
    .setMinLength(1)
    .setMaxLength(COMMENT_MAX_LENGTH)
    .setRequired(true);
  if (value !== undefined) input.setValue(value);
  const modal = new ModalBuilder().setCustomId(customId).setTitle(clip(title, LIMITS.modalTitle));
  modal.addLabelComponents(
    new LabelBuilder()
      .setLabel('Your comment')
      .setDescription(`Up to ${COMMENT_MAX_LENGTH} characters. Plain text; no headings or code blocks.`)
      .setTextInputComponent(input),
  );
  if (askStance) {
    modal.addLabelComponents(
      new LabelBuilder().setLabel('Stance (optional)').setStringSelectMenuComponent(
        new StringSelectMenuBuilder()
          .setCustomId(FIELD.stance)
          .setRequired(false)
          .setMinValues(0)
          .setMaxValues(1)
          .addOptions(STANCES.map((s) => ({ label: s, value: stanceSlug(s) }))),
      ),
    );
  }
  return modal;
}

/** The stance picked in the form; without a stance field, the one the command carried. */
export function modalStance(interaction: ModalSubmitInteraction, fallback: Stance | null): Stance | null {
  const field = interaction.fields.fields.get(FIELD.stance);
  if (!field || !('values' in field) || !Array.isArray(field.values)) return fallback;
  const [value] = field.values as readonly string[];
  return value === undefined ? null : stanceFromSlug(value);
}

export async function sendCard(ctx: HandlerCtx, member: Member, n: number, ephemeral = false): Promise<void> {
  const c = await ctx.comments.get(member.guildId, n);
  if (!c) throw unknownComment(n);
  const parent = c.parent === null ? undefined : await ctx.comments.get(member.guildId, c.parent);
  await ctx.respond.send({
    ...commentCard(articleOf(ctx, c), c, { parent, viewer: viewerOf(member) }),
    ephemeral,
  });
}

/** Posts a reply and pings the replied-to author (only them, and never yourself). */
export async function postReply(
  ctx: HandlerCtx,
  member: Member,
  parentNumber: number,
  text: string,
  stance: Stance | null,
): Promise<void> {
  const { comment, parent } = await replyTo(ctx, member, parentNumber, { text, stance });
  const card = commentCard(articleOf(ctx, comment), comment, { parent });
  const sent = await ctx.respond.send(
    parent.authorId === member.userId
      ? card
      : {
          ...card,
          content: COMMENT_TEXT.replied(parent.authorId, nameInText(member.name), parent.number),
          allowedMentions: { users: [parent.authorId] },
        },
  );
  await recordCard(ctx, comment.guildId, comment.number, sent);
  // The parent counts one more reply: its posted cards say so.
  await refreshCards(ctx, parent);
}

/** Posts a new comment's card and remembers the message, so the card follows later changes. */
export async function postCard(ctx: HandlerCtx, comment: Comment): Promise<void> {
  const sent = await ctx.respond.send(commentCard(articleOf(ctx, comment), comment));
  await recordCard(ctx, comment.guildId, comment.number, sent);
}

/** The message a button was pressed on, when it is a public card (cards posted before refs existed too). */
export async function recordPressedCard(
  interaction: ButtonInteraction,
  ctx: HandlerCtx,
  comment: Comment,
): Promise<void> {
  if (interaction.message.flags.has(MessageFlags.Ephemeral)) return;
  if (comment.cards?.some((c) => c.messageId === interaction.message.id)) return;
  await recordCard(ctx, comment.guildId, comment.number, {
    channelId: interaction.message.channelId,
    messageId: interaction.message.id,
  });
}

/** After an edit (command or form): the member's private copy, then every posted card. */
export async function editAndShow(ctx: HandlerCtx, member: Member, n: number, text: string): Promise<void> {
  const edited = await editComment(ctx, member, n, text);
  await sendCard(ctx, member, n, true);
  await refreshCards(ctx, edited);
}

export async function showList(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: HandlerCtx,
  member: Member,
  request: ListRequest & { strict?: boolean },
  mode: 'send' | 'ephemeral' | 'update',
): Promise<void> {
  const { result, anchor, page } = await listComments(ctx, member, request);
  const embed = listEmbed(request.article, result, { anchor, sort: request.sort, page });
  const pages = pageCountOf(result.total);
  const owner = interaction.user.id;
  const article = articleRef(request.article.id);
  const pageId = (p: number) =>
    commentButtons.encode({
      kind: 'pl',
      owner,
      page: p,
      sort: request.sort,
      article,
      anchor: anchor ?? null,
    });
  const reply = { embeds: [embed], components: pages > 1 ? [pagerRow(pageId, page, pages)] : [] };
  if (mode === 'update') await ctx.respond.update(reply);
  else await ctx.respond.send({ ...reply, ephemeral: mode === 'ephemeral' });
}

/**
 * A thread page. A moderator sees hidden comments' text only privately: when the answer lands where
 * everyone sees it (`shared`), hidden comments stay placeholders. Returns whether it revealed any.
 */
export async function threadReply(
  ctx: HandlerCtx,
  member: Member,
  ref: { n: number; page: number; owner: string; shared: boolean },
): Promise<{ reply: Reply; revealed: boolean }> {
  const lines = await threadOf(ctx, member, ref.n);
  const revealed = member.moderator && !ref.shared && lines.some((l) => l.comment?.hidden === true);
  const first = lines.find((l) => l.comment !== null)?.comment;
  const article = first ? articleOf(ctx, first) : undefined;
  const pages = threadPages(article, lines, revealed ? viewerOf(member) : PUBLIC_VIEW);
  const pageId = (page: number) => commentButtons.encode({ kind: 'pt', owner: ref.owner, page, n: ref.n });
  return { reply: pagedReply(pages, ref.page, pageId), revealed };
}
