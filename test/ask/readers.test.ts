import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/loader.js';
import { engineOf } from '../helpers/articles.js';
import { scoreHalf } from './readers/report.js';
import { readerSets } from './readers/sets.js';

const failures = (s: ReturnType<typeof scoreHalf>) =>
  s.verdicts.filter((v) => !v.pass).map((v) => `${v.case.q}: ${v.problems.join('; ')}`);

describe.each(readerSets)('/ask on reader-worded questions: $name', (set) => {
  it('the held-out half (never tuned on) meets its gate, answering none of the unanswerable', async () => {
    const engine = engineOf(await loadArticle(set.articlePath));
    const held = scoreHalf(engine, set.heldOut);
    expect(held.wrongAnswers, failures(held).join('\n')).toBe(0);
    expect(held.passed / held.total, failures(held).join('\n')).toBeGreaterThanOrEqual(set.gate);
  });

  it('the development half answers none of the unanswerable', async () => {
    const engine = engineOf(await loadArticle(set.articlePath));
    expect(scoreHalf(engine, set.development).wrongAnswers).toBe(0);
  });
});

describe('the Taiwan reader set', () => {
  const taiwan = readerSets.find((s) => s.name === 'taiwan-talks');
  const all = taiwan ? [...taiwan.development, ...taiwan.heldOut] : [];

  it('has at least 150 distinct questions, 40 unanswerable, half of those close in meaning', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((c) => c.q)).size).toBe(all.length);
    const none = all.filter((c) => 'none' in c);
    expect(none.length).toBeGreaterThanOrEqual(40);
    expect(none.filter((c) => 'none' in c && c.none === 'close').length).toBeGreaterThanOrEqual(
      none.length / 2,
    );
  });
});
