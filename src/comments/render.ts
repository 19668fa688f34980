/**
 * Pure builders for everything /comment shows: the comment card, a list page, the thread tree,
 * and their buttons. Plain Discord API JSON, checked against Discord's limits by the tests.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { openingWords } from '../answers/format.js';
import type { Article } from '../article/article.js';
import { clip, LIMITS } from '../discord/limits.js';
import { escapeText } from '../discord/markdown.js';
import { BRAND_COLOR, buildPages } from '../discord/pages.js';
import type { Reply } from '../discord/payload.js';
import { anchorLine, describeAnchor } from './anchors.js';
import { commentButtons } from './custom-ids.js';
import type { AnchorKey, Comment, Stance } from './domain.js';
import { LIST_PAGE_SIZE, pageCountOf } from './policy.js';
import type { ListPage, ListSort } from './store.js';
import { withoutInvisibles } from './text.js';
import type { ThreadLine } from './threading.js';

/** Deeper replies stop indenting further, so deep threads stay readable on a phone. */
export const MAX_INDENT = 6;
const EM_SPACE = '\u2003';

export const STANCE_ICON: Record<Stance, string> = {
  supports: '✅',
  challenges: '⚔️',
  'adds context': '➕',
  question: '❓',
};

export const SORT_LABEL: Record<ListSort, string> = {
  newest: 'newest first',
  oldest: 'oldest first',
  top: 'most 👍 first',
};

/** Who is looking: moderators see hidden comments (marked), everyone else a placeholder. */
export interface Viewer {
  moderator: boolean;
}

export const PUBLIC_VIEW: Viewer = { moderator: false };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const commentRef = (n: number) => `#${n}`;
export const authorOf = (c: Comment) => escapeText(clip(c.authorName, 64));
export const stanceText = (s: Stance | null) => (s ? `${STANCE_ICON[s]} ${s}` : '');

/** A one-line preview of a comment's text, Markdown neutralised so a cut never breaks layout. */
export function snippet(text: string, max = 120): string {
  return escapeText(openingWords(text.replace(/\s+/g, ' ').trim(), max));
}

/**
 * A member's display name inside message text: no Markdown, and nothing shaped like a mention renders
 * as one — `<@&123>` in a name would show as a role pill even though nothing pings.
 */
export function nameInText(name: string, max = 64): string {
  return snippet(withoutInvisibles(name), max)
    .replace(/</g, '\\<')
    .replace(/([@\uFF20\uFE6B])(everyone|here)/gi, '$1\u200B$2');
}

/** Whether the viewer may read the comment's text. */
const readable = (c: Comment, viewer: Viewer) => !c.deleted && (!c.hidden || viewer.moderator);

/** The text shown in place of a comment: its text, or why it is not shown. */
export function bodyOf(c: Comment, viewer: Viewer): string {
  if (c.deleted) return '[deleted]';
  if (c.hidden && !viewer.moderator) return '[hidden pending review: flagged by members]';
  return c.text;
}

/** `#12 · Ana · ✅ supports (edited)` */
export function headline(c: Comment, viewer: Viewer = PUBLIC_VIEW): string {
  if (!readable(c, viewer)) return `${commentRef(c.number)} · ${c.deleted ? '[deleted]' : '[hidden]'}`;
  const parts = [commentRef(c.number), authorOf(c), stanceText(c.stance)].filter(Boolean);
  const marks = [c.editedAt !== null ? '(edited)' : '', c.hidden ? `🚩 hidden (${c.flags.length} flags)` : '']
    .filter(Boolean)
    .join(' ');
  return marks ? `${parts.join(' · ')} ${marks}` : parts.join(' · ');
}

/** `👍 2 · 💬 3 replies` */
export function counts(c: Comment): string {
  return `👍 ${c.votes.length} · 💬 ${plural(c.replyCount, 'reply', 'replies')}`;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Reply, 👍 N, Flag — disabled once the comment cannot be acted on. */
export function cardButtons(c: Comment): Row {
  const closed = c.deleted || c.hidden;
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'Reply',
      custom_id: commentButtons.encode({ kind: 'reply', n: c.number }),
      disabled: closed,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: `👍 ${c.votes.length}`,
      custom_id: commentButtons.encode({ kind: 'vote', n: c.number }),
      disabled: closed,
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Danger,
      label: 'Flag',
      custom_id: commentButtons.encode({ kind: 'flag', n: c.number }),
      disabled: closed,
    },
  ];
  return { type: ComponentType.ActionRow, components: buttons };
}

export interface CardOptions {
  /** The comment replied to, for the "↳ reply to #3" line. */
  parent?: Comment | undefined;
  viewer?: Viewer;
}

/** Which article of the library a discussion is about, in italics. */
const articleLine = (article: Article | undefined) =>
  article ? `*${openingWords(article.title, 90)}*` : '*an article no longer in the library*';

/**
 * The comment card: number, author, stance, anchor with its opening words (named from the comment's
 * own article), text, counts, buttons.
 */
export function commentCard(article: Article | undefined, c: Comment, options: CardOptions = {}): Reply {
  const viewer = options.viewer ?? PUBLIC_VIEW;
  const lines: string[] = [];
  if (c.parent !== null) {
    const parent = options.parent;
    lines.push(
      parent && readable(parent, viewer)
        ? `↳ reply to **${commentRef(parent.number)}** · ${authorOf(parent)}: “${snippet(parent.text, 80)}”`
        : `↳ reply to **${commentRef(c.parent)}**`,
      '',
    );
  }
  lines.push(bodyOf(c, viewer));
  const embed: APIEmbed = {
    color: BRAND_COLOR,
    title: clip(headline(c, viewer), LIMITS.title),
    description: clip(lines.join('\n'), LIMITS.description),
    fields: [
      {
        name: 'On',
        value: clip(anchorLine(article, c.anchor), LIMITS.fieldValue),
      },
      { name: 'In', value: clip(articleLine(article), LIMITS.fieldValue) },
    ],
    footer: { text: `${counts(c)} · /comment thread id:${commentRef(c.number)}` },
    timestamp: new Date(c.createdAt).toISOString(),
  };
  return { embeds: [embed], components: c.deleted ? [] : [cardButtons(c)] };
}

export interface ListView {
  anchor?: AnchorKey | undefined;
  sort: ListSort;
  /** 0-based. */
  page: number;
  pageSize?: number;
}

/** One page of top-level comments with their reply and vote counts. */
export function listEmbed(article: Article, result: ListPage, view: ListView): APIEmbed {
  const size = view.pageSize ?? LIST_PAGE_SIZE;
  const pages = pageCountOf(result.total, size);
  const scope = view.anchor ? anchorLine(article, view.anchor, 50) : undefined;
  const title = clip(scope ? `Comments on ${scope}` : 'Member comments', LIMITS.title);
  const fields = result.items.map((c) => ({
    name: clip(headline(c), LIMITS.fieldName),
    value: clip(
      [
        view.anchor ? '' : `on ${describeAnchor(article, c.anchor).label}`,
        // Deleted, but listed for its replies: say how to reach them.
        c.deleted
          ? `[deleted] · ${plural(c.replyCount, 'reply', 'replies')} · /comment thread id:${commentRef(c.number)}`
          : `> ${snippet(c.text, 300)}`,
        c.deleted ? '' : counts(c),
      ]
        .filter(Boolean)
        .join('\n'),
      LIMITS.fieldValue,
    ),
  }));
  const summary =
    result.total === 0
      ? `No comments yet${scope ? ' here' : ''}. Start one with /comment add${view.anchor ? ` on:${describeAnchor(article, view.anchor).label}` : ''}.`
      : `${plural(result.total, 'comment')} · ${SORT_LABEL[view.sort]}`;
  const description = summary;
  const footer = [
    pages > 1 ? `Page ${Math.min(view.page, pages - 1) + 1}/${pages}` : '',
    'Read a discussion with /comment thread id:#N',
    openingWords(article.title, 60),
  ]
    .filter(Boolean)
    .join(' · ');
  return { color: BRAND_COLOR, title, description, fields, footer: { text: footer } };
}

/**
 * One comment in the tree: a header and its text, indented by depth. A missing comment (known only
 * from its replies) and a deleted one with replies show as "[deleted]", so the thread keeps its shape.
 */
export function treeBlock(line: ThreadLine, viewer: Viewer): string {
  const { comment: c, depth } = line;
  const indent = EM_SPACE.repeat(Math.min(depth, MAX_INDENT));
  const lead = depth === 0 ? '' : `${EM_SPACE.repeat(Math.min(depth - 1, MAX_INDENT))}↳ `;
  if (!c) return `${lead}**${commentRef(line.number)}** [deleted]`;
  if (!readable(c, viewer)) return `${lead}**${commentRef(c.number)}** ${bodyOf(c, viewer)}`;
  const head = `${lead}**${headline(c, viewer)}** · 👍 ${c.votes.length}`;
  const body = c.text.split('\n').map((line) => `${indent}${line}`);
  return [head, ...body].join('\n');
}

/** The thread tree as pages: the root and all its replies (flattenThread order), indented by depth. */
export function threadPages(article: Article | undefined, lines: ThreadLine[], viewer: Viewer): APIEmbed[] {
  const root = lines[0];
  if (!root) return [];
  // Replies share their root's anchor; any comment of the thread names it.
  const anchor = lines.find((l) => l.comment !== null)?.comment?.anchor;
  const blocks = lines.map((l) => treeBlock(l, viewer));
  const replies = lines.length - 1;
  return buildPages(
    {
      title: `Thread ${commentRef(root.number)}${anchor ? ` · ${describeAnchor(article, anchor).label}` : ''}`,
      description: [anchor ? `On ${anchorLine(article, anchor)}` : '', articleLine(article)]
        .filter(Boolean)
        .join('\n'),
      footer: `${plural(replies, 'reply', 'replies')} · Join in with /comment reply id:${commentRef(root.number)}`,
    },
    [],
    blocks.flatMap((b, i) => (i === 0 ? [b] : ['', b])),
  );
}
