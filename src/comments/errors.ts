import { OutageError, UserError } from '../errors.js';
import { STORE_UNAVAILABLE, unknownCommentText } from './messages.js';

/** The backend (SQLite, Redis) failed or is unreachable: comments are unavailable for now. */
export class StoreUnavailableError extends OutageError {
  readonly logLine = 'comment store unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }

  replyText(): string {
    return STORE_UNAVAILABLE;
  }
}

/** A store mutation found no such comment (deleted meanwhile, or another server's number). */
export class CommentNotFoundError extends UserError {
  constructor(readonly number: number) {
    super('unknown-comment', unknownCommentText(number));
    this.name = 'CommentNotFoundError';
  }
}

/** The database's schema is not one this build can use (newer, or an unversioned dev build): no retry helps. */
export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

/** DATABASE_URL is unusable at startup (unknown scheme, unreachable or unopenable store). */
export class StoreConfigError extends Error {
  /**
   * No retry can fix it (a wrong URL, a missing folder, a file that is not a database or is from a
   * newer Parley, a read-only filesystem): exit 78. Otherwise (unreachable, busy) start-up retries.
   */
  readonly permanent: boolean;

  constructor(message: string, options?: { cause?: unknown; permanent?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreConfigError';
    this.permanent = options?.permanent ?? options?.cause === undefined;
  }
}

/** Passes our own errors through; anything else from a driver means the backend failed. */
export function asStoreError(error: unknown, action: string): Error {
  if (
    error instanceof CommentNotFoundError ||
    error instanceof StoreUnavailableError ||
    error instanceof StoreConfigError
  ) {
    return error;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`Comment store failed to ${action}: ${detail}`, { cause: error });
}

/**
 * The store holds comments from before comments belonged to an article, and the library has several
 * articles with no DEFAULT_ARTICLE saying which one they discussed: refusing beats guessing.
 */
export class LegacyArticleUnknownError extends StoreConfigError {
  constructor() {
    super(
      'The comment store holds comments written before Parley served several articles, and DEFAULT_ARTICLE is not set: set it to the id of the article this bot served until now (its folder in data/articles/), so those comments stay with it.',
    );
    this.name = 'LegacyArticleUnknownError';
  }
}

/** What the one-time move of comments to articles did (store open). */
export interface MigrationReport {
  /** Servers whose comments were attributed to the legacy article. */
  servers: number;
  comments: number;
}
