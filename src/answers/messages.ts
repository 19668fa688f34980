/** What the article commands say when a request names something the article does not have. */
import { type Catalogue, type IdsOf, userErrors } from '../errors.js';

/** Also what /comment says for an anchor past the last paragraph. */
export const noSuchParagraph = ({ count, n }: { count: number; n: number | string }) =>
  `The article has ${count} paragraphs (¶1–¶${count}); there is no ¶${n}.`;

const ANSWER_ERRORS = {
  'paragraph-out-of-range': noSuchParagraph,
  'unknown-side': ({ raw, sides }: { raw: string; sides: string[] }) =>
    `“${raw}” is not a side in the article. Choose one of: ${sides.join(', ')}.`,
  'unknown-topic': ({ raw, topics }: { raw: string; topics: string[] }) =>
    `The article has no topic “${raw}”. Its topics: ${topics.join(', ')}.`,
  'unknown-speaker': ({ raw, speakers }: { raw: string; speakers: string[] }) =>
    `Nobody called “${raw}” is in the article. Quoted speakers: ${speakers.join(', ')}.`,
} satisfies Catalogue;

declare module '../errors.js' {
  interface UserErrorIds extends IdsOf<typeof ANSWER_ERRORS> {}
}

export const answerError = userErrors(ANSWER_ERRORS);
