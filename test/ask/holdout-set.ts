import type { EvalCase } from './eval-set.js';

/**
 * Held-out questions, written after the engine was tuned on eval-set.ts and run once without
 * tuning on them: `npm run eval` reports their score to show how the engine generalises. Not
 * gated by a test, and never to be tuned against (add a failure to eval-set.ts first if it
 * should drive a change).
 */
export const holdoutSet: EvalCase[] = [
  { question: 'Who headed the American side?', expect: 'answer', include: ['Michael Chase'], cites: [4] },
  {
    question: 'What is Song Yanchao’s military rank?',
    expect: 'answer',
    include: ['Major General'],
    cites: [4],
  },
  {
    question: 'In which building did the meeting happen?',
    expect: 'answer',
    include: ['Pentagon'],
    cites: [4],
  },
  {
    question: 'What does Beijing think about US military presence in the South China Sea?',
    expect: 'answer',
    include: ['reduce its military presence'],
    cites: [2],
  },
  {
    question: 'What did the ministry say about frontline troops?',
    expect: 'answer',
    include: ['frontline troops'],
    cites: [3],
  },
  {
    question: 'Which country’s boats were being harassed?',
    expect: 'answer',
    include: ['Philippine vessels'],
    cites: [5],
  },
  {
    question: 'What agreement led to the talks?',
    expect: 'answer',
    include: ['Joe Biden', 'Xi Jinping'],
    cites: [4],
  },
  {
    question: 'Did the Pentagon mention the Taiwan Strait?',
    expect: 'answer',
    include: ['peace and stability'],
    cites: [6],
  },
  {
    question: 'what does china say about sensationalism',
    expect: 'answer',
    include: ['sensationalism'],
    cites: [3],
  },
  {
    question: 'What kind of relations did the Chinese side want?',
    expect: 'answer',
    include: ['healthy and stable'],
    cites: [4],
  },
  {
    question: 'How many times did Chinese ships harass Philippine vessels?',
    expect: 'decline',
    why: 'no count',
  },
  { question: 'What did South Korea say about the talks?', expect: 'decline', why: 'not mentioned' },
  { question: 'Who is the Chinese foreign minister?', expect: 'decline', why: 'not mentioned' },
  {
    question: 'When will the next round of talks be held?',
    expect: 'decline',
    why: 'no date, no next round',
  },
  { question: 'What is the GDP of China?', expect: 'decline', why: 'no figures' },
  { question: 'Did Taiwan send a delegation?', expect: 'decline', why: 'not in the article' },
];
