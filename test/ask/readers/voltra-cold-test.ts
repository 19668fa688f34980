/**
 * Reader-worded evaluation set for the third fixture article (test/fixtures/third-article, an
 * invented science-and-business story written for the tests). Written on 2026-12-04 at about
 * 19:15 UTC, right after the article and before running /ask on it; the development half
 * first, the held-out half after it. Nothing in src/ was changed for this article.
 */
import type { ReaderCase } from './types.js';

export const development: readonly ReaderCase[] = [
  { q: 'whos aino lehtonen', type: 'who', para: [2], has: [['chief executive']] },
  { q: 'who ran the test', type: 'who', para: [3], has: [['nordic battery institute']] },
  { q: 'where is voltra based', type: 'where', para: [1], has: [['tampere']] },
  { q: 'where will the new factory be', type: 'where', para: [2], has: [['oulu']] },
  { q: 'how much capacity did the cells keep', type: 'said', para: [1], has: [['92 percent']] },
  { q: 'what does the regulator want', type: 'said', para: [4], has: [['field data', 'safety']] },
  { q: 'what did the analyst say', type: 'said', para: [5], has: [['large customer']] },
  { q: 'how did investors react', type: 'how', para: [5], has: [['cautiously', '4 percent', 'flat']] },
  { q: 'did the institute confirm the results?', type: 'yesno', para: [3], has: [['confirmed']] },
  {
    q: 'compare voltra and the regulator',
    type: 'compare',
    has: [
      ['weak point', 'cold'],
      ['field data', 'safety'],
    ],
  },
  { q: 'tldr', type: 'summary', has: [['92 percent'], ['field data']] },
  { q: 'who is sofia berg and what did she say', type: 'twopart', has: [['analyst'], ['large customer']] },
  { q: 'what is the price of the cells', type: 'none', none: 'close' },
  { q: 'when was the test run', type: 'none', none: 'close' },
  { q: 'what did lithium makers say', type: 'none', none: 'close' },
  { q: 'who is the ceo of tesla', type: 'none', none: 'far' },
  { q: 'whats the weather in oslo', type: 'none', none: 'far' },
];

export const heldOut: readonly ReaderCase[] = [
  { q: 'who is pekka virtanen', type: 'who', para: [3], has: [['engineer', 'led the testing']] },
  { q: 'whos the ceo', type: 'who', para: [2], has: [['lehtonen']] },
  { q: 'how many workers will voltra hire', type: 'said', para: [2], has: [['150']] },
  { q: 'how cold was the test', type: 'said', para: [1], has: [['minus 20']] },
  { q: 'how many charge cycles', type: 'said', para: [1], has: [['1,200']] },
  { q: 'what did the regulator say about safety', type: 'said', para: [4], has: [['fire testing']] },
  {
    q: 'what did the institute say',
    type: 'said',
    para: [3],
    has: [['more slowly', 'promising', 'grid conditions']],
  },
  { q: 'why does the regulator want more data', type: 'why', para: [4], has: [['field data', 'approve']] },
  { q: 'what happened to voltras shares', type: 'said', para: [5], has: [['4 percent', 'flat']] },
  {
    q: '@Parley who does voltra want to sell the cells to?? ⚡',
    type: 'markup',
    para: [1],
    has: [['utilities']],
  },
  { q: 'overview pls', type: 'summary', has: [['92 percent'], ['field data']] },
  { q: 'how many workers does voltra have now', type: 'none', none: 'close' },
  { q: 'what did the nordea analyst say about lithium prices', type: 'none', none: 'close' },
  { q: 'what did the government minister say', type: 'none', none: 'close' },
  { q: 'who won the election', type: 'none', none: 'far' },
  { q: 'how tall is the eiffel tower', type: 'none', none: 'far' },
];
