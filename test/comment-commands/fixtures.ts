import type { Comment } from '../../src/comments/domain.js';

export const T0 = Date.UTC(2025, 0, 15, 9, 30);

/** A stored comment with sensible defaults; replies get parent and root from replyOf. */
export function makeComment(partial: Partial<Comment> & { number: number }): Comment {
  return {
    guildId: 'g1',
    articleId: 'taiwan-talks',
    parent: null,
    root: null,
    anchor: 'article',
    stance: null,
    authorId: `u${partial.number}`,
    authorName: `Member ${partial.number}`,
    text: `Comment number ${partial.number}.`,
    createdAt: T0 + partial.number * 60_000,
    editedAt: null,
    deleted: false,
    replyCount: 0,
    votes: [],
    flags: [],
    hidden: false,
    restored: false,
    ...partial,
  };
}

/** A reply to `parent`, with root and anchor as the store would set them. */
export function replyOf(parent: Comment, partial: Partial<Comment> & { number: number }): Comment {
  return makeComment({
    parent: parent.number,
    root: parent.root ?? parent.number,
    anchor: parent.anchor,
    ...partial,
  });
}
