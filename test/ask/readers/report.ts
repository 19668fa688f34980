import type { AskOptions } from '../../../src/ask/answer.js';
import type { AskEngine } from '../../../src/ask/engine.js';
import { gradeReader, type ReaderVerdict } from './grade.js';
import type { ReaderCase } from './types.js';

export interface HalfScore {
  passed: number;
  total: number;
  /** Questions the article does not answer that got an answer. */
  wrongAnswers: number;
  byType: Map<string, { passed: number; total: number }>;
  verdicts: ReaderVerdict[];
}

/** Grades one half of a reader set, totals and per question type. */
export function scoreHalf(
  engine: AskEngine,
  cases: readonly ReaderCase[],
  options: AskOptions = {},
): HalfScore {
  const verdicts = cases.map((c) => gradeReader(engine, c, options));
  const byType = new Map<string, { passed: number; total: number }>();
  for (const v of verdicts) {
    const t = byType.get(v.case.type) ?? { passed: 0, total: 0 };
    t.total += 1;
    if (v.pass) t.passed += 1;
    byType.set(v.case.type, t);
  }
  return {
    passed: verdicts.filter((v) => v.pass).length,
    total: verdicts.length,
    wrongAnswers: verdicts.filter((v) => 'none' in v.case && v.result.kind === 'answer').length,
    byType,
    verdicts,
  };
}
