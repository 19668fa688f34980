import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type SlashCommandStringOption,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { anchorChoices } from '../src/comments/anchors.js';
import { STANCES, type Stance } from '../src/comments/domain.js';
import { EXPORT_FILE_NAME, exportMarkdown } from '../src/comments/export.js';
import { ALL_ANCHORS } from '../src/comments/member-comments.js';
import {
  commentCard,
  FLAG_THRESHOLD,
  listEmbed,
  PUBLIC_VIEW,
  pageCountOf,
  snippet,
  threadPages,
  type Viewer,
} from '../src/comments/render.js';
import {
  addComment,
  allComments,
  anchorFor,
  cooldownLeft,
  deleteComment,
  editComment,
  flagComment,
  listComments,
  liveComment,
  type Member,
  type ModerateAction,
  moderate,
  replyTo,
  requireCommentId,
  threadOf,
  voteOn,
} from '../src/comments/service.js';
import type { ListSort } from '../src/comments/store.js';
import { COMMENT_MAX_LENGTH, parseCommentId } from '../src/comments/text.js';
import type { Ctx } from '../src/context.js';
import { toChoices } from '../src/discord/autocomplete.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { serverCommand } from '../src/discord/definitions.js';
import { clip, LIMITS } from '../src/discord/limits.js';
import { type PagerRef, pagedReply, pagerRow, parsePageArgs } from '../src/discord/pages.js';
import type { Reply } from '../src/discord/payload.js';
import { UserError } from '../src/errors.js';

const NAME = 'comment';
const SORTS = ['newest', 'oldest', 'top'] as const satisfies readonly ListSort[];
/** Page-button state tags: a list page or a thread page. */
const LIST_STATE = 'l';
const THREAD_STATE = 't';
/** No stance, in a modal's custom id. */
const NO_STANCE = '-';

type Interaction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/**
 * The acting member, from the interaction only: the guild id is Discord's, never an option, and
 * moderation rights come from the member's permissions in this channel.
 */
function memberOf(interaction: Interaction | AutocompleteInteraction): Member {
  const guildId = interaction.guildId;
  if (!interaction.inGuild() || !guildId) {
    throw new UserError(
      'dm',
      'Comments belong to a server: use /comment in a server where Parley is installed. (The article commands work here too.)',
    );
  }
  const m = interaction.member;
  const nick = m && 'nick' in m && typeof m.nick === 'string' ? m.nick : undefined;
  const displayName =
    m && 'displayName' in m && typeof m.displayName === 'string' ? m.displayName : undefined;
  return {
    guildId,
    userId: interaction.user.id,
    name: displayName ?? nick ?? interaction.user.displayName,
    moderator: interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
  };
}

const viewerOf = (member: Member): Viewer => ({ moderator: member.moderator });

const isStance = (v: string): v is Stance => (STANCES as readonly string[]).includes(v);
const stanceSlug = (s: Stance | null) => (s ? s.replace(' ', '_') : NO_STANCE);
const stanceFromSlug = (slug: string | undefined): Stance | null => {
  const s = slug?.replace('_', ' ') ?? '';
  return isStance(s) ? s : null;
};

function stanceOption(interaction: ChatInputCommandInteraction): Stance | null {
  const raw = interaction.options.getString('stance');
  if (raw === null) return null;
  if (isStance(raw)) return raw;
  throw new UserError('bad-stance', `Stance must be one of: ${STANCES.join(', ')}.`);
}

function sortOption(interaction: ChatInputCommandInteraction): ListSort {
  const raw = interaction.options.getString('sort') ?? 'newest';
  const sort = SORTS.find((s) => s === raw);
  if (!sort) throw new UserError('bad-sort', `Sort must be one of: ${SORTS.join(', ')}.`);
  return sort;
}

const idOption = (interaction: ChatInputCommandInteraction) =>
  requireCommentId(interaction.options.getString('id', true));

/** The modal for writing a comment: the text, and a stance to pick unless the command set one. */
function commentModal(customId: string, title: string, askStance: boolean): ModalBuilder {
  const modal = new ModalBuilder().setCustomId(customId).setTitle(clip(title, LIMITS.modalTitle));
  modal.addLabelComponents(
    new LabelBuilder()
      .setLabel('Your comment')
      .setDescription(`Up to ${COMMENT_MAX_LENGTH} characters. Plain text; no headings or code blocks.`)
      .setTextInputComponent(
        new TextInputBuilder()
          .setCustomId('text')
          .setStyle(TextInputStyle.Paragraph)
          .setMinLength(1)
          .setMaxLength(COMMENT_MAX_LENGTH)
          .setRequired(true),
      ),
  );
  if (askStance) {
    modal.addLabelComponents(
      new LabelBuilder().setLabel('Stance (optional)').setStringSelectMenuComponent(
        new StringSelectMenuBuilder()
          .setCustomId('stance')
          .setRequired(false)
          .setMinValues(0)
          .setMaxValues(1)
          .addOptions(STANCES.map((s) => ({ label: s, value: stanceSlug(s) }))),
      ),
    );
  }
  return modal;
}

/** The stance picked in the modal; without a stance field, the one the command carried. */
function modalStance(interaction: ModalSubmitInteraction, fallback: Stance | null): Stance | null {
  const field = interaction.fields.fields.get('stance');
  if (!field || !('values' in field) || !Array.isArray(field.values)) return fallback;
  const [value] = field.values as readonly string[];
  return value === undefined ? null : stanceFromSlug(value);
}

async function sendCard(ctx: HandlerCtx, member: Member, n: number, ephemeral = false): Promise<void> {
  const c = await ctx.comments.get(member.guildId, n);
  if (!c) throw new UserError('unknown-comment', `Comment #${n} does not exist in this server.`);
  const parent = c.parent === null ? undefined : await ctx.comments.get(member.guildId, c.parent);
  await ctx.respond.send({ ...commentCard(ctx.article, c, { parent, viewer: viewerOf(member) }), ephemeral });
}

/** Posts a reply and pings the replied-to author (only them, and never yourself). */
async function postReply(
  ctx: HandlerCtx,
  member: Member,
  parentNumber: number,
  text: string,
  stance: Stance | null,
): Promise<void> {
  const { comment, parent } = await replyTo(ctx, member, parentNumber, { text, stance });
  const card = commentCard(ctx.article, comment, { parent });
  if (parent.authorId === member.userId) {
    await ctx.respond.send(card);
    return;
  }
  await ctx.respond.send({
    ...card,
    content: `<@${parent.authorId}>, ${snippet(member.name, 64)} replied to your comment #${parent.number}.`,
    allowedMentions: { users: [parent.authorId] },
  });
}

async function showList(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: HandlerCtx,
  member: Member,
  request: { on?: string | undefined; sort: ListSort; page: number },
  mode: 'send' | 'ephemeral' | 'update',
): Promise<void> {
  const { result, anchor, page } = await listComments(ctx, member, request);
  const embed = listEmbed(ctx.article, result, { anchor, sort: request.sort, page });
  const pages = pageCountOf(result.total);
  const ref: PagerRef = {
    command: NAME,
    owner: interaction.user.id,
    state: [LIST_STATE, request.sort, anchor ?? ALL_ANCHORS],
  };
  const reply = { embeds: [embed], components: pages > 1 ? [pagerRow(ref, page, pages)] : [] };
  if (mode === 'update') await ctx.respond.update(reply);
  else await ctx.respond.send({ ...reply, ephemeral: mode === 'ephemeral' });
}

/**
 * A thread page. A moderator sees hidden comments' text only privately: when the answer lands where
 * everyone sees it (`shared`), hidden comments stay placeholders. Returns whether it revealed any.
 */
async function threadReply(
  ctx: HandlerCtx,
  member: Member,
  ref: { n: number; page: number; owner: string; shared: boolean },
): Promise<{ reply: Reply; revealed: boolean }> {
  const lines = await threadOf(ctx, member, ref.n);
  const revealed = member.moderator && !ref.shared && lines.some((l) => l.comment?.hidden === true);
  const pages = threadPages(ctx.article, lines, revealed ? viewerOf(member) : PUBLIC_VIEW);
  const state = [THREAD_STATE, String(ref.n)];
  return { reply: pagedReply(pages, ref.page, { command: NAME, owner: ref.owner, state }), revealed };
}

/** A ◀ ▶ press on a list or thread: the owner turns the shared message, others get a private copy. */
async function turnPage(interaction: ButtonInteraction, ctx: HandlerCtx, args: string[]): Promise<void> {
  const parsed = parsePageArgs(args);
  if (!parsed) throw new UserError('stale-button', 'That button is no longer valid. Run the command again.');
  const member = memberOf(interaction);
  const isOwner = parsed.owner === interaction.user.id;
  const [kind, first, ...rest] = parsed.state;
  if (kind === LIST_STATE) {
    const sort = SORTS.find((s) => s === first) ?? 'newest';
    const anchor = rest.join(':');
    const on = anchor === ALL_ANCHORS || anchor === '' ? undefined : anchor;
    await showList(
      interaction,
      ctx,
      member,
      { on, sort, page: parsed.page },
      isOwner ? 'update' : 'ephemeral',
    );
    return;
  }
  if (kind === THREAD_STATE && first) {
    const n = requireCommentId(first);
    const shared = isOwner && !interaction.message.flags.has(MessageFlags.Ephemeral);
    const owner = interaction.user.id;
    const { reply } = await threadReply(ctx, member, { n, page: parsed.page, owner, shared });
    if (isOwner) await ctx.respond.update(reply);
    else await ctx.respond.send({ ...reply, ephemeral: true });
    return;
  }
  throw new UserError('stale-button', 'That button is no longer valid. Run the command again.');
}

async function execute(interaction: ChatInputCommandInteraction, ctx: HandlerCtx): Promise<void> {
  const member = memberOf(interaction);
  const sub = interaction.options.getSubcommand(true);
  switch (sub) {
    case 'add': {
      const text = interaction.options.getString('text');
      const on = interaction.options.getString('on') ?? undefined;
      const stance = stanceOption(interaction);
      if (text === null) {
        // Check what we can before the member types a long comment into the modal.
        const anchor = anchorFor(ctx, on);
        const wait = cooldownLeft(ctx, member);
        if (wait > 0)
          throw new UserError('cooldown', `You're commenting quickly: please try again in ${wait} s.`);
        await ctx.respond.showModal(
          commentModal(`${NAME}:add:${stanceSlug(stance)}:${anchor}`, 'New comment', stance === null),
        );
        return;
      }
      const comment = await addComment(ctx, member, { text, on, stance });
      await ctx.respond.send(commentCard(ctx.article, comment));
      return;
    }
    case 'reply': {
      const n = idOption(interaction);
      await postReply(ctx, member, n, interaction.options.getString('text', true), stanceOption(interaction));
      return;
    }
    case 'list': {
      const page = interaction.options.getInteger('page') ?? 1;
      const on = interaction.options.getString('on') ?? undefined;
      await showList(interaction, ctx, member, { on, sort: sortOption(interaction), page: page - 1 }, 'send');
      return;
    }
    case 'thread': {
      const n = idOption(interaction);
      // A moderator's view of a thread with hidden comments is private; everyone else's is public.
      const owner = interaction.user.id;
      const { reply, revealed } = await threadReply(ctx, member, { n, page: 0, owner, shared: false });
      await ctx.respond.send({ ...reply, ephemeral: revealed });
      return;
    }
    case 'edit': {
      const n = idOption(interaction);
      await editComment(ctx, member, n, interaction.options.getString('text', true));
      await sendCard(ctx, member, n, true);
      return;
    }
    case 'delete': {
      const n = idOption(interaction);
      const deleted = await deleteComment(ctx, member, n);
      await ctx.respond.send({
        content: deletedMessage(deleted.number, deleted.replyCount),
        ephemeral: true,
      });
      return;
    }
    case 'moderate': {
      const n = idOption(interaction);
      const action = interaction.options.getString('action', true);
      if (action !== 'restore' && action !== 'delete') {
        throw new UserError('bad-action', 'Action must be restore or delete.');
      }
      const c = await moderate(ctx, member, n, action satisfies ModerateAction);
      const content =
        action === 'restore'
          ? `Restored #${n}: it shows in lists again, and further flags will not hide it.`
          : deletedMessage(c.number, c.replyCount);
      await ctx.respond.send({ content, ephemeral: true });
      return;
    }
    case 'export': {
      const comments = await allComments(ctx, member);
      const markdown = exportMarkdown(ctx.article, comments, {
        serverName: interaction.guild?.name ?? 'This server',
        exportedAt: ctx.now(),
        viewer: viewerOf(member),
      });
      await ctx.respond.send({
        content: `The discussion so far: ${comments.filter((c) => !c.deleted).length} comments, as Markdown.`,
        files: [
          { name: EXPORT_FILE_NAME, data: Buffer.from(markdown, 'utf8'), description: 'Member comments' },
        ],
        ephemeral: true,
      });
      return;
    }
    default:
      throw new UserError('unknown-subcommand', `/comment ${sub} is not something I know. Try /help.`);
  }
}

function deletedMessage(n: number, replies: number): string {
  return replies > 0
    ? `Deleted #${n}. It has replies, so it stays in its thread as “[deleted]”.`
    : `Deleted #${n}.`;
}

/** Recent comments for an `id` option: "#12 · Ana: I think the…"; hidden ones only for moderators. */
async function idChoices(interaction: AutocompleteInteraction, ctx: Ctx, member: Member, query: string) {
  const recent = await ctx.comments.recent(member.guildId, 25);
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

/** The `id` option every comment-addressing subcommand shares: "12" or "#12", autocompleted. */
const commentIdOption = (o: SlashCommandStringOption) =>
  o
    .setName('id')
    .setDescription('Comment number, e.g. 12 or #12')
    .setMaxLength(30)
    .setRequired(true)
    .setAutocomplete(true);

export default {
  data: serverCommand(NAME, 'Discuss the article with this server: comment, reply, vote, read the threads')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Comment on the article, a paragraph, an actor, a topic or a position')
        .addStringOption((o) =>
          o
            .setName('text')
            .setDescription('Your comment (leave empty to write it in a larger box)')
            .setMaxLength(COMMENT_MAX_LENGTH),
        )
        .addStringOption((o) =>
          o
            .setName('on')
            .setDescription('What it is about (default: the whole article)')
            .setMaxLength(100)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName('stance')
            .setDescription('How it relates to the article')
            .addChoices(STANCES.map((s) => ({ name: s, value: s }))),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('reply')
        .setDescription('Reply to a comment')
        .addStringOption(commentIdOption)
        .addStringOption((o) =>
          o.setName('text').setDescription('Your reply').setMaxLength(COMMENT_MAX_LENGTH).setRequired(true),
        )
        .addStringOption((o) =>
          o
            .setName('stance')
            .setDescription('How it relates to the comment')
            .addChoices(STANCES.map((s) => ({ name: s, value: s }))),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('list')
        .setDescription('Comments with their reply and vote counts')
        .addStringOption((o) =>
          o
            .setName('on')
            .setDescription('Only comments on this part of the article')
            .setMaxLength(100)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName('sort')
            .setDescription('Order (default: newest)')
            .addChoices(SORTS.map((s) => ({ name: s, value: s }))),
        )
        .addIntegerOption((o) =>
          o.setName('page').setDescription('Page number').setMinValue(1).setMaxValue(9999),
        ),
    )
    .addSubcommand((s) =>
      s.setName('thread').setDescription('A comment and all its replies').addStringOption(commentIdOption),
    )
    .addSubcommand((s) =>
      s
        .setName('edit')
        .setDescription('Change the text of your own comment')
        .addStringOption(commentIdOption)
        .addStringOption((o) =>
          o.setName('text').setDescription('The new text').setMaxLength(COMMENT_MAX_LENGTH).setRequired(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('delete')
        .setDescription('Delete your own comment (moderators: any comment)')
        .addStringOption(commentIdOption),
    )
    .addSubcommand((s) =>
      s
        .setName('moderate')
        .setDescription('Moderators: restore or delete a flagged comment')
        .addStringOption(commentIdOption)
        .addStringOption((o) =>
          o
            .setName('action')
            .setDescription('What to do')
            .setRequired(true)
            .addChoices({ name: 'restore', value: 'restore' }, { name: 'delete', value: 'delete' }),
        ),
    )
    .addSubcommand((s) =>
      s.setName('export').setDescription("The server's whole discussion as a Markdown file"),
    ),

  execute,

  async autocomplete(interaction, ctx) {
    if (!interaction.inGuild()) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'on') {
      await interaction.respond(toChoices(anchorChoices(ctx.article, focused.value)));
      return;
    }
    if (focused.name === 'id') {
      await idChoices(interaction, ctx, memberOf(interaction), focused.value);
      return;
    }
    await interaction.respond([]);
  },

  async button(interaction, ctx, args) {
    const [action, ...rest] = args;
    if (action === 'pg') {
      await turnPage(interaction, ctx, args);
      return;
    }
    const member = memberOf(interaction);
    if (action === 'list') {
      const anchor = rest.join(':');
      const on = anchor === ALL_ANCHORS || anchor === '' ? undefined : anchor;
      await showList(interaction, ctx, member, { on, sort: 'newest', page: 0 }, 'ephemeral');
      return;
    }
    const n = requireCommentId(rest[0] ?? '');
    switch (action) {
      case 'reply': {
        const parent = await liveComment(ctx, member, n, 'reply to');
        const wait = cooldownLeft(ctx, member);
        if (wait > 0)
          throw new UserError('cooldown', `You're commenting quickly: please try again in ${wait} s.`);
        await ctx.respond.showModal(
          commentModal(`${NAME}:reply:${n}`, `Reply to #${n} by ${parent.authorName}`, true),
        );
        return;
      }
      case 'vote': {
        const { comment, voted } = await voteOn(ctx, member, n);
        const parent =
          comment.parent === null ? undefined : await ctx.comments.get(member.guildId, comment.parent);
        await ctx.respond.update(commentCard(ctx.article, comment, { parent }));
        await ctx.respond.send({
          content: voted
            ? `👍 You voted for #${n}. Press again to take it back.`
            : `You took back your 👍 on #${n}.`,
          ephemeral: true,
        });
        return;
      }
      case 'flag': {
        const { comment, added } = await flagComment(ctx, member, n);
        if (!added) {
          await ctx.respond.send({ content: `You already flagged #${n}.`, ephemeral: true });
          return;
        }
        if (comment.hidden) {
          const parent =
            comment.parent === null ? undefined : await ctx.comments.get(member.guildId, comment.parent);
          await ctx.respond.update(commentCard(ctx.article, comment, { parent }));
        }
        await ctx.respond.send({
          content: comment.hidden
            ? `Thanks for flagging #${n}. Enough members flagged it, so it is hidden until a moderator reviews it.`
            : `Thanks for flagging #${n}. It is hidden from lists once ${FLAG_THRESHOLD} members flag it, until a moderator reviews it.`,
          ephemeral: true,
        });
        return;
      }
      default:
        throw new UserError('stale-button', 'That button is no longer valid. Run the command again.');
    }
  },

  async modal(interaction, ctx, args) {
    const member = memberOf(interaction);
    const [action, ...rest] = args;
    const text = interaction.fields.getTextInputValue('text');
    if (action === 'add') {
      const [slug, ...anchorParts] = rest;
      const stance = modalStance(interaction, stanceFromSlug(slug));
      const comment = await addComment(ctx, member, { text, on: anchorParts.join(':'), stance });
      await ctx.respond.send(commentCard(ctx.article, comment));
      return;
    }
    if (action === 'reply') {
      await postReply(ctx, member, requireCommentId(rest[0] ?? ''), text, modalStance(interaction, null));
      return;
    }
    throw new UserError('stale-button', 'That form is no longer valid. Run the command again.');
  },

  examples(article) {
    const paragraph = Math.min(2, article.paragraphCount);
    const topic = article.model.topics[0];
    return [
      `/comment add on:¶${paragraph} stance:question`,
      ...(topic ? [`/comment list on:${topic.name} sort:top`] : []),
      '/comment thread id:#1',
    ];
  },
} satisfies Command;
