/** Pure builders for /moderate: the queue pages and the settings summary. */
import type { APIEmbed } from 'discord.js';
import type { Article } from '../article/article.js';
import { BRAND_COLOR, buildPages } from '../discord/pages.js';
import { describeAnchor } from './anchors.js';
import type { Comment } from './domain.js';
import { authorOf, commentRef, snippet } from './render.js';
import type { ModerationSettings } from './settings.js';

/** Flaggers named on a queue entry; the rest are counted. */
const FLAGGERS_SHOWN = 5;

/** Who flagged: user mentions (shown as names inside an embed, which never pings). */
function flaggers(c: Comment): string {
  const shown = c.flags.slice(0, FLAGGERS_SHOWN).map((id) => `<@${id}>`);
  const more = c.flags.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** `articleOf` names each comment's own article: the queue spans the server's articles. */
export function queueBlock(articleOf: (c: Comment) => Article | undefined, c: Comment): string {
  const state = c.hidden ? '🚩 hidden' : '🚩 visible';
  const flags = `${c.flags.length} ${c.flags.length === 1 ? 'flag' : 'flags'}`;
  return [
    `**${commentRef(c.number)}** · ${authorOf(c)} · on ${describeAnchor(articleOf(c), c.anchor).label} · ${state} · ${flags}`,
    `> ${snippet(c.text, 200)}`,
    `Flagged by ${flaggers(c)} · <t:${Math.floor(c.createdAt / 1000)}:R>`,
  ].join('\n');
}

/** The moderation queue, oldest first, as pages. */
export function queuePages(articleOf: (c: Comment) => Article | undefined, queue: Comment[]): APIEmbed[] {
  if (queue.length === 0) {
    return [
      {
        color: BRAND_COLOR,
        title: 'Moderation queue',
        description: 'Nothing to review: no comment is flagged. 🎉',
      },
    ];
  }
  const hidden = queue.filter((c) => c.hidden).length;
  return buildPages(
    {
      title: 'Moderation queue',
      description: `${queue.length} flagged ${queue.length === 1 ? 'comment' : 'comments'} (${hidden} hidden), oldest first.`,
      footer: '/moderate restore id:#N puts one back · /moderate delete id:#N removes it',
    },
    [],
    queue.flatMap((c, i) => (i === 0 ? [queueBlock(articleOf, c)] : ['', queueBlock(articleOf, c)])),
  );
}

const onOff = (on: boolean) => (on ? 'on' : 'off');

export function settingsEmbed(settings: ModerationSettings, defaultCooldown: number, now: number): APIEmbed {
  const mutes = Object.entries(settings.mutes).filter(([, until]) => until > now);
  return {
    color: BRAND_COLOR,
    title: 'Comment moderation settings',
    fields: [
      { name: 'Comments', value: onOff(settings.commentsEnabled), inline: true },
      { name: 'Flags to hide', value: String(settings.flagThreshold), inline: true },
      {
        name: 'Cooldown',
        value:
          settings.cooldownSeconds === null
            ? `${defaultCooldown} s (default)`
            : `${settings.cooldownSeconds} s`,
        inline: true,
      },
      {
        name: 'Mod-log',
        value: settings.modLogChannelId ? `<#${settings.modLogChannelId}>` : 'not set',
        inline: true,
      },
      { name: 'Links', value: settings.links === 'allow' ? 'allowed' : 'blocked', inline: true },
      { name: 'Invite links', value: settings.invites === 'allow' ? 'allowed' : 'blocked', inline: true },
      {
        name: `Blocked words (${settings.blockedWords.length})`,
        value:
          settings.blockedWords.length === 0
            ? 'none'
            : snippet(settings.blockedWords.map((w) => `“${w}”`).join(', '), 900),
      },
      {
        name: `Muted members (${mutes.length})`,
        value:
          mutes.length === 0
            ? 'none'
            : mutes
                .slice(0, 20)
                .map(([id, until]) => `<@${id}> until <t:${Math.floor(until / 1000)}:f>`)
                .join('\n'),
      },
    ],
  };
}
