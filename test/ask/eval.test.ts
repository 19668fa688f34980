import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { engineOf, loadMainArticle } from '../helpers/articles.js';
import { scoreCase, type Verdict } from './eval-score.js';
import { evalSet } from './eval-set.js';

describe('/ask regression set (test/ask/eval-set.ts, model-worded)', () => {
  let article: Article;
  let verdicts: Verdict[];
  beforeAll(async () => {
    article = await loadMainArticle();
    verdicts = evalSet.map((c) => scoreCase(engineOf(article), c));
  });

  it('has at least 40 questions, 10 of them unanswerable', () => {
    expect(evalSet.length).toBeGreaterThanOrEqual(40);
    expect(evalSet.filter((c) => c.expect === 'decline').length).toBeGreaterThanOrEqual(10);
    expect(new Set(evalSet.map((c) => c.question)).size).toBe(evalSet.length);
  });

  it('passes at least 90% of the set', () => {
    const failed = verdicts.filter((v) => !v.pass).map((v) => `${v.case.question}: ${v.problems.join('; ')}`);
    const passed = verdicts.length - failed.length;
    expect(passed / verdicts.length, failed.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('declines every question the article cannot answer', () => {
    const answered = verdicts
      .filter((v) => v.case.expect === 'decline' && v.result.kind !== 'decline')
      .map((v) => v.case.question);
    expect(answered).toEqual([]);
  });
});
