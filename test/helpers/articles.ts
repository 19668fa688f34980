import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/article/article.js';
import { loadArticle } from '../../src/article/loader.js';
import { type ArticleModel, articleModelSchema } from '../../src/article/schema.js';
import { AskEngine } from '../../src/ask/engine.js';

/** Paths resolve from the repo root, so tests work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN_ARTICLE_PATH = resolve(REPO_ROOT, 'data/articles/taiwan-talks/article.json');
/** A small invented article (city council, bike lane) that shares nothing with the main one. */
export const SECOND_ARTICLE_PATH = resolve(REPO_ROOT, 'test/fixtures/second-article/article.json');
/** A science-and-business story (a battery maker's cold test) for /ask's third-article eval. */
export const THIRD_ARTICLE_PATH = resolve(REPO_ROOT, 'test/fixtures/third-article/article.json');
/** A model with deliberate faults; loading it must fail. */
export const BROKEN_ARTICLE_PATH = resolve(REPO_ROOT, 'test/fixtures/broken-article/article.json');

/** The real article (data/articles/taiwan-talks/article.json), freshly loaded and checked. */
export function loadMainArticle(): Promise<Article> {
  return loadArticle(MAIN_ARTICLE_PATH);
}

/** The second fixture article, to prove code does not hard-code the main one. */
export function loadSecondArticle(): Promise<Article> {
  return loadArticle(SECOND_ARTICLE_PATH);
}

/**
 * A schema-parsed model and its source text, without integrity checks: a fresh copy each
 * call, for tests that break one thing and look at the result.
 */
export function readModel(modelPath: string): { model: ArticleModel; text: string } {
  const model = articleModelSchema.parse(JSON.parse(readFileSync(modelPath, 'utf8')));
  const text = readFileSync(resolve(dirname(modelPath), model.textFile), 'utf8');
  return { model, text };
}

const engines = new WeakMap<Article, AskEngine>();

/** The /ask engine of a test's article, built once per Article (as ctx.ask does at start). */
export function engineOf(article: Article): AskEngine {
  let engine = engines.get(article);
  if (engine === undefined) {
    engine = new AskEngine(article.model);
    engines.set(article, engine);
  }
  return engine;
}
