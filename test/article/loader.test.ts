import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/article/article.js';
import { ArticleModelError, formatPath, loadArticle } from '../../src/article/loader.js';
import { BOTH_SIDES } from '../../src/article/schema.js';
import {
  BROKEN_ARTICLE_PATH,
  loadMainArticle,
  loadSecondArticle,
  MAIN_ARTICLE_PATH,
  REPO_ROOT,
  SECOND_ARTICLE_PATH,
} from '../helpers/articles.js';

/** Runs `load` and returns the ArticleModelError it must throw. */
async function modelError(load: Promise<unknown>): Promise<ArticleModelError> {
  try {
    await load;
  } catch (error) {
    if (error instanceof ArticleModelError) return error;
    throw error;
  }
  throw new Error('expected loading to fail');
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'parley-loader-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes a model (and optionally its text) to a fresh folder and returns the model path. */
async function writeModel(name: string, model: unknown, text?: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'article.json');
  await writeFile(path, typeof model === 'string' ? model : JSON.stringify(model));
  if (text !== undefined) await writeFile(join(dir, 'article.txt'), text);
  return path;
}

const mainJson = async (): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(MAIN_ARTICLE_PATH, 'utf8')) as Record<string, unknown>;
const mainText = () => readFile(join(REPO_ROOT, 'data/articles/taiwan-talks/article.txt'), 'utf8');

describe('loadArticle on the real model', () => {
  it('loads data/articles/taiwan-talks/article.json into an Article over the verbatim text', async () => {
    const article = await loadMainArticle();
    expect(article).toBeInstanceOf(Article);
    expect(article.sourceText).toBe(await mainText());
    expect(article.paragraphCount).toBe(6);
    expect(article.paragraph(1)?.text.startsWith('Defense News ,China :- In recent discussions')).toBe(true);
    expect(article.paragraph(6)?.text.startsWith('The Pentagon highlighted')).toBe(true);
    expect(article.model.headline).toBe(
      "Beijing will 'never compromise' on Taiwan: Chinese military tells US",
    );
    expect(article.model.section).toBe('World Defense');
    expect(article.model.published).toBeNull();
    // The page chrome is not article content.
    expect(article.model.paragraphs.some((p) => p.text.includes('Leave a Comment'))).toBe(false);
  });

  it('models the facts the bot answers from', async () => {
    const article = await loadMainArticle();
    expect(article.model.sides.map((s) => [s.id, s.name, s.short])).toEqual([
      ['china', 'China', 'China'],
      ['us', 'United States', 'US'],
    ]);
    expect(article.actor('michael-chase')?.roles).toEqual([
      { title: 'Deputy Assistant Secretary of Defense', cite: 4 },
      { title: 'Assistant Secretary of Defense', cite: 5 },
    ]);
    expect(article.actor('song-yanchao')?.roles).toEqual([{ title: 'Major General', cite: 4 }]);
    expect(article.actor('joe-biden')?.side).toBe('us');
    expect(article.actor('xi-jinping')?.side).toBe('china');
    expect(article.actor('washington')?.kind).toBe('place');
    expect(article.quotesBy('chinese-delegation').map((q) => q.text)).toEqual([
      'never compromise',
      'provocative actions',
    ]);
    const talks = article.model.events.find((e) => e.id === 'pentagon-talks');
    expect(talks?.place).toBe('pentagon');
    expect(talks?.date).toBeNull();
    expect(article.model.notes.map((n) => n.id)).toContain('chase-title');
    // Both sides hold stances on the contested topics, and ¶6 gives one to both.
    for (const topic of ['taiwan', 'south-china-sea', 'international-law', 'military-relations']) {
      const sides = new Set(article.model.positions.filter((p) => p.topic === topic).map((p) => p.side));
      expect(sides, topic).toContain('china');
      expect(sides, topic).toContain('us');
    }
    expect(article.model.positions.filter((p) => p.side === BOTH_SIDES).map((p) => p.cite)).toEqual([6]);
    // The Chinese defense ministry is the account of ¶2–¶3 stances; the Pentagon of ¶6's.
    expect(article.positionsOf('china').every((p) => p.account === 'chinese-defense-ministry')).toBe(true);
    expect(article.position('us-taiwan-strait-peace')?.account).toBe('pentagon');
  });

  it('cites every paragraph in the full summary, one point per paragraph', async () => {
    const article = await loadMainArticle();
    expect(article.model.summary.full.map((p) => p.cites)).toEqual([[1], [2], [3], [4], [5], [6]]);
    expect(article.model.summary.brief.length).toBeLessThanOrEqual(2);
    expect(article.model.summary.standard.length).toBeGreaterThanOrEqual(4);
  });
});

describe('loadArticle on the second fixture', () => {
  it('loads a different article with every collection filled', async () => {
    const article = await loadSecondArticle();
    const m = article.model;
    expect(m.id).toBe('elm-street-bike-lane');
    expect(article.paragraphCount).toBe(4);
    for (const collection of [m.sides, m.actors, m.topics, m.positions, m.quotes, m.events, m.notes]) {
      expect(collection.length).toBeGreaterThan(0);
    }
    expect(article.actor('dana-ortiz')?.roles).toEqual([{ title: 'Council member', cite: 2 }]);
    expect(article.quotesBy('dana-ortiz').map((q) => q.text)).toEqual([
      'make Elm Street safe for everyone, not just drivers.',
    ]);
    expect(article.actor('michael-chase')).toBeUndefined();
  });

  it('resolves the text file relative to the model, not the working directory', async () => {
    const text = await readFile(join(REPO_ROOT, 'test/fixtures/second-article/article.txt'), 'utf8');
    const json = JSON.parse(await readFile(SECOND_ARTICLE_PATH, 'utf8')) as unknown;
    const path = await writeModel('relative', json, text);
    expect((await loadArticle(path)).model.id).toBe('elm-street-bike-lane');
  });
});

describe('loadArticle failures', () => {
  it('names every deliberate fault of the broken fixture', async () => {
    const error = await modelError(loadArticle(BROKEN_ARTICLE_PATH));
    expect(error.name).toBe('ArticleModelError');
    expect(error.file).toBe(BROKEN_ARTICLE_PATH);
    expect(error.problems).toEqual([
      { path: 'topics[3].id', reason: 'duplicate id "cyclist-safety" (also topics[0])' },
      { path: 'summary.full', reason: 'does not cover ¶4' },
      {
        path: 'actors[0].aliases[2].text',
        reason: 'alias "Mayor Ortiz" does not occur in the article text (mark it shortForm if it need not)',
      },
      { path: 'actors[1].roles[0].title', reason: '"chairman" does not occur verbatim in ¶3' },
      { path: 'positions[1].topic', reason: 'unknown topic "parking"' },
      { path: 'positions[2].holder', reason: 'unknown actor "greg-lunt"' },
      { path: 'quotes[0].text', reason: '"safe for everybody" does not occur verbatim in ¶2' },
      { path: 'events[0].participants[2]', reason: 'unknown actor "city-counsel"' },
      { path: 'notes[1].cites[0]', reason: 'cites ¶7, which does not exist (the article has ¶1–¶4)' },
    ]);
    expect(error.message).toContain(`Invalid article model ${BROKEN_ARTICLE_PATH} (9 problems):`);
    expect(error.message).toContain('  - positions[2].holder: unknown actor "greg-lunt"');
    expect(error.message).toContain('  - summary.full: does not cover ¶4');
  });

  it('reports schema errors with their paths, all at once', async () => {
    const json = await mainJson();
    delete json.headline;
    const positions = json.positions as Array<Record<string, unknown>>;
    delete positions[3]?.evidence;
    const events = json.events as Array<Record<string, unknown>>;
    (events[1] as Record<string, unknown>).palce = 'pentagon';
    const actors = json.actors as Array<Record<string, unknown>>;
    (actors[2] as Record<string, unknown>).kind = 'robot';
    const error = await modelError(loadArticle(await writeModel('schema', json, await mainText())));
    expect(error.problems.map((p) => p.path)).toEqual([
      'headline',
      'actors[2].kind',
      'positions[3].evidence',
      'events[1]',
    ]);
    expect(error.problems[0]?.reason).toMatch(/expected string/);
    expect(error.problems[3]?.reason).toMatch(/Unrecognized key: "palce"/);
  });

  it('reports integrity problems of a model that passes the schema', async () => {
    const json = await mainJson();
    const quotes = json.quotes as Array<Record<string, unknown>>;
    (quotes[0] as Record<string, unknown>).text = 'never ever compromise';
    const error = await modelError(loadArticle(await writeModel('integrity', json, await mainText())));
    expect(error.problems).toEqual([
      { path: 'quotes[0].text', reason: '"never ever compromise" does not occur verbatim in ¶1' },
    ]);
  });

  it('reports invalid JSON, a missing model file and a missing text file', async () => {
    const bad = await modelError(loadArticle(await writeModel('bad-json', '{ "schemaVersion": 1,')));
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]?.path).toBe('');
    expect(bad.problems[0]?.reason).toMatch(/^invalid JSON: /);
    expect(bad.message).toContain('(file): invalid JSON');

    const missing = await modelError(loadArticle(join(scratch, 'nowhere', 'article.json')));
    expect(missing.problems[0]?.reason).toMatch(/^cannot read the model file: .*ENOENT/);

    const json = await mainJson();
    json.textFile = 'missing.txt';
    const noText = await modelError(loadArticle(await writeModel('no-text', json)));
    expect(noText.problems).toHaveLength(1);
    expect(noText.problems[0]?.path).toBe('textFile');
    expect(noText.problems[0]?.reason).toMatch(/^cannot read the article text .*missing\.txt: .*ENOENT/);
  });

  it('loads a text file with a BOM and Windows line endings', async () => {
    const text = `\uFEFF${(await mainText()).replace(/\n/g, '\r\n')}`;
    const article = await loadArticle(await writeModel('crlf', await mainJson(), text));
    expect(article.sourceText).toBe(await mainText());
  });
});

describe('formatPath', () => {
  it('writes zod paths the way the model is navigated', () => {
    expect(formatPath(['positions', 3, 'evidence'])).toBe('positions[3].evidence');
    expect(formatPath(['summary', 'full', 0, 'cites', 1])).toBe('summary.full[0].cites[1]');
    expect(formatPath([])).toBe('');
  });
});
