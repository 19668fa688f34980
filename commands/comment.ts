/**
 * /comment: the definition, and a thin dispatch to the handlers in commands/comment/ — one per
 * subcommand, button kind and form kind.
 */
import type { SlashCommandStringOption } from 'discord.js';
import { commentButtons, commentModals, SORTS } from '../src/comments/custom-ids.js';
import { STANCES } from '../src/comments/domain.js';
import { commentError } from '../src/comments/messages.js';
import { COMMENT_MAX_LENGTH } from '../src/comments/text.js';
import type { Command } from '../src/discord/command.js';
import { dispatch } from '../src/discord/custom-ids.js';
import { serverCommand } from '../src/discord/definitions.js';
import { discordError } from '../src/discord/messages.js';
import { articleOption } from '../src/library/option.js';
import { autocomplete } from './comment/autocomplete.js';
import { buttons } from './comment/buttons.js';
import { memberOf } from './comment/member.js';
import { modals } from './comment/modals.js';
import { OPT, SUB, type Subcommand } from './comment/options.js';
import { subcommands } from './comment/subcommands.js';

const isSubcommand = (name: string): name is Subcommand => Object.hasOwn(subcommands, name);

/** The `id` option every comment-addressing subcommand shares: "12" or "#12", autocompleted. */
const commentIdOption = (o: SlashCommandStringOption) =>
  o
    .setName(OPT.id)
    .setDescription('Comment number, e.g. 12 or #12')
    .setMaxLength(30)
    .setRequired(true)
    .setAutocomplete(true);

export default {
  data: serverCommand(
    commentButtons.command,
    'Discuss the article with this server: comment, reply, vote, read the threads',
  )
    .addSubcommand((s) =>
      s
        .setName(SUB.add)
        .setDescription('Comment on the article, a paragraph, an actor, a topic or a position')
        .addStringOption((o) =>
          o
            .setName(OPT.text)
            .setDescription('Your comment (leave empty to write it in a larger box)')
            .setMaxLength(COMMENT_MAX_LENGTH),
        )
        .addStringOption((o) =>
          o
            .setName(OPT.on)
            .setDescription('What it is about (default: the whole article)')
            .setMaxLength(100)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName(OPT.stance)
            .setDescription('How it relates to the article')
            .addChoices(STANCES.map((s) => ({ name: s, value: s }))),
        )
        .addStringOption(articleOption("Comment on another article of the library (default: this server's)")),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.reply)
        .setDescription('Reply to a comment')
        .addStringOption(commentIdOption)
        .addStringOption((o) =>
          o.setName(OPT.text).setDescription('Your reply').setMaxLength(COMMENT_MAX_LENGTH).setRequired(true),
        )
        .addStringOption((o) =>
          o
            .setName(OPT.stance)
            .setDescription('How it relates to the comment')
            .addChoices(STANCES.map((s) => ({ name: s, value: s }))),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.list)
        .setDescription('Comments with their reply and vote counts')
        .addStringOption((o) =>
          o
            .setName(OPT.on)
            .setDescription('Only comments on this part of the article')
            .setMaxLength(100)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName(OPT.sort)
            .setDescription('Order (default: newest)')
            .addChoices(SORTS.map((s) => ({ name: s, value: s }))),
        )
        .addIntegerOption((o) =>
          o.setName(OPT.page).setDescription('Page number').setMinValue(1).setMaxValue(9999),
        )
        .addStringOption(articleOption("Another article's discussion (default: this server's article)")),
    )
    .addSubcommand((s) =>
      s.setName(SUB.thread).setDescription('A comment and all its replies').addStringOption(commentIdOption),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.edit)
        .setDescription('Change the text of your own comment')
        .addStringOption(commentIdOption)
        .addStringOption((o) =>
          o
            .setName(OPT.text)
            .setDescription('The new text (leave empty to edit the current text in a form)')
            .setMaxLength(COMMENT_MAX_LENGTH),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.delete)
        .setDescription('Delete your own comment (moderators: any comment)')
        .addStringOption(commentIdOption),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.deleteMine)
        .setDescription('Delete all of your own comments in this server (asks to confirm)'),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.export)
        .setDescription("The server's discussion of an article as Markdown files")
        .addIntegerOption((o) =>
          o
            .setName(OPT.from)
            .setDescription('Start at this comment number (for the rest of a large export)')
            .setMinValue(1)
            .setMaxValue(2 ** 31 - 1),
        )
        .addStringOption(articleOption("Another article's discussion (default: this server's article)")),
    )
    .addSubcommand((s) =>
      s
        .setName(SUB.map)
        .setDescription(
          'A picture of where the discussion is: paragraphs, people, topics, positions, by stance',
        )
        .addStringOption(articleOption("Another article's discussion (default: this server's article)")),
    ),

  async execute(interaction, ctx) {
    const member = memberOf(interaction);
    const sub = interaction.options.getSubcommand(true);
    if (!isSubcommand(sub)) throw commentError('unknown-subcommand', { sub });
    await subcommands[sub](interaction, ctx, member);
  },

  autocomplete,

  async button(interaction, ctx) {
    const id = commentButtons.decode(interaction.customId);
    if (!id) throw discordError('stale-button');
    await dispatch(buttons, id, interaction, ctx, memberOf(interaction));
  },

  async modal(interaction, ctx) {
    const id = commentModals.decode(interaction.customId);
    if (!id) throw discordError('stale-form');
    await dispatch(modals, id, interaction, ctx, memberOf(interaction));
  },

  examples(article) {
    const paragraph = Math.min(2, article.paragraphCount);
    const topic = article.model.topics[0];
    return [
      `/comment add on:¶${paragraph} stance:question`,
      ...(topic ? [`/comment list on:${topic.name} sort:top`] : []),
      '/comment thread id:#1',
      '/comment map',
    ];
  },
} satisfies Command;
