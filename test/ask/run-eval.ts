/**
 * `npm run eval`: the reader-worded sets (development and held-out halves, by question type,
 * with a threshold sweep) for every article, then the old model-worded set as a regression
 * check, and the mean time per question. `--verbose` prints every failure's reply.
 */
import { performance } from 'node:perf_hooks';
import { loadArticle } from '../../src/article/loader.js';
import { ANSWER_THRESHOLD, answerQuestion } from '../../src/ask/answer.js';
import type { AskEngine } from '../../src/ask/engine.js';
import { engineOf, MAIN_ARTICLE_PATH } from '../helpers/articles.js';
import { scoreCase } from './eval-score.js';
import { evalSet } from './eval-set.js';
import { holdoutSet } from './holdout-set.js';
import { replyText } from './readers/grade.js';
import { type HalfScore, scoreHalf } from './readers/report.js';
import { readerSets } from './readers/sets.js';

const verbose = process.argv.includes('--verbose');
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

function printHalf(label: string, s: HalfScore): void {
  console.log(
    `  ${label}: ${s.passed}/${s.total} (${pct(s.passed, s.total)}), answered unanswerable: ${s.wrongAnswers}`,
  );
  for (const [type, t] of [...s.byType].sort()) console.log(`      ${type.padEnd(8)} ${t.passed}/${t.total}`);
  for (const v of s.verdicts.filter((x) => !x.pass)) {
    console.log(`      FAIL ${v.case.q} — ${v.problems.join('; ')}`);
    if (verbose) for (const line of replyText(v.result).split('\n')) console.log(`           | ${line}`);
  }
}

const SWEEP = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const engines: AskEngine[] = [];
for (const set of readerSets) {
  const engine = engineOf(await loadArticle(set.articlePath));
  engines.push(engine);
  console.log(`\n=== ${set.name} (reader-worded) ===`);
  printHalf('development', scoreHalf(engine, set.development));
  printHalf('held-out', scoreHalf(engine, set.heldOut));
  console.log('  Threshold sweep (development | held-out; answered unanswerable in brackets):');
  for (const threshold of SWEEP) {
    const d = scoreHalf(engine, set.development, { threshold });
    const h = scoreHalf(engine, set.heldOut, { threshold });
    const mark = threshold === ANSWER_THRESHOLD ? '  ← ANSWER_THRESHOLD' : '';
    console.log(
      `    ${threshold.toFixed(2)}: ${d.passed}/${d.total} [${d.wrongAnswers}] | ${h.passed}/${h.total} [${h.wrongAnswers}]${mark}`,
    );
  }
}

console.log('\n=== taiwan-talks regression (old model-worded set) ===');
const main = engineOf(await loadArticle(MAIN_ARTICLE_PATH));
for (const [label, cases] of [
  ['eval-set', evalSet],
  ['old held-out', holdoutSet],
] as const) {
  const verdicts = cases.map((c) => scoreCase(main, c));
  console.log(`  ${label}: ${verdicts.filter((v) => v.pass).length}/${verdicts.length}`);
  for (const v of verdicts.filter((x) => !x.pass))
    console.log(`      FAIL ${v.case.question} — ${v.problems.join('; ')}`);
}

const questions = readerSets.flatMap((s) => [...s.development, ...s.heldOut].map((c) => c.q));
const rounds = 50;
for (const q of questions) answerQuestion(main, q);
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const q of questions) answerQuestion(main, q);
const micros = ((performance.now() - start) * 1000) / (rounds * questions.length);
console.log(
  `\nMean time: ${micros.toFixed(1)} µs/question (${rounds * questions.length} answers on ${readerSets[0]?.name})`,
);
