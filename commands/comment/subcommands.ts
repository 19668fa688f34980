/** One small handler per /comment subcommand. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { refreshRemovals } from '../../src/comments/cards.js';
import { commentButtons, commentModals } from '../../src/comments/custom-ids.js';
import { discussionMapReply } from '../../src/comments/discussion.js';
import { exportReplies } from '../../src/comments/export.js';
import { COMMENT_TEXT } from '../../src/comments/messages.js';
import { countMine } from '../../src/comments/moderation.js';
import { describeComment, modLog } from '../../src/comments/modlog.js';
import {
  addComment,
  anchorFor,
  cooldownError,
  cooldownLeft,
  deleteComment,
  editableComment,
  exportDiscussion,
  type Member,
  writableSettings,
} from '../../src/comments/service.js';
import type { HandlerCtx } from '../../src/discord/command.js';
import { confirmRow } from '../../src/discord/confirm.js';
import { articleRef } from '../../src/library/library.js';
import { chosenArticle } from '../../src/library/option.js';
import { idOption, sortOption, stanceOption } from './member.js';
import { OPT, type Subcommand } from './options.js';
import { commentModal, editAndShow, postCard, postReply, showList, threadReply } from './views.js';

/** Comments must land on the server's real article: no answering about the default during an outage. */
const STRICT = { defaultOnOutage: false };

type Handler = (interaction: ChatInputCommandInteraction, ctx: HandlerCtx, member: Member) => Promise<void>;

export const subcommands: Record<Subcommand, Handler> = {
  async add(interaction, ctx, member) {
    const article = await chosenArticle(interaction, ctx, STRICT);
    const text = interaction.options.getString(OPT.text);
    const on = interaction.options.getString(OPT.on) ?? undefined;
    const stance = stanceOption(interaction);
    if (text === null) {
      // Check what we can before the member types a long comment into the form.
      const anchor = anchorFor(article, on);
      const wait = await cooldownLeft(ctx, member);
      if (wait > 0) throw cooldownError(wait);
      const id = commentModals.encode({ kind: 'add', stance, article: articleRef(article.id), anchor });
      await ctx.respond.showModal(commentModal(id, 'New comment', stance === null));
      return;
    }
    const comment = await addComment(ctx, member, { article, text, on, stance });
    await postCard(ctx, comment);
  },

  async reply(interaction, ctx, member) {
    const text = interaction.options.getString(OPT.text, true);
    await postReply(ctx, member, idOption(interaction), text, stanceOption(interaction));
  },

  async list(interaction, ctx, member) {
    const article = await chosenArticle(interaction, ctx, STRICT);
    // Read raw: a forged interaction may put "abc" where Discord only sends integers.
    const raw = interaction.options.get(OPT.page)?.value ?? 1;
    const page = typeof raw === 'number' ? raw : Number.NaN;
    const on = interaction.options.getString(OPT.on) ?? undefined;
    const sort = sortOption(interaction);
    await showList(interaction, ctx, member, { article, on, sort, page: page - 1, strict: true }, 'send');
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
    const text = interaction.options.getString(OPT.text);
    if (text === null) {
      // The current text in a form, so a small fix needs no retyping.
      const current = await editableComment(ctx, member, n);
      await writableSettings(ctx, member);
      const id = commentModals.encode({ kind: 'edit', n });
      await ctx.respond.showModal(commentModal(id, `Edit #${n}`, false, current.text));
      return;
    }
    await editAndShow(ctx, member, n, text);
  },

  async delete(interaction, ctx, member) {
    const n = idOption(interaction);
    const before = await ctx.comments.get(member.guildId, n);
    const removal = await deleteComment(ctx, member, n);
    await ctx.respond.send({
      content: COMMENT_TEXT.deleted(removal.comment.number, removal.comment.replyCount),
      ephemeral: true,
    });
    await refreshRemovals(ctx, [removal]);
    if (before && before.authorId !== member.userId) {
      await modLog(ctx, member.guildId, `${member.name} deleted ${describeComment(before)}`);
    }
  },

  async 'delete-mine'(_interaction, ctx, member) {
    const mine = await countMine(ctx, member);
    if (mine === 0) {
      await ctx.respond.send({ content: 'You have no comments in this server to delete.', ephemeral: true });
      return;
    }
    await ctx.respond.send({
      content: `Delete all ${mine} of your comments in this server? This cannot be undone. Replies by others stay, under “[deleted]”.`,
      components: [
        confirmRow(
          commentButtons.encode({ kind: 'mine', owner: member.userId }),
          `Delete my ${mine} comments`,
        ),
      ],
      ephemeral: true,
    });
  },

  async export(interaction, ctx, member) {
    const article = await chosenArticle(interaction, ctx, STRICT);
    const from = interaction.options.getInteger(OPT.from) ?? 1;
    const result = await exportDiscussion(ctx, member, {
      article,
      from,
      premiumTier: interaction.guild?.premiumTier ?? 0,
      serverName: interaction.guild?.name ?? 'This server',
    });
    // One file per message: each upload stays within the limit on its own.
    for (const reply of exportReplies(result, from)) await ctx.respond.send(reply);
  },

  async map(interaction, ctx, member) {
    const article = await chosenArticle(interaction, ctx, STRICT);
    await ctx.respond.send(await discussionMapReply(ctx, article, member.guildId));
  },
};
