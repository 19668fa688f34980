/**
 * The library: every article Parley serves, each in its own folder `data/articles/<id>/` (the model
 * `article.json` and its verbatim text). All are loaded and checked at start-up, so a broken model
 * stops the bot with its precise problems instead of failing when a server first asks about it.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Article } from '../article/article.js';
import { ArticleModelError, loadArticle } from '../article/loader.js';
import { nameScore } from '../article/queries.js';

/** The model's file name inside an article's folder. */
export const MODEL_FILE = 'article.json';

/** The library as a whole cannot be served (empty, duplicate ids, unknown default). */
export class LibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryError';
  }
}

/**
 * A short, stable token for an article inside component custom ids (100 characters, shared with the
 * owner, page and the command's own state): the first 6 characters of the id's SHA-256, base64url.
 */
export function articleRef(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 6);
}

/** "2025-03-12" or "no date", for lists and choices. */
export const dateOf = (article: Article): string => article.model.published ?? 'no date';

export class Library {
  readonly #byId: Map<string, Article>;
  readonly #byRef: Map<string, Article>;
  /** Newest first (articles without a date last), then by id. */
  readonly articles: readonly Article[];
  /** What a server that never chose discusses (DEFAULT_ARTICLE, else the newest article). */
  readonly defaultArticle: Article;

  constructor(articles: readonly Article[], defaultId?: string) {
    if (articles.length === 0)
      throw new LibraryError('The article library is empty: add data/articles/<id>/.');
    this.#byId = new Map();
    this.#byRef = new Map();
    for (const article of articles) {
      if (this.#byId.has(article.id)) throw new LibraryError(`Two articles have the id "${article.id}".`);
      const ref = articleRef(article.id);
      const clash = this.#byRef.get(ref);
      if (clash) {
        throw new LibraryError(
          `Articles "${clash.id}" and "${article.id}" share the short reference ${ref}: rename one of them.`,
        );
      }
      this.#byId.set(article.id, article);
      this.#byRef.set(ref, article);
    }
    this.articles = [...articles].sort(
      (a, b) => (b.model.published ?? '').localeCompare(a.model.published ?? '') || a.id.localeCompare(b.id),
    );
    const chosen = defaultId === undefined ? this.articles[0] : this.#byId.get(defaultId);
    if (!chosen) {
      throw new LibraryError(
        `DEFAULT_ARTICLE: no article "${defaultId}" in the library; it has ${this.ids().join(', ')}.`,
      );
    }
    this.defaultArticle = chosen;
  }

  ids(): string[] {
    return this.articles.map((a) => a.id);
  }

  get(id: string): Article | undefined {
    return this.#byId.get(id);
  }

  /** The article behind an articleRef token. */
  byRef(ref: string): Article | undefined {
    return this.#byRef.get(ref);
  }

  /** An id, or a headline or part of one a member typed (a word's prefix or better). */
  find(raw: string): Article | undefined {
    const q = raw.trim();
    const exact = this.#byId.get(q) ?? this.#byId.get(q.toLowerCase());
    if (exact) return exact;
    const best = this.#ranked(q)[0];
    return best && best.score >= 2 ? best.article : undefined;
  }

  /** Autocomplete for an `article` option: "Headline · 2025-03-12" → id, best matches first. */
  choices(query: string, limit = 25): { name: string; value: string }[] {
    const q = query.trim();
    const ranked = q === '' ? this.articles : this.#ranked(q).map((x) => x.article);
    return ranked.slice(0, limit).map((a) => ({ name: `${a.title} · ${dateOf(a)}`, value: a.id }));
  }

  #ranked(query: string): { article: Article; score: number }[] {
    return this.articles
      .map((article) => ({ article, score: nameScore(query, [article.id, article.title]) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score);
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The article folders under `dir` (hidden folders and loose files are not articles). */
export async function articleFolders(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new LibraryError(`Cannot read the article library ${resolve(dir)}: ${describe(error)}`);
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * Loads and checks one article folder: its model must pass every check and its `id` must be the
 * folder's name (the id comments and server choices refer to).
 */
export async function loadArticleFolder(folder: string): Promise<Article> {
  const modelPath = join(folder, MODEL_FILE);
  const article = await loadArticle(modelPath);
  const name = basename(folder);
  if (article.id !== name) {
    throw new ArticleModelError(modelPath, [
      { path: 'id', reason: `"${article.id}" must be the name of its folder, "${name}"` },
    ]);
  }
  return article;
}

export interface LoadLibraryOptions {
  /** DEFAULT_ARTICLE; the newest article when absent. */
  defaultArticle?: string | undefined;
  /** Article folders served besides those in `dir` (tests add fixtures this way). */
  extraFolders?: readonly string[];
}

/**
 * Loads every article folder in `dir`. Every broken model is reported: one alone throws its own
 * ArticleModelError (file, path in the model, reason); several throw one LibraryError listing them all.
 */
export async function loadLibrary(dir: string, options: LoadLibraryOptions = {}): Promise<Library> {
  const folders = [...(await articleFolders(dir)), ...(options.extraFolders ?? [])];
  const results = await Promise.allSettled(folders.map(loadArticleFolder));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const [first] = failures;
  if (failures.length === 1 && first instanceof ArticleModelError) throw first;
  if (failures.length > 0) {
    throw new LibraryError(
      `${failures.length} articles cannot be served:\n${failures.map((f) => describe(f)).join('\n')}`,
    );
  }
  const articles = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (articles.length === 0) {
    throw new LibraryError(
      `The article library ${resolve(dir)} has no articles: each goes in its own folder, ${join(dir, '<id>', MODEL_FILE)}.`,
    );
  }
  return new Library(articles, options.defaultArticle);
}
