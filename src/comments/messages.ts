/** Everything /comment tells members: its refusals (user error ids and texts) and its replies. */
import { noSuchParagraph } from '../answers/messages.js';
import { clip } from '../discord/limits.js';
import { type Catalogue, type IdsOf, userErrors } from '../errors.js';

export const STORE_UNAVAILABLE =
  'Comments are unavailable right now (the comment store cannot be reached). The article commands still work; please try again in a few minutes.';
/** A write the store did not confirm in time may still be applied when it recovers (Redis runs what it received). */
export const STORE_UNCONFIRMED = `${STORE_UNAVAILABLE} What you just did may still be saved once it answers: check before doing it again.`;

export const unknownCommentText = (n: number) =>
  `Comment #${n} does not exist in this server. Use /comment list to see comments.`;

/** Why a comment's text is refused before anything is stored. */
export const TEXT_REFUSAL = {
  codeBlock: 'Code blocks (```) are not allowed in comments: they break the layout. Remove the backticks.',
  heading: 'Headings (a line starting with #, ## or ###) are not allowed in comments. Remove the # signs.',
  massMention: 'Comments cannot mention @everyone or @here.',
  roleMention: 'Comments cannot mention roles.',
} as const;

type UnknownAnchor =
  | { count: number; paragraph: number }
  | { count: number; shown: string; suggestions: string[] };

const COMMENT_ERRORS = {
  dm: () =>
    'Comments belong to a server: use /comment in a server where Parley is installed. (The article commands work here too.)',
  'unknown-subcommand': ({ sub }: { sub: string }) => `/comment ${sub} is not something I know. Try /help.`,
  'bad-stance': ({ stances }: { stances: readonly string[] }) =>
    `Stance must be one of: ${stances.join(', ')}.`,
  'bad-sort': ({ sorts }: { sorts: readonly string[] }) => `Sort must be one of: ${sorts.join(', ')}.`,
  'bad-action': ({ actions }: { actions: readonly string[] }) => `Action must be ${actions.join(' or ')}.`,
  'bad-text': ({ reason }: { reason: string }) => `${reason} Nothing was posted.`,
  'bad-comment-id': ({ shown }: { shown: string }) =>
    `“${shown}” is not a comment number. Use a number like 12 or #12; the id option suggests recent comments.`,
  'unknown-comment': ({ n }: { n: number }) => unknownCommentText(n),
  'unknown-anchor': (d: UnknownAnchor) => {
    if ('paragraph' in d) return noSuchParagraph({ count: d.count, n: d.paragraph });
    const hint =
      d.suggestions.length > 0
        ? ` Did you mean: ${d.suggestions.map((s) => `**${clip(s, 60)}**`).join(', ')}?`
        : ` Pick a suggestion, or name a paragraph (¶1–¶${d.count}), an actor, a topic or a position.`;
    return `“${d.shown}” is not part of the article.${hint}`;
  },
  /** `action`: what the member tried ("reply to", "edit", "delete"); none when reading a thread. */
  'deleted-comment': ({ n, action }: { n: number; action?: string }) => {
    if (action === undefined) return `#${n} was deleted.`;
    if (action === 'delete') return `#${n} is already deleted.`;
    return `#${n} was deleted, so you can't ${action} it.`;
  },
  'hidden-comment': ({ n, action }: { n: number; action: string }) =>
    `#${n} is hidden while moderators review members' flags, so you can't ${action} it.`,
  'not-author': ({ n, action }: { n: number; action: 'edit' | 'delete' }) =>
    action === 'edit'
      ? `Only its author can edit #${n}.`
      : `Only its author or a moderator (Manage Messages) can delete #${n}. You can flag it instead.`,
  'own-comment': ({ n }: { n: number }) =>
    `#${n} is your own comment: edit or delete it instead of flagging it.`,
  'not-moderator': () => 'Only moderators (members with Manage Messages) can moderate comments.',
  'bad-page': () => 'Page must be a whole number, 1 or more.',
  'no-such-page': ({ page, pages }: { page: number; pages: number }) =>
    pages <= 1
      ? `There is only one page of comments here, so there is no page ${page}.`
      : `There are only ${pages} pages of comments here, so there is no page ${page}. Try page:${pages}.`,
  cooldown: ({ seconds }: { seconds: number }) =>
    `You're commenting quickly: please try again in ${seconds} s. (Members wait a few seconds between comments.)`,
  'comments-off': () =>
    "The server's moderators have turned comments off for now. The article commands still work.",
  muted: ({ until }: { until: number }) => {
    const t = Math.floor(until / 1000);
    return `A moderator muted you in this server's comments until <t:${t}:f> (<t:${t}:R>).`;
  },
  filtered: ({ reason }: { reason: string }) => `${reason} Nothing was posted.`,
  'not-manager': () =>
    "Only members with Manage Server can delete all of this server's comments and settings.",
  'nothing-to-restore': ({ n, restored }: { n: number; restored: boolean }) =>
    restored
      ? `#${n} was already restored; there is nothing to restore.`
      : `Nobody flagged #${n} and it is not hidden: there is nothing to restore.`,
  'mute-self': () => 'You cannot mute yourself.',
  'mute-moderator': () => 'Moderators cannot be muted; take away Manage Messages first.',
  'bad-word': ({ max }: { max: number }) => `A blocked word is 1–${max} characters.`,
  'too-many-words': ({ max }: { max: number }) => `A server can block up to ${max} words.`,
  'not-yours': ({ what }: { what: string }) => `Only the member who asked can confirm ${what}.`,
  'unknown-moderate-subcommand': ({ sub }: { sub: string }) =>
    `/moderate ${sub} is not something I know. Try /help.`,
} satisfies Catalogue;

declare module '../errors.js' {
  interface UserErrorIds extends IdsOf<typeof COMMENT_ERRORS> {}
}

export const commentError = userErrors(COMMENT_ERRORS);

/** /comment's replies that are not refusals. */
export const COMMENT_TEXT = {
  deleted: (n: number, replies: number) =>
    replies > 0
      ? `Deleted #${n}. It has replies, so it stays in its thread as “[deleted]”.`
      : `Deleted #${n}.`,
  restored: (n: number) => `Restored #${n}: it shows in lists again, and further flags will not hide it.`,
  voted: (n: number, voted: boolean) =>
    voted ? `👍 You voted for #${n}. Press again to take it back.` : `You took back your 👍 on #${n}.`,
  alreadyFlagged: (n: number) => `You already flagged #${n}.`,
  flagged: (n: number, hidden: boolean, threshold: number) =>
    hidden
      ? `Thanks for flagging #${n}. Enough members flagged it, so it is hidden until a moderator reviews it.`
      : `Thanks for flagging #${n}. It is hidden from lists once ${threshold} members flag it, until a moderator reviews it.`,
  replied: (userId: string, name: string, n: number) =>
    `<@${userId}>, ${name} replied to your comment #${n}.`,
  exported: (e: { comments: number; range: string; files: number; next: number | undefined }) => {
    const held = `${e.comments.toLocaleString('en-US')} comment${e.comments === 1 ? '' : 's'}${e.range}`;
    const files = e.files > 1 ? ` in ${e.files} files (each within this server's upload limit)` : '';
    const rest =
      e.next === undefined
        ? ''
        : ` That is as much as fits; run \`/comment export from:${e.next}\` for the comments from #${e.next} on.`;
    return `The discussion so far: ${held}, as Markdown${files}.${rest}`;
  },
} as const;
