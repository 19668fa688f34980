/**
 * `npm run eval`: runs the /ask evaluation set against data/articles/taiwan-talks/article.json and prints each
 * question, its verdict and the overall score, with the mean time per question.
 */
import { performance } from 'node:perf_hooks';
import { loadArticle } from '../../src/article/loader.js';
import { ANSWER_THRESHOLD, answerQuestion } from '../../src/ask/answer.js';
import { scoreCase } from './eval-score.js';
import { evalSet } from './eval-set.js';
import { holdoutSet } from './holdout-set.js';

const path =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'data/articles/taiwan-talks/article.json';
const article = await loadArticle(path);
const engine = article.ask;
const verbose = process.argv.includes('--verbose');

let passed = 0;
for (const c of evalSet) {
  const v = scoreCase(engine, c);
  if (v.pass) passed += 1;
  const outcome = v.result.kind === 'answer' ? 'answered' : `declined:${v.result.reason}`;
  const mark = v.pass ? 'PASS' : 'FAIL';
  console.log(
    `${mark}  [expect ${c.expect.padEnd(7)} → ${outcome.padEnd(22)} conf ${v.result.confidence.toFixed(2)}]  ${c.question}`,
  );
  if (!v.pass || verbose) for (const p of v.problems) console.log(`        - ${p}`);
  if (verbose || !v.pass) {
    if (v.result.kind === 'answer') {
      for (const l of v.result.lines)
        console.log(`        > ${l.subject ?? ''}: ${l.text} ${l.cites.join(',')}`);
      for (const s of v.result.evidence) console.log(`        " ¶${s.paragraph} ${s.text.slice(0, 100)}`);
    } else {
      console.log(`        covers: ${v.result.covers.map((x) => x.name).join(' · ')}`);
      for (const n of v.result.notes) console.log(`        note: ${n.text.slice(0, 100)}`);
    }
  }
}

const declines = evalSet.filter((c) => c.expect === 'decline');
const declined = declines.filter((c) => scoreCase(engine, c).result.kind === 'decline').length;
const rounds = 200;
const runs = rounds * evalSet.length;
for (const c of evalSet) answerQuestion(engine, c.question); // warm-up
const cpuStart = process.cpuUsage();
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const c of evalSet) answerQuestion(engine, c.question);
const micros = ((performance.now() - start) * 1000) / runs;
const cpu = process.cpuUsage(cpuStart);
const cpuMicros = (cpu.user + cpu.system) / runs;

// How the score moves with the answer threshold: the chosen value should sit on a plateau.
const sweep = [0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1].map((threshold) => {
  const verdicts = evalSet.map((c) => scoreCase(engine, c, { threshold }));
  const ok = verdicts.filter((v) => v.pass).length;
  const wrongAnswers = verdicts.filter(
    (v) => v.case.expect === 'decline' && v.result.kind === 'answer',
  ).length;
  const wrongDeclines = verdicts.filter(
    (v) => v.case.expect === 'answer' && v.result.kind === 'decline',
  ).length;
  const mark = threshold === ANSWER_THRESHOLD ? ' ← ANSWER_THRESHOLD' : '';
  return `  ${threshold.toFixed(2)}: ${ok}/${evalSet.length} (answered unanswerable: ${wrongAnswers}, declined answerable: ${wrongDeclines})${mark}`;
});

console.log('');
console.log('Threshold sweep:');
for (const line of sweep) console.log(line);
console.log('');
const holdout = holdoutSet.map((c) => scoreCase(engine, c));
for (const v of holdout.filter((x) => !x.pass))
  console.log(`held-out FAIL  ${v.case.question}: ${v.problems.join('; ')}`);
console.log(`Held-out (not tuned on): ${holdout.filter((v) => v.pass).length}/${holdout.length}`);
console.log(`Score: ${passed}/${evalSet.length} (${((100 * passed) / evalSet.length).toFixed(1)}%)`);
console.log(`Unanswerable declined: ${declined}/${declines.length}`);
console.log(
  `Mean time: ${micros.toFixed(1)} µs/question wall, ${cpuMicros.toFixed(1)} µs CPU (${runs} answers, index built once at load)`,
);
