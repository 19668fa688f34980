/** What the bot says when something goes wrong around a command rather than inside one. */
import { type Catalogue, type IdsOf, userErrors } from '../errors.js';

/** The reference a member can quote: the interaction id, as the 'interaction failed' log line has it. */
export const genericFailure = (reference: string) =>
  `Something went wrong on our side while answering that. It has been logged; please try again in a moment. (Reference: ${reference})`;
export const DISCORD_FAILED =
  'Discord had a server error while Parley was answering. If that was a change (a comment, an edit, a vote), check whether it was saved before trying again.';
export const RESTARTING =
  'Parley is restarting and could not take that just now. Please try again in a minute.';
export const unknownCommand = (name: string) =>
  `I don't know the command /${name}. Try /help for what I can do.`;
export const UNKNOWN_COMPONENT =
  'That button belongs to a version of Parley that is no longer running. Run the command again.';

const DISCORD_ERRORS = {
  'stale-button': () => 'That button is no longer valid. Run the command again.',
  'stale-form': () => 'That form is no longer valid. Run the command again.',
  'stale-page': () => 'That answer is no longer available. Run the command again.',
  'modal-too-late': () =>
    'That took too long, so Discord no longer lets Parley open the form. Please try again.',
} satisfies Catalogue;

declare module '../errors.js' {
  interface UserErrorIds extends IdsOf<typeof DISCORD_ERRORS> {}
}

export const discordError = userErrors(DISCORD_ERRORS);
