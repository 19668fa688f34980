import { normalizeForMatch } from '../../src/article/integrity.js';
import { type AskOptions, type AskResult, answerQuestion } from '../../src/ask/answer.js';
import type { AskEngine } from '../../src/ask/engine.js';
import { askLines } from '../../src/ask/reply.js';
import type { EvalCase } from './eval-set.js';

export interface Verdict {
  case: EvalCase;
  result: AskResult;
  pass: boolean;
  /** What was missing or wrong, for a failed case. */
  problems: string[];
}

const comparable = (text: string) => normalizeForMatch(text.replaceAll('\\', '')).toLowerCase();

/** Whether a reply meets an evaluation case: its facts and ¶ for answers, a decline for declines. */
export function scoreCase(engine: AskEngine, c: EvalCase, options: AskOptions = {}): Verdict {
  const result = answerQuestion(engine, c.question, options);
  const problems: string[] = [];
  if (c.expect === 'decline') {
    if (result.kind !== 'decline') problems.push('answered a question the article does not answer');
    return { case: c, result, pass: problems.length === 0, problems };
  }
  if (result.kind !== 'answer') {
    problems.push(`declined (${result.reason})`);
    return { case: c, result, pass: false, problems };
  }
  const text = comparable(askLines(result).join('\n'));
  for (const needed of c.include)
    if (!text.includes(comparable(needed))) problems.push(`missing “${needed}”`);
  for (const n of c.cites) if (!new RegExp(`¶${n}(?!\\d)`).test(text)) problems.push(`missing ¶${n}`);
  for (const banned of c.exclude ?? [])
    if (text.includes(comparable(banned))) problems.push(`contains “${banned}”`);
  return { case: c, result, pass: problems.length === 0, problems };
}
