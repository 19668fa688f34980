/** One small handler per /comment subcommand. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { commentModals } from '../../src/comments/custom-ids.js';
import { discussionMapReply } from '../../src/comments/discussion.js';
import { exportReplies } from '../../src/comments/export.js';
import { COMMENT_TEXT, commentError } from '../../src/comments/messages.js';
import { commentCard } from '../../src/comments/render.js';
import {
  addComment,
  anchorFor,
  cooldownError,
  cooldownLeft,
  deleteComment,
  editComment,
  exportDiscussion,
  type Member,
  moderate,
} from '../../src/comments/service.js';
import type { HandlerCtx } from '../../src/discord/command.js';
import { idOption, sortOption, stanceOption } from './member.js';
import { MODERATE_ACTIONS, OPT, type Subcommand } from './options.js';
import { commentModal, postReply, sendCard, showList, threadReply } from './views.js';

type Handler = (interaction: ChatInputCommandInteraction, ctx: HandlerCtx, member: Member) => Promise<void>;

export const subcommands: Record<Subcommand, Handler> = {
  async add(interaction, ctx, member) {
    const text = interaction.options.getString(OPT.text);
    const on = interaction.options.getString(OPT.on) ?? undefined;
    const stance = stanceOption(interaction);
    if (text === null) {
      // Check what we can before the member types a long comment into the form.
      const anchor = anchorFor(ctx, on);
      const wait = cooldownLeft(ctx, member);
      if (wait > 0) throw cooldownError(wait);
      const id = commentModals.encode({ kind: 'add', stance, anchor });
      await ctx.respond.showModal(commentModal(id, 'New comment', stance === null));
      return;
    }
    const comment = await addComment(ctx, member, { text, on, stance });
    await ctx.respond.send(commentCard(ctx.article, comment));
  },

  async reply(interaction, ctx, member) {
    const text = interaction.options.getString(OPT.text, true);
    await postReply(ctx, member, idOption(interaction), text, stanceOption(interaction));
  },

  async list(interaction, ctx, member) {
    // Read raw: a forged interaction may put "abc" where Discord only sends integers.
    const raw = interaction.options.get(OPT.page)?.value ?? 1;
    const page = typeof raw === 'number' ? raw : Number.NaN;
    const on = interaction.options.getString(OPT.on) ?? undefined;
    await showList(
      interaction,
      ctx,
      member,
      { on, sort: sortOption(interaction), page: page - 1, strict: true },
      'send',
    );
  },

  async thread(interaction, ctx, member) {
    const n = idOption(interaction);
    // A moderator's view of a thread with hidden comments is private; everyone else's is public.
    const owner = interaction.user.id;
    const { reply, revealed } = await threadReply(ctx, member, { n, page: 0, owner, shared: false });
    await ctx.respond.send({ ...reply, ephemeral: revealed });
  },

  async edit(interaction, ctx, member) {
    const n = idOption(interaction);
    await editComment(ctx, member, n, interaction.options.getString(OPT.text, true));
    await sendCard(ctx, member, n, true);
  },

  async delete(interaction, ctx, member) {
    const deleted = await deleteComment(ctx, member, idOption(interaction));
    await ctx.respond.send({
      content: COMMENT_TEXT.deleted(deleted.number, deleted.replyCount),
      ephemeral: true,
    });
  },

  async moderate(interaction, ctx, member) {
    const n = idOption(interaction);
    const raw = interaction.options.getString(OPT.action, true);
    const action = MODERATE_ACTIONS.find((a) => a === raw);
    if (!action) throw commentError('bad-action', { actions: MODERATE_ACTIONS });
    const c = await moderate(ctx, member, n, action);
    const content =
      action === 'restore' ? COMMENT_TEXT.restored(n) : COMMENT_TEXT.deleted(c.number, c.replyCount);
    await ctx.respond.send({ content, ephemeral: true });
  },

  async export(interaction, ctx, member) {
    const from = interaction.options.getInteger(OPT.from) ?? 1;
    const result = await exportDiscussion(ctx, member, {
      from,
      premiumTier: interaction.guild?.premiumTier ?? 0,
      serverName: interaction.guild?.name ?? 'This server',
    });
    // One file per message: each upload stays within the limit on its own.
    for (const reply of exportReplies(result, from)) await ctx.respond.send(reply);
  },

  async map(_interaction, ctx, member) {
    await ctx.respond.send(await discussionMapReply(ctx, member.guildId));
  },
};
