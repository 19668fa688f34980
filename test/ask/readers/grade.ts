import { normalizeForMatch } from '../../../src/article/integrity.js';
import { type AskOptions, type AskResult, answerQuestion } from '../../../src/ask/answer.js';
import type { AskEngine } from '../../../src/ask/engine.js';
import { askLines } from '../../../src/ask/reply.js';
import type { ReaderCase } from './types.js';

export interface ReaderVerdict {
  case: ReaderCase;
  result: AskResult;
  pass: boolean;
  problems: string[];
}

/**
 * An opening that refuses or disclaims ("The article doesn't say.", "The article reports no
 * statement by …"). The yes/no form "doesn't say yes or no in those words; it says: …" answers.
 */
const REFUSAL =
  /^[\s*_>]*(?:the article (?:doesn'?t|does not) say(?! yes or no)|the article (?:reports|gives|has) no|the article never|not stated|no answer)/i;

const comparable = (text: string) => normalizeForMatch(text.replaceAll('\\', '')).toLowerCase();

/** The reply's text as a member reads it: every line of the answer or decline. */
export const replyText = (result: AskResult) => askLines(result).join('\n');

/** Whether the reply opens with a refusal or a disclaimer. */
export const opensWithRefusal = (text: string) => REFUSAL.test(text.split('\n').find((l) => l.trim()) ?? '');

/**
 * Grades one reader question by meaning: an answerable one passes when the reply does not open
 * with a refusal, cites one of the expected paragraphs and has one phrase of every group; an
 * unanswerable one passes only when /ask declines.
 */
export function gradeReader(engine: AskEngine, c: ReaderCase, options: AskOptions = {}): ReaderVerdict {
  const result = answerQuestion(engine, c.q, options);
  const problems: string[] = [];
  if ('none' in c) {
    if (result.kind !== 'decline') problems.push('answered a question the article does not answer');
    return { case: c, result, pass: problems.length === 0, problems };
  }
  const text = replyText(result);
  if (result.kind === 'decline') problems.push(`declined (${result.reason})`);
  else if (opensWithRefusal(text)) problems.push('opens with a refusal or disclaimer');
  const body = comparable(text);
  if (c.para && !c.para.some((n) => new RegExp(`¶${n}(?!\\d)`).test(body)))
    problems.push(`cites none of ¶${c.para.join(', ¶')}`);
  for (const group of c.has)
    if (!group.some((phrase) => body.includes(comparable(phrase))))
      problems.push(`missing “${group.join('” / “')}”`);
  return { case: c, result, pass: problems.length === 0, problems };
}
