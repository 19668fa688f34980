/**
 * Every custom id /comment's components carry: card buttons, the "read member comments" buttons
 * of the article answers, list and thread pages, and the comment forms.
 */
import { customIds, type IdOf, oneOf, orNone, snowflake, text, whole } from '../discord/custom-ids.js';
import { PAGE_NUMBER } from '../discord/pages.js';
import { STANCES } from './domain.js';
import type { ListSort } from './store.js';

export const COMMENT_COMMAND = 'comment';
export const SORTS = ['newest', 'oldest', 'top'] as const satisfies readonly ListSort[];

/** A comment number (the store's are 1 … 2^31 − 1). */
const commentNumber = whole(10);
/** An anchor key, or null for "every comment" (written `all`, which no anchor key is: see anchors.ts). */
const anchorOrAll = orNone(text, 'all');

/** The library article (its articleRef) a list or a new comment is about. */
const article = text;

const buttonKinds = {
  /** A page of /comment list. */
  pl: { owner: snowflake, page: PAGE_NUMBER, sort: oneOf(SORTS), article, anchor: anchorOrAll },
  /** A page of /comment thread. */
  pt: { owner: snowflake, page: PAGE_NUMBER, n: commentNumber },
  /** "Read member comments" under an article answer. */
  list: { article, anchor: anchorOrAll },
  reply: { n: commentNumber },
  vote: { n: commentNumber },
  flag: { n: commentNumber },
  /** Confirms /comment delete-mine; only `owner` may press it. */
  mine: { owner: snowflake },
} as const;

const modalKinds = {
  add: { stance: orNone(oneOf(STANCES)), article, anchor: text },
  reply: { n: commentNumber },
  /** The edit form, pre-filled with the current text. */
  edit: { n: commentNumber },
} as const;

export const commentButtons = customIds(COMMENT_COMMAND, buttonKinds);
export const commentModals = customIds(COMMENT_COMMAND, modalKinds);

export type CommentButton = IdOf<typeof buttonKinds>;
export type CommentModal = IdOf<typeof modalKinds>;

export const MODERATE_COMMAND = 'moderate';

/** /moderate's buttons: queue pages (private to the moderator who asked) and the purge confirmation. */
export const moderateButtons = customIds(MODERATE_COMMAND, {
  queue: { owner: snowflake, page: PAGE_NUMBER },
  purge: { owner: snowflake },
} as const);
