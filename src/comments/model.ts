/**
 * Pure comment transitions shared by every backend, so memory, SQLite and Redis cannot drift apart
 * on what a vote, flag, delete or restore means. Backends only decide how to persist the result.
 */
import type { Comment, MessageRef, NewComment } from './domain.js';
import { CommentNotFoundError } from './errors.js';
import type { ListQuery } from './store.js';

/** Upper bound on one page, so a caller cannot turn a listing into a full scan. */
export const MAX_PAGE_SIZE = 100;
/** Values fetched per round trip by thread and export. */
export const FETCH_BATCH = 500;

/** An export batch's first number and size: `after` and `limit` made whole and within FETCH_BATCH. */
export function exportWindow(after: number, limit: number): { start: number; size: number } {
  const from = Number.isFinite(after) ? Math.max(0, Math.floor(after)) : 0;
  const size = Number.isFinite(limit) ? Math.min(FETCH_BATCH, Math.max(0, Math.floor(limit))) : 0;
  return { start: from + 1, size };
}

export const isVisible = (c: Comment): boolean => !c.deleted && !c.hidden;
/**
 * Appears in `list`: top-level and visible, or deleted while replies hang under it (shown as
 * "[deleted] · N replies", so the replies stay reachable).
 */
export const isListed = (c: Comment): boolean =>
  c.parent === null && (isVisible(c) || (c.deleted && c.replyCount > 0));
/** Number of the top-level comment a comment hangs under (itself when top-level). */
export const rootOf = (c: Comment): number => c.root ?? c.number;

/**
 * The thread under `head`: `head` and its descendants among `sameTree` (comments of head's
 * top-level tree). A reply always has a higher number than its parent, so one pass in number order
 * finds every descendant from parent links alone: linear, whatever the depth.
 */
export function threadOf(head: Comment, sameTree: readonly Comment[]): Comment[] {
  const inThread = new Set([head.number]);
  const out = [head];
  for (const c of [...sameTree].sort((a, b) => a.number - b.number)) {
    if (c.number > head.number && c.parent !== null && inThread.has(c.parent)) {
      inThread.add(c.number);
      out.push(c);
    }
  }
  return out;
}

/**
 * A stored value as this build reads it. Comments written before parent/root stored their whole
 * ancestry as `references` (root first): root is its first entry, and the list is dropped, so the
 * next write of that comment stores the linear shape. Values already in that shape pass unchanged.
 */
export function fromStored(value: object): Comment {
  const stored = value as Comment & { references?: unknown };
  if (stored.references === undefined && stored.root !== undefined) return stored;
  const { references, ...rest } = stored;
  const first: unknown = Array.isArray(references) ? references[0] : undefined;
  const parent = typeof rest.parent === 'number' ? rest.parent : null;
  const root = parent === null ? null : typeof first === 'number' ? first : parent;
  return { ...rest, parent, root };
}

/** A valid comment number: positive safe integer. Anything else cannot exist. */
export const isCommentNumber = (n: number): boolean => Number.isSafeInteger(n) && n > 0;

export function assertGuild(guildId: string): void {
  if (typeof guildId !== 'string' || guildId.length === 0 || guildId.length > 64) {
    throw new TypeError('guildId must be a non-empty string of at most 64 characters');
  }
}

export function assertArticle(articleId: string): void {
  if (
    typeof articleId !== 'string' ||
    !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(articleId) ||
    articleId.length > 64
  ) {
    throw new TypeError('articleId must be a lowercase-dashed id of at most 64 characters');
  }
}

export function normalisePage(query: Pick<ListQuery, 'offset' | 'limit'>): { offset: number; limit: number } {
  const offset = Number.isFinite(query.offset) ? Math.max(0, Math.floor(query.offset)) : 0;
  const limit = Number.isFinite(query.limit)
    ? Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(query.limit)))
    : 0;
  return { offset, limit };
}

/**
 * Builds a stored comment. `number` is deliberately the first property: the Redis store serializes the
 * comment before the number is allocated and splices the number in inside its Lua script.
 */
export function createComment(guildId: string, number: number, draft: NewComment, parent?: Comment): Comment {
  return {
    number,
    guildId,
    articleId: parent ? parent.articleId : draft.articleId,
    parent: parent ? parent.number : null,
    root: parent ? rootOf(parent) : null,
    // Replies inherit the root's anchor, whatever the draft says.
    anchor: parent ? parent.anchor : draft.anchor,
    stance: draft.stance,
    authorId: draft.authorId,
    authorName: draft.authorName,
    text: draft.text,
    createdAt: draft.createdAt,
    editedAt: null,
    deleted: false,
    replyCount: 0,
    votes: [],
    flags: [],
    hidden: false,
    restored: false,
  };
}

export const withReply = (parent: Comment): Comment => ({ ...parent, replyCount: parent.replyCount + 1 });

/** A change to one comment: the new value and what the caller gets back. */
export type Mutation<R> = (current: Comment) => { next: Comment; result: R };

/** Deleted comments only exist as "[deleted]" placeholders; members cannot act on them. */
function live(c: Comment): Comment {
  if (c.deleted) throw new CommentNotFoundError(c.number);
  return c;
}

/**
 * An edit. After a moderator's restore the comment is new text nobody reviewed: the restored state
 * and the old flags go, so members' flags count afresh and can hide it again.
 */
export const editMutation =
  (text: string, at: number): Mutation<Comment> =>
  (current) => {
    const c = live(current);
    const next = c.restored
      ? { ...c, text, editedAt: at, restored: false, flags: [] }
      : { ...c, text, editedAt: at };
    return { next, result: next };
  };

/** Soft delete: the value stays for the thread's shape, but its text is gone for good. */
export const removeMutation: Mutation<Comment> = (current) => {
  if (current.deleted) return { next: current, result: current };
  const next = { ...current, deleted: true, text: '' };
  return { next, result: next };
};

/**
 * Shown in its thread: not deleted, or deleted while replies still show under it (threading.ts keeps
 * it as a "[deleted]" placeholder). A comment's replyCount counts its direct replies that are shown.
 */
export const isShown = (c: Comment): boolean => !c.deleted || c.replyCount > 0;

/** One comment's value before and after a change. */
export interface Change {
  before: Comment;
  after: Comment;
}

/**
 * Each comment's count of direct replies still shown (isShown), from a server's comments: what
 * replyCount holds. Stores written before it counted deleted replies too recount once with this.
 * Replies have higher numbers than their parents, so one pass from the highest number settles each
 * comment's count before its own shown state is needed.
 */
export function shownReplyCounts(
  comments: readonly Pick<Comment, 'number' | 'parent' | 'deleted'>[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of [...comments].sort((a, b) => b.number - a.number)) {
    const own = counts.get(c.number) ?? 0;
    counts.set(c.number, own);
    if (c.parent !== null && (!c.deleted || own > 0)) counts.set(c.parent, (counts.get(c.parent) ?? 0) + 1);
  }
  return counts;
}

/** Reads a comment of the same server inside a backend's atomic write. */
export type Reader = (n: number) => Promise<Comment | undefined>;

/**
 * What a write does, planned from the comment's current value (and, through `read`, others of its
 * thread): every comment it changes, written together atomically by the backend, and the result.
 */
export type Plan<R> = (current: Comment, read: Reader) => Promise<{ changes: Change[]; result: R }>;

/** A change to one comment as a plan. */
export const planOf =
  <R>(mutation: Mutation<R>): Plan<R> =>
  async (current) => {
    const { next, result } = mutation(current);
    return { changes: next === current ? [] : [{ before: current, after: next }], result };
  };

/** What a delete changed: the deleted comment, and the ancestors it recounted (nearest first). */
export interface Removal {
  comment: Comment;
  /** Each ancestor whose replyCount the delete lowered, as written; empty when no count changed. */
  recounted: Comment[];
}

/**
 * A delete and what it changes above it: a comment that leaves its thread (deleted with no reply shown
 * under it) is one reply fewer for its parent, and a deleted parent left with none leaves too, and so
 * on up. The deleted comment's change comes first; none when it was deleted already. Each deleted
 * placeholder leaves once, so a run of deletes costs O(1) writes each on average, whatever the depth.
 */
export const removalPlan: Plan<Removal> = async (current, read) => {
  if (current.deleted) return { changes: [], result: { comment: current, recounted: [] } };
  const deleted = removeMutation(current).next;
  const changes: Change[] = [{ before: current, after: deleted }];
  for (let below = deleted; !isShown(below) && below.parent !== null; ) {
    const parent = await read(below.parent);
    if (!parent) break;
    const after = { ...parent, replyCount: Math.max(0, parent.replyCount - 1) };
    changes.push({ before: parent, after });
    below = after;
  }
  return { changes, result: { comment: deleted, recounted: changes.slice(1).map((c) => c.after) } };
};

export const voteMutation =
  (userId: string): Mutation<{ comment: Comment; voted: boolean }> =>
  (current) => {
    const c = live(current);
    const voted = !c.votes.includes(userId);
    const next = { ...c, votes: voted ? [...c.votes, userId] : c.votes.filter((v) => v !== userId) };
    return { next, result: { comment: next, voted } };
  };

export const flagMutation =
  (userId: string, threshold: number): Mutation<{ comment: Comment; added: boolean }> =>
  (current) => {
    const c = live(current);
    if (c.flags.includes(userId)) return { next: c, result: { comment: c, added: false } };
    const flags = [...c.flags, userId];
    const limit = Number.isFinite(threshold) ? Math.max(1, Math.floor(threshold)) : 1;
    const next = { ...c, flags, hidden: c.hidden || (!c.restored && flags.length >= limit) };
    return { next, result: { comment: next, added: true } };
  };

/** Cards kept per comment: the newest ones (a comment is rarely shown as a card more than a few times). */
export const MAX_CARDS = 10;

export const cardMutation =
  (ref: MessageRef): Mutation<void> =>
  (current) => {
    const cards = current.cards ?? [];
    if (cards.some((c) => c.messageId === ref.messageId)) return { next: current, result: undefined };
    const next = {
      ...current,
      cards: [...cards, { channelId: ref.channelId, messageId: ref.messageId }].slice(-MAX_CARDS),
    };
    return { next, result: undefined };
  };

export const restoreMutation: Mutation<Comment> = (current) => {
  const next = { ...current, hidden: false, restored: true };
  return { next, result: next };
};

/** Sort key for `top`: votes, then number (newest first among equals). Exact in a double up to 2^21 votes. */
export const voteScore = (c: Comment): number => c.votes.length * 2 ** 32 + c.number;
