/** What /ask says when it cannot take a question. */
import { type Catalogue, type IdsOf, userErrors } from '../errors.js';

const ASK_ERRORS = {
  'empty-question': () => 'Ask a question about the article, e.g. “Who led the talks?”',
  'question-too-long': ({ max, length }: { max: number; length: number }) =>
    `Keep the question to ${max} characters (yours has ${length}).`,
} satisfies Catalogue;

declare module '../errors.js' {
  interface UserErrorIds extends IdsOf<typeof ASK_ERRORS> {}
}

export const askError = userErrors(ASK_ERRORS);
