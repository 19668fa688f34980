/**
 * Regression set, retired as a tuning guide: worded like the model, it scored 56/56 at every
 * threshold; test/ask/readers/ holds the reader-worded sets that measure /ask now. The /ask
 * evaluation set for data/articles/taiwan-talks/article.json, written from the article text
 * before the engine was tuned. Questions are phrased the way members ask (aliases, part names, synonyms,
 * inflections, a few typos). Each case states what a correct reply must contain:
 *
 * - `answer` cases: `include` substrings (case-insensitive) and `cites` (¶ numbers) that must
 *   appear in the reply's answer text (everything but the title, which repeats the question);
 *   `exclude` substrings must not appear.
 * - `decline` cases: the article does not answer the question, so the reply must say so.
 *
 * Never special-case a question's wording in the engine: this set measures it, it does not
 * drive it.
 */

export interface AnswerCase {
  question: string;
  expect: 'answer';
  include: string[];
  cites: number[];
  exclude?: string[];
}

export interface DeclineCase {
  question: string;
  expect: 'decline';
  /** Why the article cannot answer it (for the report only). */
  why: string;
}

export type EvalCase = AnswerCase | DeclineCase;

export const evalSet: EvalCase[] = [
  // --- Who -------------------------------------------------------------------------------
  { question: 'Who led the Chinese delegation?', expect: 'answer', include: ['Song Yanchao'], cites: [4] },
  { question: 'Who led the US side of the talks?', expect: 'answer', include: ['Michael Chase'], cites: [4] },
  {
    question: 'Who is the general?',
    expect: 'answer',
    include: ['Song Yanchao', 'Major General'],
    cites: [4],
  },
  { question: 'Who is Chase?', expect: 'answer', include: ['Assistant Secretary of Defense'], cites: [4] },
  { question: 'who is song yanchoa', expect: 'answer', include: ['Major General'], cites: [4] },
  { question: 'Who is Xi Jinping?', expect: 'answer', include: ['Chinese leader'], cites: [4] },
  { question: 'Which US president is mentioned?', expect: 'answer', include: ['Joe Biden'], cites: [4] },
  {
    question: 'Who is the Chinese leader in the article?',
    expect: 'answer',
    include: ['Xi Jinping'],
    cites: [4],
  },

  // --- Titles and roles ------------------------------------------------------------------
  {
    question: "What is Michael Chase's title?",
    expect: 'answer',
    include: ['Deputy Assistant Secretary of Defense'],
    cites: [4],
  },
  { question: "What's Song's rank?", expect: 'answer', include: ['Major General'], cites: [4] },

  // --- Where -----------------------------------------------------------------------------
  { question: 'Where did the talks take place?', expect: 'answer', include: ['Pentagon'], cites: [4] },
  {
    question: 'Which city were the discussions held in?',
    expect: 'answer',
    include: ['Washington'],
    cites: [1],
  },

  // --- Why / how -------------------------------------------------------------------------
  {
    question: 'Why does the US want open communication lines?',
    expect: 'answer',
    include: ['prevent competition from escalating into conflict'],
    cites: [5],
  },
  {
    question: 'How did the talks come about?',
    expect: 'answer',
    include: ['agreement between US President Joe Biden and Chinese leader Xi Jinping'],
    cites: [4],
  },
  {
    question: 'Why were the military talks restarted?',
    expect: 'answer',
    include: ['Biden', 'Xi Jinping'],
    cites: [4],
  },
  {
    question: 'How did the talks end?',
    expect: 'answer',
    include: ['willingness to develop relations'],
    cites: [6],
  },
  {
    question: 'What was the goal of the discussions?',
    expect: 'answer',
    include: ['healthy and stable military-to-military relations', 'according to the Chinese side'],
    cites: [4],
  },

  // --- What did X say / want -------------------------------------------------------------
  {
    question: 'What did they say about the Philippines?',
    expect: 'answer',
    include: ['Philippine vessels', 'harassment'],
    cites: [5],
  },
  {
    question: 'Which ships were harassed?',
    expect: 'answer',
    include: ['Philippine vessels'],
    cites: [5],
  },
  {
    question: 'Did China harass Philippine boats?',
    expect: 'answer',
    include: ['Philippine vessels', 'Chase'],
    cites: [5],
  },
  {
    question: 'What does China want on Taiwan?',
    expect: 'answer',
    include: ['never compromise'],
    cites: [1],
  },
  {
    question: 'Will Beijing compromise on Taiwan?',
    expect: 'answer',
    include: ['never compromise'],
    cites: [1],
  },
  {
    question: 'What did the Chinese military tell the US?',
    expect: 'answer',
    include: ['never compromise'],
    cites: [1],
  },
  {
    question: 'What did Beijing say about weapons sales to Taiwan?',
    expect: 'answer',
    include: ['arming the self-ruled island', 'defense ministry'],
    cites: [2],
  },
  {
    question: 'What does China say about arming Taiwan?',
    expect: 'answer',
    include: ['arming', 'defense ministry'],
    cites: [2],
  },
  {
    question: 'What did the PRC ask America to do in the South China Sea?',
    expect: 'answer',
    include: ['reduce its military presence', 'defense ministry'],
    cites: [2],
  },
  {
    question: 'What provocative actions did the Chinese complain about?',
    expect: 'answer',
    include: ['provocative actions'],
    cites: [1],
  },
  {
    question: "What did China's defence ministry say about frontline troops?",
    expect: 'answer',
    include: ['strict control over its frontline troops'],
    cites: [3],
  },
  {
    question: 'What does China want the US to understand?',
    expect: 'answer',
    include: ['root causes of maritime and air security issues'],
    cites: [3],
  },
  {
    question: 'Did China say anything about exaggeration?',
    expect: 'answer',
    include: ['exaggeration and sensationalism'],
    cites: [3],
  },
  {
    question: 'What did the Chinese side say about core interests?',
    expect: 'answer',
    include: ['core interests and international hotspots'],
    cites: [3],
  },
  {
    question: 'What did the Pentagon say?',
    expect: 'answer',
    include: ['peace and stability across the Strait of Taiwan'],
    cites: [6],
  },
  {
    question: 'What did Chase say about the Taiwan Strait?',
    expect: 'answer',
    include: ['peace and stability', 'Pentagon'],
    cites: [6],
  },
  {
    question: 'What did Micheal Chase say about international law?',
    expect: 'answer',
    include: ['flying, sailing, and operating within the bounds of international law'],
    cites: [5],
  },
  {
    question: 'What did Washington say about freedom of navigaton?',
    expect: 'answer',
    include: ['freedom of navigation'],
    cites: [5],
  },
  {
    question: 'What did the Americans stress in response?',
    expect: 'answer',
    include: ['open lines of military communication'],
    cites: [5],
  },
  {
    question: 'What did China call for regarding US support for Taiwan?',
    expect: 'answer',
    include: ["end to the United States' support for Taiwan"],
    cites: [2],
  },
  {
    question: 'What about the high seas?',
    expect: 'answer',
    include: ['freedom of navigation'],
    cites: [5],
  },
  {
    question: 'What did both sides agree on?',
    expect: 'answer',
    include: ['willingness to develop relations'],
    cites: [6],
  },
  {
    question: 'What role did Biden play?',
    expect: 'answer',
    include: ['restart military discussions'],
    cites: [4],
  },
  {
    question: 'What did the defense ministry statement say about international norms?',
    expect: 'answer',
    include: ['violate international norms'],
    cites: [2],
  },

  // --- The article does not say: must decline ----------------------------------------------
  { question: "What is Taiwan's population?", expect: 'decline', why: 'no population figure' },
  { question: 'Who is the Philippine president?', expect: 'decline', why: 'no Philippine official named' },
  { question: 'When did the talks happen?', expect: 'decline', why: 'the article gives no date' },
  { question: 'How many ships does the Chinese navy have?', expect: 'decline', why: 'no numbers' },
  { question: 'What did Japan say?', expect: 'decline', why: 'Japan is not mentioned' },
  { question: 'What did Lloyd Austin say?', expect: 'decline', why: 'Austin is not mentioned' },
  {
    question: 'How much were the US arms sales to Taiwan worth?',
    expect: 'decline',
    why: 'no amounts',
  },
  { question: 'What did Russia think of the talks?', expect: 'decline', why: 'Russia is not mentioned' },
  { question: 'How long did the talks last?', expect: 'decline', why: 'no duration given' },
  { question: 'How old is Song Yanchao?', expect: 'decline', why: 'no age given' },
  {
    question: 'What did the Chinese ambassador say?',
    expect: 'decline',
    why: 'no ambassador in the article',
  },
  { question: 'What is the capital of the Philippines?', expect: 'decline', why: 'general knowledge' },
  {
    question: "What did Taiwan's government say?",
    expect: 'decline',
    why: 'Taiwan says nothing in the article',
  },
  {
    question: 'How many Philippine vessels were harassed?',
    expect: 'decline',
    why: 'the incidents are not counted',
  },
  { question: 'What year was the Biden-Xi agreement made?', expect: 'decline', why: 'no date given' },
];
