/** One small handler per kind of /comment button (see src/comments/custom-ids.ts). */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { refreshCards, refreshRemovals } from '../../src/comments/cards.js';
import { type CommentButton, commentModals } from '../../src/comments/custom-ids.js';
import { COMMENT_TEXT, commentError } from '../../src/comments/messages.js';
import { deleteMine } from '../../src/comments/moderation.js';
import { describeComment, modLog } from '../../src/comments/modlog.js';
import { commentCard } from '../../src/comments/render.js';
import {
  articleOf,
  cooldownError,
  cooldownLeft,
  flagComment,
  liveComment,
  type Member,
  voteOn,
} from '../../src/comments/service.js';
import type { HandlerCtx } from '../../src/discord/command.js';
import type { HandlerTable } from '../../src/discord/custom-ids.js';
import { fromArticleState } from '../../src/library/option.js';
import { commentModal, recordPressedCard, showList, threadReply } from './views.js';

/** The card's parent, for the "↳ reply to" line when the card is redrawn. */
const parentOf = (ctx: HandlerCtx, member: Member, parent: number | null) =>
  parent === null ? undefined : ctx.comments.get(member.guildId, parent);

export const buttons: HandlerTable<CommentButton, [ButtonInteraction, HandlerCtx, Member]> = {
  /** A ◀ ▶ press on a list: the owner turns the shared message, others get a private copy. */
  async pl(id, interaction, ctx, member) {
    const mode = id.owner === interaction.user.id ? 'update' : 'ephemeral';
    const { article } = fromArticleState(ctx, [id.article]);
    const request = { article, on: id.anchor ?? undefined, sort: id.sort, page: id.page };
    await showList(interaction, ctx, member, request, mode);
  },

  async pt(id, interaction, ctx, member) {
    const isOwner = id.owner === interaction.user.id;
    const shared = isOwner && !interaction.message.flags.has(MessageFlags.Ephemeral);
    const owner = interaction.user.id;
    const { reply } = await threadReply(ctx, member, { n: id.n, page: id.page, owner, shared });
    if (isOwner) await ctx.respond.update(reply);
    else await ctx.respond.send({ ...reply, ephemeral: true });
  },

  async list(id, interaction, ctx, member) {
    const { article } = fromArticleState(ctx, [id.article]);
    const request = { article, on: id.anchor ?? undefined, sort: 'newest' as const, page: 0 };
    await showList(interaction, ctx, member, request, 'ephemeral');
  },

  async reply({ n }, _interaction, ctx, member) {
    const parent = await liveComment(ctx, member, n, 'reply to');
    const wait = await cooldownLeft(ctx, member);
    if (wait > 0) throw cooldownError(wait);
    const id = commentModals.encode({ kind: 'reply', n });
    await ctx.respond.showModal(commentModal(id, `Reply to #${n} by ${parent.authorName}`, true));
  },

  async vote({ n }, interaction, ctx, member) {
    const { comment, voted } = await voteOn(ctx, member, n);
    const parent = await parentOf(ctx, member, comment.parent);
    await ctx.respond.update(commentCard(articleOf(ctx, comment), comment, { parent }));
    await recordPressedCard(interaction, ctx, comment);
    await ctx.respond.send({
      content: COMMENT_TEXT.voted(n, voted),
      ephemeral: true,
    });
    // The pressed card is updated above; the comment's other posted cards show the new 👍 too.
    await refreshCards(ctx, comment, interaction.message.id);
  },

  async flag({ n }, interaction, ctx, member) {
    const { comment, added, threshold } = await flagComment(ctx, member, n);
    if (!added) {
      await ctx.respond.send({ content: COMMENT_TEXT.alreadyFlagged(n), ephemeral: true });
      return;
    }
    if (comment.hidden) {
      const parent = await parentOf(ctx, member, comment.parent);
      await ctx.respond.update(commentCard(articleOf(ctx, comment), comment, { parent }));
    }
    await ctx.respond.send({
      content: COMMENT_TEXT.flagged(n, comment.hidden, threshold),
      ephemeral: true,
    });
    await recordPressedCard(interaction, ctx, comment);
    if (comment.hidden && comment.flags.length === threshold) {
      // This flag hid it: every posted card says so, and the mod-log gets one line.
      await refreshCards(ctx, comment);
      await modLog(
        ctx,
        member.guildId,
        `Auto-hidden after ${threshold} flags: ${describeComment(comment)} · review with /moderate queue`,
      );
    }
  },

  /** The confirmation of /comment delete-mine. */
  async mine({ owner }, _interaction, ctx, member) {
    if (owner !== member.userId) {
      throw commentError('not-yours', { what: 'deleting their comments' });
    }
    const removed = await deleteMine(ctx, member);
    await ctx.respond.update({
      content: `Deleted ${removed.length === 1 ? '1 comment' : `${removed.length} comments`} of yours.`,
      components: [],
    });
    await refreshRemovals(ctx, removed);
  },
};
