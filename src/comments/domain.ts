/** Comment domain: what a comment is, independent of storage and Discord. */

export const STANCES = ['supports', 'challenges', 'adds context', 'question'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * What a comment is anchored to, as a stable key:
 * `article`, `p:<n>`, `actor:<id>`, `topic:<id>`, `position:<id>`.
 */
export type AnchorKey = string;

export interface Comment {
  guildId: string;
  /** Per-server number, shown as #N (unique across the server's articles). */
  number: number;
  /** The library article (its id) the comment discusses; replies take their root's. */
  articleId: string;
  /** Direct parent's number; null for a top-level comment. */
  parent: number | null;
  /**
   * The top-level comment a reply hangs under; null for a top-level comment. Parent and root are all
   * a comment stores of its place in the tree: O(1) each, where a full ancestor list would make a
   * reply chain quadratic. Deeper ancestry is derived from parent links (threading.ts).
   */
  root: number | null;
  /** Replies inherit their root's anchor. */
  anchor: AnchorKey;
  stance: Stance | null;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
  editedAt: number | null;
  /** Soft delete: a deleted comment with replies still shows as "[deleted]". */
  deleted: boolean;
  /**
   * Direct replies still shown in the thread: not deleted, or deleted with replies of their own
   * (model.ts isShown). A delete lowers it in the same atomic write.
   */
  replyCount: number;
  /** Member ids who voted 👍. */
  votes: string[];
  /** Member ids who flagged. */
  flags: string[];
  /** Hidden from lists after enough flags, until a moderator restores it. */
  hidden: boolean;
  /** A moderator restored it: further flags do not hide it again (until its author edits it). */
  restored: boolean;
  /** Channel messages showing this comment's card, so they can follow edits, deletes and hides. */
  cards?: MessageRef[];
}

/** A message Parley posted, by channel and message id (enough to edit it over REST from any shard). */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

export interface NewComment {
  /** Ignored for a reply, which joins its root's article. */
  articleId: string;
  parent: number | null;
  anchor: AnchorKey;
  stance: Stance | null;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: number;
}
