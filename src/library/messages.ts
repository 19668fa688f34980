/** What Parley says when a member names an article it does not serve, or may not switch articles. */
import { type Catalogue, type IdsOf, userErrors } from '../errors.js';

const LIBRARY_ERRORS = {
  'unknown-article': ({ raw }: { raw: string }) =>
    `There is no article “${raw}” in the library. Pick one from the suggestions, or see them all with /articles list.`,
  'not-manager': () =>
    'Only members who can manage the server (Manage Server) choose the article it discusses. Anyone can read another article with the article option of each command.',
  'stale-article': () => 'That answer is about an article Parley no longer serves. Run the command again.',
  'unknown-articles-subcommand': ({ sub }: { sub: string }) =>
    `/articles ${sub} is not something I know. Try /articles list.`,
  'articles-in-dm': () =>
    'Each server chooses its article: use /articles in a server where Parley is installed. (The article commands take an article option anywhere.)',
} satisfies Catalogue;

declare module '../errors.js' {
  interface UserErrorIds extends IdsOf<typeof LIBRARY_ERRORS> {}
}

export const libraryError = userErrors(LIBRARY_ERRORS);
