/** One reader-worded question and what a right answer must show (graded by test/ask/grade.ts). */
export type ReaderCase =
  | {
      readonly q: string;
      readonly type: QuestionType;
      /** The answer must cite one of these paragraphs. */
      readonly para?: readonly number[];
      /** Every group must match: one of its phrases appears in the answer. */
      readonly has: readonly (readonly string[])[];
    }
  | {
      readonly q: string;
      readonly type: 'none';
      /** "close": near in meaning to something the article does say. */
      readonly none: 'close' | 'far';
    };

export type QuestionType =
  | 'who'
  | 'said'
  | 'where'
  | 'why'
  | 'how'
  | 'role'
  | 'compare'
  | 'yesno'
  | 'twopart'
  | 'markup'
  | 'pronoun'
  | 'summary'
  | 'typo'
  | 'none';
