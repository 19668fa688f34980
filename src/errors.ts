/**
 * The one error type for failures the user should read about (bad input, missing permission,
 * unknown comment). `identifier` is stable for tests and logs; `message` is safe to show.
 * Anything that is not a UserError is a bug or an outage: logged, and answered generically.
 */
export class UserError extends Error {
  constructor(
    readonly identifier: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;
