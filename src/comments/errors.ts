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
