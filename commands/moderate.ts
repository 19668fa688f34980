import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
  type SlashCommandStringOption,
} from 'discord.js';
import { refreshCards, refreshRemovals } from '../src/comments/cards.js';
import { MODERATE_COMMAND, moderateButtons } from '../src/comments/custom-ids.js';
import { memberOf } from '../src/comments/member.js';
import { commentError } from '../src/comments/messages.js';
import {
  changeSettings,
  MUTE_CHOICES,
  moderationQueue,
  moderatorDelete,
  muteLabel,
  muteMember,
  purgeServer,
  requireManager,
  requireModerator,
  restoreComment,
  type SettingsChange,
} from '../src/comments/moderation.js';
import { queuePages, settingsEmbed } from '../src/comments/moderation-render.js';
import { describeComment, modLog } from '../src/comments/modlog.js';
import { type Member, requireCommentId } from '../src/comments/service.js';
import {
  COOLDOWN_MAX_SECONDS,
  FLAG_THRESHOLD_MAX,
  FLAG_THRESHOLD_MIN,
  LINK_POLICIES,
  type LinkPolicy,
} from '../src/comments/settings.js';
import { toChoices } from '../src/discord/autocomplete.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { confirmRow } from '../src/discord/confirm.js';
import { serverCommand } from '../src/discord/definitions.js';
import { discordError } from '../src/discord/messages.js';
import { pagedReply } from '../src/discord/pages.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  blockWord: 'block_word',
  comments: 'comments',
  cooldown: 'cooldown',
  duration: 'duration',
  flags: 'flags',
  id: 'id',
  invites: 'invites',
  links: 'links',
  member: 'member',
  modlog: 'modlog',
  modlogOff: 'modlog_off',
  page: 'page',
  unblockWord: 'unblock_word',
} as const;

const NAME = MODERATE_COMMAND;
const PURGE_ACTION = 'purge';

const isPolicy = (v: string | null): v is LinkPolicy =>
  v !== null && (LINK_POLICIES as readonly string[]).includes(v);

async function showQueue(ctx: HandlerCtx, member: Member, owner: string, page: number, update: boolean) {
  const queue = await moderationQueue(ctx, member);
  const pageId = (p: number) => moderateButtons.encode({ kind: 'queue', owner, page: p });
  const reply = pagedReply(
    queuePages((c) => ctx.library.get(c.articleId), queue),
    page,
    pageId,
  );
  if (update) await ctx.respond.update(reply);
  else await ctx.respond.send({ ...reply, ephemeral: true });
}

function settingsChange(interaction: ChatInputCommandInteraction): SettingsChange {
  const o = interaction.options;
  const modlog = o.getChannel(OPTION.modlog);
  const links = o.getString(OPTION.links);
  const invites = o.getString(OPTION.invites);
  const comments = o.getBoolean(OPTION.comments);
  const threshold = o.getInteger(OPTION.flags);
  const cooldown = o.getInteger(OPTION.cooldown);
  const block = o.getString(OPTION.blockWord);
  const unblock = o.getString(OPTION.unblockWord);
  const change: SettingsChange = {};
  if (threshold !== null) change.flagThreshold = threshold;
  if (cooldown !== null) change.cooldownSeconds = cooldown;
  if (modlog !== null) change.modLogChannelId = modlog.id;
  if (o.getBoolean(OPTION.modlogOff) === true) change.modLogChannelId = null;
  if (comments !== null) change.commentsEnabled = comments;
  if (block !== null) change.blockWord = block;
  if (unblock !== null) change.unblockWord = unblock;
  if (isPolicy(links)) change.links = links;
  if (isPolicy(invites)) change.invites = invites;
  return change;
}

/** The settings change as one mod-log line (blocked words themselves stay out of the channel). */
function describeChange(change: SettingsChange): string {
  const parts: string[] = [];
  if (change.flagThreshold !== undefined) parts.push(`flags to hide ${change.flagThreshold}`);
  if (change.cooldownSeconds !== undefined) parts.push(`cooldown ${change.cooldownSeconds} s`);
  if (change.modLogChannelId !== undefined)
    parts.push(change.modLogChannelId ? `mod-log <#${change.modLogChannelId}>` : 'mod-log off');
  if (change.commentsEnabled !== undefined) parts.push(`comments ${change.commentsEnabled ? 'on' : 'off'}`);
  if (change.blockWord !== undefined) parts.push('blocked a word');
  if (change.unblockWord !== undefined) parts.push('unblocked a word');
  if (change.links !== undefined) parts.push(`links ${change.links}`);
  if (change.invites !== undefined) parts.push(`invite links ${change.invites}`);
  return parts.join(', ');
}

async function execute(interaction: ChatInputCommandInteraction, ctx: HandlerCtx): Promise<void> {
  const member = memberOf(interaction);
  const sub = interaction.options.getSubcommand(true);
  // Discord's default permission can be changed per server: the handler checks again.
  if (sub === PURGE_ACTION) requireManager(member);
  else requireModerator(member);
  switch (sub) {
    case 'queue': {
      const page = (interaction.options.getInteger(OPTION.page) ?? 1) - 1;
      await showQueue(ctx, member, interaction.user.id, page, false);
      return;
    }
    case 'restore': {
      const n = requireCommentId(interaction.options.getString(OPTION.id, true));
      const restored = await restoreComment(ctx, member, n);
      await ctx.respond.send({
        content: `Restored #${n}: it shows in lists again, and further flags will not hide it unless its author edits it.`,
        ephemeral: true,
      });
      await refreshCards(ctx, restored);
      await modLog(ctx, member.guildId, `${member.name} restored ${describeComment(restored)}`);
      return;
    }
    case 'delete': {
      const n = requireCommentId(interaction.options.getString(OPTION.id, true));
      const before = await ctx.comments.get(member.guildId, n);
      const removal = await moderatorDelete(ctx, member, n);
      await ctx.respond.send({
        content:
          removal.comment.replyCount > 0
            ? `Deleted #${n}. It has replies, so it stays in its thread as “[deleted]”.`
            : `Deleted #${n}.`,
        ephemeral: true,
      });
      await refreshRemovals(ctx, [removal]);
      if (before) await modLog(ctx, member.guildId, `${member.name} deleted ${describeComment(before)}`);
      return;
    }
    case 'mute': {
      const user = interaction.options.getUser(OPTION.member, true);
      const minutes = interaction.options.getInteger(OPTION.duration) ?? 60;
      const target = interaction.options.getMember(OPTION.member);
      const isModerator =
        target !== null &&
        typeof target === 'object' &&
        'permissions' in target &&
        typeof target.permissions !== 'string' &&
        target.permissions.has(PermissionFlagsBits.ManageMessages);
      const until = await muteMember(ctx, member, { userId: user.id, isModerator }, minutes);
      const name = user.displayName;
      const content =
        until === null
          ? `${name} may comment again.`
          : `${name} cannot comment until <t:${Math.floor(until / 1000)}:f> (<t:${Math.floor(until / 1000)}:R>).`;
      await ctx.respond.send({ content, ephemeral: true });
      await modLog(
        ctx,
        member.guildId,
        until === null
          ? `${member.name} lifted the comment mute of ${name}`
          : `${member.name} muted ${name} in comments for ${muteLabel(minutes)}`,
      );
      return;
    }
    case 'settings': {
      const change = settingsChange(interaction);
      const settings = await changeSettings(ctx, member, change);
      const changed = describeChange(change);
      await ctx.respond.send({
        ...(changed ? { content: `Saved: ${changed}.` } : {}),
        embeds: [settingsEmbed(settings, ctx.config.commentCooldownSeconds, ctx.now())],
        ephemeral: true,
      });
      if (changed) await modLog(ctx, member.guildId, `${member.name} changed settings: ${changed}`);
      return;
    }
    case PURGE_ACTION: {
      await ctx.respond.send({
        content:
          "Delete **all** of this server's comments, threads and moderation settings? This cannot be undone. (Export them first with /comment export if you want a copy.)",
        components: [
          confirmRow(moderateButtons.encode({ kind: 'purge', owner: member.userId }), 'Delete everything'),
        ],
        ephemeral: true,
      });
      return;
    }
    default:
      throw commentError('unknown-moderate-subcommand', { sub });
  }
}

const idOption = (o: SlashCommandStringOption) =>
  o
    .setName(OPTION.id)
    .setDescription('Comment number, e.g. 12 or #12')
    .setMaxLength(30)
    .setRequired(true)
    .setAutocomplete(true);

export default {
  data: serverCommand(NAME, "Moderators: review flagged comments and set this server's comment rules")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .addSubcommand((s) =>
      s
        .setName('queue')
        .setDescription('Flagged and hidden comments, oldest first, with who flagged them')
        .addIntegerOption((o) =>
          o.setName(OPTION.page).setDescription('Page number').setMinValue(1).setMaxValue(999),
        ),
    )
    .addSubcommand((s) =>
      s.setName('restore').setDescription('Unhide a flagged comment').addStringOption(idOption),
    )
    .addSubcommand((s) => s.setName('delete').setDescription('Delete any comment').addStringOption(idOption))
    .addSubcommand((s) =>
      s
        .setName('mute')
        .setDescription('Stop a member from commenting for a while')
        .addUserOption((o) => o.setName(OPTION.member).setDescription('Who').setRequired(true))
        .addIntegerOption((o) =>
          o
            .setName(OPTION.duration)
            .setDescription('How long (default: 1 hour)')
            .addChoices(MUTE_CHOICES.map((c) => ({ name: c.label, value: c.minutes }))),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('settings')
        .setDescription('Show or change the comment rules (no options: show them)')
        .addIntegerOption((o) =>
          o
            .setName(OPTION.flags)
            .setDescription('Members whose flags hide a comment until review (default 3)')
            .setMinValue(FLAG_THRESHOLD_MIN)
            .setMaxValue(FLAG_THRESHOLD_MAX),
        )
        .addIntegerOption((o) =>
          o
            .setName(OPTION.cooldown)
            .setDescription('Seconds a member waits between comments')
            .setMinValue(0)
            .setMaxValue(COOLDOWN_MAX_SECONDS),
        )
        .addChannelOption((o) =>
          o
            .setName(OPTION.modlog)
            .setDescription('Channel for one line per moderator action and auto-hide')
            .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
        )
        .addBooleanOption((o) => o.setName(OPTION.modlogOff).setDescription('Stop writing the mod-log'))
        .addBooleanOption((o) =>
          o.setName(OPTION.comments).setDescription('Comments on (true) or off (false)'),
        )
        .addStringOption((o) =>
          o.setName(OPTION.blockWord).setDescription('Refuse comments containing this word').setMaxLength(50),
        )
        .addStringOption((o) =>
          o.setName(OPTION.unblockWord).setDescription('Stop refusing this word').setMaxLength(50),
        )
        .addStringOption((o) =>
          o
            .setName(OPTION.links)
            .setDescription('Web links in comments')
            .addChoices(LINK_POLICIES.map((p) => ({ name: p, value: p }))),
        )
        .addStringOption((o) =>
          o
            .setName(OPTION.invites)
            .setDescription('Discord invite links in comments (default: deny)')
            .addChoices(LINK_POLICIES.map((p) => ({ name: p, value: p }))),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName(PURGE_ACTION)
        .setDescription("Manage Server: delete all of this server's comments and settings (asks to confirm)"),
    ),

  execute,

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    if (!interaction.inGuild()) {
      await interaction.respond([]);
      return;
    }
    const member = memberOf(interaction);
    if (!member.moderator) {
      await interaction.respond([]);
      return;
    }
    // Flagged comments first (what a moderator is usually after), then the most recent ones.
    const recent = await ctx.comments.recent(member.guildId, 25);
    const sorted = [...recent].sort((a, b) => b.flags.length - a.flags.length);
    const q = interaction.options.getFocused().trim().replace(/^#/, '').toLowerCase();
    const choices = sorted
      .filter((c) => q === '' || String(c.number).startsWith(q) || c.text.toLowerCase().includes(q))
      .map((c) => ({
        name: `${c.flags.length > 0 ? `🚩${c.flags.length} ` : ''}#${c.number} · ${c.authorName}: ${c.text.replace(/\s+/g, ' ')}`,
        value: String(c.number),
      }));
    await interaction.respond(toChoices(choices));
  },

  async button(interaction: ButtonInteraction, ctx) {
    const member = memberOf(interaction);
    const id = moderateButtons.decode(interaction.customId);
    if (id?.kind === 'queue') {
      requireModerator(member);
      await showQueue(ctx, member, interaction.user.id, id.page, id.owner === interaction.user.id);
      return;
    }
    if (id?.kind === 'purge') {
      requireManager(member);
      if (id.owner !== member.userId) {
        throw commentError('not-yours', { what: 'the purge' });
      }
      await purgeServer(ctx, member);
      await ctx.respond.update({
        content:
          "Deleted all of this server's comments and moderation settings. New comments start again at #1.",
        components: [],
      });
      await modLog(ctx, member.guildId, `${member.name} deleted all comments and settings of this server`);
      return;
    }
    throw discordError('stale-button');
  },
  examples() {
    return ['/moderate queue', '/moderate settings'];
  },
} satisfies Command;
