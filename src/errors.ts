/**
 * The one error type for failures the user should read about (bad input, missing permission,
 * unknown comment). `identifier` is stable for tests and logs; `message` is safe to show.
 * Anything that is not a UserError is a bug or an outage: logged, and answered generically.
 *
 * Each feature keeps its texts in one catalogue (src/<feature>/messages.ts) and adds its ids to
 * UserErrorIds, so every id is one of a known union and no text is written at a throw site.
 */

/** Every user error id, as keys; each feature's catalogue adds its own (declaration merging). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by each feature's messages.ts
export interface UserErrorIds {}

export type UserErrorId = keyof UserErrorIds & string;

export class UserError extends Error {
  constructor(
    readonly identifier: UserErrorId,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/** A feature's user error texts: id → the text, built from the details the throw site knows. */
export type Catalogue = Record<string, (details: never) => string>;

/** The ids a catalogue declares, for its feature's `interface UserErrorIds extends IdsOf<…>`. */
export type IdsOf<C extends Catalogue> = Record<keyof C, true>;

/** The UserError factory of one catalogue: `commentError('cooldown', { seconds: 3 })`. */
export function userErrors<C extends Catalogue>(catalogue: C) {
  return <Id extends keyof C & UserErrorId>(id: Id, ...details: Parameters<C[Id]>): UserError => {
    const text = catalogue[id] as (...args: Parameters<C[Id]>) => string;
    return new UserError(id, text(...details));
  };
}

/**
 * A backend the member cannot do anything about is down (the comment store). The feature words the
 * reply; the router answers with it and logs the error under `logLine`.
 */
export abstract class OutageError extends Error {
  abstract readonly logLine: string;
  abstract replyText(): string;
}
