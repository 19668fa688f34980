import type { AnchorKey, Comment, MessageRef, NewComment } from './domain.js';
import type { Removal } from './model.js';
import type { ModerationSettings } from './settings.js';

export type ListSort = 'newest' | 'oldest' | 'top';

export interface ListQuery {
  /** The article whose discussion is listed. */
  article: string;
  /** Only top-level comments on this anchor; all the article's top-level comments when absent. */
  anchor?: AnchorKey;
  sort: ListSort;
  offset: number;
  limit: number;
}

export interface ListPage {
  items: Comment[];
  /** Visible top-level comments matching the query (for "page 2 of 7"). */
  total: number;
}

/**
 * The comments repository. Every method is scoped to one server (guildId); lists, counts and anchors
 * also to one article of the library (numbers are per server, across its articles). Implementations
 * must keep servers isolated, never lose an acknowledged write under concurrency (in one process
 * and across processes sharing the backend), and keep list/thread/count at O(page), not O(all).
 *
 * Backend failures surface as StoreUnavailableError; a missing comment as `undefined` from
 * reads and CommentNotFoundError from writes.
 */
export interface CommentStore {
  /**
   * Stores a comment, assigning the next per-server number atomically. A reply takes its root's anchor
   * (whatever the draft says) and bumps its parent's replyCount in the same atomic write; replying to a
   * comment that does not exist or was deleted throws CommentNotFoundError (and uses up no number).
   */
  add(guildId: string, draft: NewComment): Promise<Comment>;
  get(guildId: string, number: number): Promise<Comment | undefined>;
  /**
   * Stores `text` as given (normalise it first: text.ts). A deleted comment counts as missing. Editing a
   * restored comment clears the restore and its flags, so members can flag the new text afresh.
   */
  edit(guildId: string, number: number, text: string, at: number): Promise<Comment>;
  /**
   * Soft-deletes (keeps the thread's shape); removes it from lists and counts. The text is blanked for
   * good; removing again returns it unchanged. Returns the deleted comment and, as written in the same
   * atomic write, each ancestor whose replyCount it lowered (model.ts removalPlan), so posted cards
   * can follow without reading the thread again.
   */
  remove(guildId: string, number: number): Promise<Removal>;
  /**
   * Adds the member's vote, or takes it back; returns the comment and whether they now vote.
   * A deleted comment counts as missing (CommentNotFoundError), for flag() too.
   */
  toggleVote(guildId: string, number: number, userId: string): Promise<{ comment: Comment; voted: boolean }>;
  /** One flag per member; hides the comment once `threshold` members flagged (unless restored). */
  flag(
    guildId: string,
    number: number,
    userId: string,
    threshold: number,
  ): Promise<{ comment: Comment; added: boolean }>;
  /** Moderator restore: unhide and keep it visible. */
  restore(guildId: string, number: number): Promise<Comment>;
  /**
   * Top-level, non-deleted, non-hidden comments. newest/oldest follow numbers (allocation order); top is
   * votes, then newest. `limit` is capped at MAX_PAGE_SIZE (model.ts, 100); deep offsets cost O(offset)
   * on SQLite.
   */
  list(guildId: string, query: ListQuery): Promise<ListPage>;
  /** The root and all its descendants (deleted ones included, for the tree's shape). */
  thread(guildId: string, root: number): Promise<Comment[]>;
  /** Visible comments (top-level and replies) per anchor of one article. */
  countByAnchor(guildId: string, article: string, anchors: AnchorKey[]): Promise<Map<AnchorKey, number>>;
  /** Visible comments (top-level and replies) per article; articles without any are absent. */
  countByArticle(guildId: string): Promise<Map<string, number>>;
  /**
   * Most recent non-deleted comments, newest first (for autocomplete), of one article or of the whole
   * server. Hidden ones are included, so moderators can find them; filter on `hidden` for members.
   */
  recent(guildId: string, limit: number, article?: string): Promise<Comment[]>;
  /** The article the server chose to discuss (/articles use); undefined until it chooses. */
  currentArticle(guildId: string): Promise<string | undefined>;
  setCurrentArticle(guildId: string, articleId: string): Promise<void>;
  /** Every comment of the server in number order, deleted ones included, read in exportBatch batches. */
  exportAll(guildId: string): AsyncIterable<Comment>;
  /**
   * One batch of an export: the comments numbered above `after` (deleted ones included), in number
   * order, at most `limit` (capped at FETCH_BATCH, model.ts). Resume from the last number returned;
   * an empty batch means the end.
   */
  exportBatch(guildId: string, after: number, limit: number): Promise<Comment[]>;
  /**
   * Remembers a channel message showing the comment's card (the newest MAX_CARDS, model.ts), so the
   * card can follow the store from any process. Works on deleted comments too; adding one twice is a no-op.
   */
  addCard(guildId: string, number: number, ref: MessageRef): Promise<void>;
  /** The server's moderation settings and mutes; the defaults (settings.ts) when never set. */
  moderation(guildId: string): Promise<ModerationSettings>;
  /** Changes them atomically (read, `change`, write; never losing a concurrent change, across processes). */
  updateModeration(
    guildId: string,
    change: (current: ModerationSettings) => ModerationSettings,
  ): Promise<ModerationSettings>;
  /** Deletes every comment, index entry and record of the server, for good; numbering starts again at 1. */
  purge(guildId: string): Promise<void>;
  /** Throws StoreUnavailableError when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
