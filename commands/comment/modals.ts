/** One small handler per kind of /comment form. */
import type { ModalSubmitInteraction } from 'discord.js';
import type { CommentModal } from '../../src/comments/custom-ids.js';
import { addComment, type Member } from '../../src/comments/service.js';
import type { HandlerCtx } from '../../src/discord/command.js';
import type { HandlerTable } from '../../src/discord/custom-ids.js';
import { fromArticleState } from '../../src/library/option.js';
import { FIELD } from './options.js';
import { editAndShow, modalStance, postCard, postReply } from './views.js';

export const modals: HandlerTable<CommentModal, [ModalSubmitInteraction, HandlerCtx, Member]> = {
  async add({ stance, article: ref, anchor }, interaction, ctx, member) {
    const text = interaction.fields.getTextInputValue(FIELD.text);
    const { article } = fromArticleState(ctx, [ref]);
    const comment = await addComment(ctx, member, {
      article,
      text,
      on: anchor,
      stance: modalStance(interaction, stance),
    });
    await postCard(ctx, comment);
  },

  async reply({ n }, interaction, ctx, member) {
    const text = interaction.fields.getTextInputValue(FIELD.text);
    await postReply(ctx, member, n, text, modalStance(interaction, null));
  },

  async edit({ n }, interaction, ctx, member) {
    await editAndShow(ctx, member, n, interaction.fields.getTextInputValue(FIELD.text));
  },
};
