/** The backend (SQLite, Redis) failed or is unreachable: comments are unavailable for now. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export class CommentNotFoundError extends Error {
  constructor(readonly number: number) {
    super(`Comment #${number} does not exist`);
    this.name = 'CommentNotFoundError';
  }
}

/** DATABASE_URL is unusable at startup (unknown scheme, unreachable or unopenable store). */
export class StoreConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreConfigError';
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
