import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { normalizeForMatch } from '../../src/article/integrity.js';
import { type AskResult, answerQuestion } from '../../src/ask/answer.js';
import { AskEngines } from '../../src/ask/engines.js';
import { MAX_QUESTION_LENGTH } from '../../src/ask/question.js';
import { askLines } from '../../src/ask/reply.js';
import { splitSentences } from '../../src/ask/sentences.js';
import { processTerm, splitWords } from '../../src/ask/terms.js';
import { UserError } from '../../src/errors.js';
import { engineOf, loadMainArticle, loadSecondArticle } from '../helpers/articles.js';
import { evalSet } from './eval-set.js';

type Answer = Extract<AskResult, { kind: 'answer' }>;

/** Everything the answer states, as one lower-case string. */
function answerText(result: AskResult): string {
  if (result.kind !== 'answer') return '';
  return [
    result.lead ?? '',
    ...result.lines.map(
      (l) => `${l.subject ?? ''} ${l.attribution ?? ''} ${l.text} ${l.cites.map((n) => `¶${n}`).join(' ')}`,
    ),
    ...result.evidence.map((s) => `${s.text} ¶${s.paragraph}`),
  ]
    .join('\n')
    .toLowerCase();
}

function expectAnswer(article: Article, question: string): Answer {
  const result = answerQuestion(engineOf(article), question);
  if (result.kind !== 'answer') throw new Error(`declined “${question}” (${result.reason})`);
  return result;
}

/** Every quoted sentence is a verbatim part of the paragraph it cites. */
function expectVerbatim(article: Article, result: AskResult) {
  if (result.kind !== 'answer') return;
  expect(result.evidence.length).toBeGreaterThan(0);
  for (const s of result.evidence) {
    const paragraph = article.paragraph(s.paragraph);
    expect(paragraph, `¶${s.paragraph}`).toBeDefined();
    expect(paragraph?.text).toContain(s.text);
  }
}

describe('/ask engine on the main article', () => {
  let article: Article;
  beforeAll(async () => {
    article = await loadMainArticle();
  });

  it('is built once per article of the library, each from its own model (ctx.ask)', async () => {
    const second = await loadSecondArticle();
    const engines = new AskEngines([article, second]);
    expect(engines.for(article)).toBe(engines.for(article));
    expect(engines.for(second)).not.toBe(engines.for(article));
    expect(engines.for(article).sentences.length).toBeGreaterThan(article.paragraphCount);
  });

  it.each([
    ['Who is Song?', 'song yanchao'],
    ['Who is the general?', 'song yanchao'],
    ['What did Chase say about international law?', 'international law'],
    ['What did the Pentagon say?', 'peace and stability'],
    ['What did Beijing say about arming Taiwan?', 'arming'],
    ['What did the PRC urge the US to do in the South China Sea?', 'military presence'],
    ['What did America stress?', 'open lines of military communication'],
    ['What did Washington say about freedom of navigation?', 'freedom of navigation'],
  ])('knows names by alias or part: %s', (question, expected) => {
    expect(answerText(expectAnswer(article, question))).toContain(expected);
  });

  it.each([
    ['Which vessels did China harass?', 'philippine vessels'],
    ['What about the harassed ships?', 'philippine vessels'],
    ['What did China say about weapons for Taiwan?', 'arming'],
    ['How did the discussions conclude?', 'willingness to develop relations'],
  ])('understands synonyms and inflections: %s', (question, expected) => {
    expect(answerText(expectAnswer(article, question))).toContain(expected);
  });

  it.each([
    ['What did Micheal Chase say about the Taiwan Strait?', 'peace and stability'],
    ['Whta did the Pentgon say?', 'peace and stability'],
    ['who led the chinese delegaton', 'song yanchao'],
  ])('corrects typos within reason: %s', (question, expected) => {
    expect(answerText(expectAnswer(article, question))).toContain(expected);
  });

  it('keeps attribution: a side’s claim is never stated as fact', () => {
    const arms = expectAnswer(article, 'What did China say about arming Taiwan?');
    expect(arms.lines[0]?.attribution).toBe('according to the Chinese defense ministry');
    const strait = expectAnswer(article, 'What did Chase say about the Taiwan Strait?');
    expect(answerText(strait)).toContain('pentagon');
    const philippines = expectAnswer(article, 'Did China harass Philippine boats?');
    expect(philippines.lines[0]?.subject).toBe('Michael Chase');
  });

  it('gives the role as the article states it, with the inconsistency note', () => {
    const result = expectAnswer(article, "What is Chase's title?");
    expect(result.lines.map((l) => l.text)).toEqual(
      expect.arrayContaining(['Deputy Assistant Secretary of Defense', 'Assistant Secretary of Defense']),
    );
    expect(result.notes.some((n) => n.text.includes('Deputy Assistant Secretary'))).toBe(true);
  });

  it('declines, naming the person, when the article has no words from the person asked about', () => {
    const result = answerQuestion(engineOf(article), 'What did Xi say?');
    expect(result).toMatchObject({ kind: 'decline', reason: 'no-statement', silent: ['Xi Jinping'] });
    expect(askLines(result)[0]).toBe(
      "The article doesn't say: it reports nothing **Xi Jinping** said on this.",
    );
  });

  it.each([
    ['What did Japan say about Taiwan?', 'unknown-name'],
    ['What did Lloyd Austin say?', 'unknown-name'],
    ['When did the talks take place?', 'no-date'],
    ['How many ships were harassed?', 'no-number'],
    ['What is the population of Taiwan?', 'not-covered'],
    ['Who is the Philippine president?', 'not-covered'],
  ])('declines what the article does not say: %s', (question, reason) => {
    const result = answerQuestion(engineOf(article), question);
    expect(result.kind).toBe('decline');
    if (result.kind !== 'decline') return;
    expect(result.reason).toBe(reason);
    expect(result.covers.length).toBeGreaterThan(0);
    for (const c of result.covers) expect(c.cites.length).toBeGreaterThan(0);
  });

  it('names the unknown name and offers the omission note for a date it lacks', () => {
    const japan = answerQuestion(engineOf(article), 'What did Japan say?');
    expect(japan.kind === 'decline' && japan.unknownNames).toEqual(['Japan']);
    const when = answerQuestion(engineOf(article), 'When did the talks happen?');
    expect(when.kind === 'decline' && when.notes.some((n) => /no date/.test(n.text))).toBe(true);
  });

  it('quotes only verbatim sentences of the cited paragraph, for every evaluation question', () => {
    for (const c of evalSet) expectVerbatim(article, answerQuestion(engineOf(article), c.question));
  });

  it('is deterministic: the same question gives the same answer, fresh engine or not', async () => {
    const again = await loadMainArticle();
    for (const c of evalSet.slice(0, 20)) {
      const first = answerQuestion(engineOf(article), c.question);
      expect(answerQuestion(engineOf(article), c.question)).toEqual(first);
      expect(answerQuestion(engineOf(again), c.question)).toEqual(first);
    }
  });

  it('rejects an empty or over-long question with a UserError', () => {
    for (const bad of ['', '   ', '?!']) {
      expect(() => answerQuestion(engineOf(article), bad)).toThrow(UserError);
    }
    try {
      answerQuestion(engineOf(article), 'a'.repeat(MAX_QUESTION_LENGTH + 1));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).identifier).toBe('question-too-long');
    }
    expect(answerQuestion(engineOf(article), `Who is Chase?${' '.repeat(400)}`).kind).toBe('answer');
  });
});

describe('/ask engine on the second fixture article', () => {
  let article: Article;
  beforeAll(async () => {
    article = await loadSecondArticle();
  });

  it.each([
    ['Who sponsored the bike lane?', 'dana ortiz', 2],
    ['How many crashes involved cyclists?', '14 crashes', 2],
    ['Why did the merchants oppose the lane?', '40 parking spaces', 3],
    ['What did Lund ask for?', 'delay', 3],
    ['When will construction begin?', 'spring', 4],
    ['When was the vote?', 'tuesday', 1],
  ])('answers %s', (question, expected, paragraph) => {
    const result = expectAnswer(article, question);
    expect(answerText(result)).toContain(expected);
    expect(result.evidence.map((s) => s.paragraph)).toContain(paragraph);
    expectVerbatim(article, result);
  });

  it.each(['What did the mayor say?', 'How much will the lane cost?', 'What did Taiwan say?'])(
    'declines %s',
    (question) => {
      expect(answerQuestion(engineOf(article), question).kind).toBe('decline');
    },
  );
});

describe('/ask text pieces', () => {
  it('splits sentences as verbatim slices, not at initials or titles', () => {
    const text = 'The U.S. side met Dr. Lee in Washington, D.C. on Monday. He said “yes.” Talks ended.';
    const sentences = splitSentences({ n: 3, text });
    expect(sentences.map((s) => s.text)).toEqual([
      'The U.S. side met Dr. Lee in Washington, D.C. on Monday.',
      'He said “yes.”',
      'Talks ended.',
    ]);
    for (const s of sentences) expect(text).toContain(s.text);
    expect(sentences.every((s) => s.paragraph === 3)).toBe(true);
  });

  it('folds inflections, synonyms, demonyms and spelling to one term', () => {
    const terms = (text: string) => splitWords(text).flatMap((w) => processTerm(w.lower));
    expect(terms('discussions')).toEqual(terms('talks'));
    expect(terms('postponed')).toEqual(terms('delay'));
    expect(terms('Chinese')).toEqual(terms('China'));
    expect(terms('the United States')).toEqual(terms('America'));
    expect(terms('defence')).toEqual(terms('defense'));
    expect(terms('What did they tell us')).toEqual([]);
    expect(terms('the US')).toEqual(terms('America'));
  });

  it("folds an article's own synonyms from its data, and only for that article", async () => {
    const [main, second] = await Promise.all([loadMainArticle(), loadSecondArticle()]);
    const terms = (article: Article | undefined, text: string) =>
      splitWords(text).flatMap((w) => (article ? engineOf(article).processTerm : processTerm)(w.lower));
    expect(main.model.ask?.synonyms.length).toBeGreaterThan(0);
    expect(terms(main, 'harassed')).toEqual(terms(main, 'harassment'));
    expect(terms(main, 'ships')).toEqual(terms(main, 'vessels'));
    expect(terms(main, 'weapons')).toEqual(terms(main, 'arming'));
    expect(terms(second, 'bicycles')).toEqual(terms(second, 'bike'));
    // General English alone does not know either subject's vocabulary.
    expect(terms(undefined, 'ships')).not.toEqual(terms(undefined, 'vessels'));
    expect(terms(second, 'ships')).not.toEqual(terms(second, 'vessels'));
    expect(terms(main, 'bicycles')).not.toEqual(terms(main, 'bike'));
  });

  it('reads quotes the same whatever their typography', () => {
    expect(normalizeForMatch('“never compromise”')).toBe(normalizeForMatch('"never compromise"'));
  });
});
