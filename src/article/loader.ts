import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Article } from './article.js';
import { checkIntegrity, type IntegrityProblem } from './integrity.js';
import { articleModelSchema } from './schema.js';

/** The article model could not be loaded; names the file and every problem found. */
export class ArticleModelError extends Error {
  constructor(
    /** The model file (or text file) the problems are in. */
    readonly file: string,
    readonly problems: readonly IntegrityProblem[],
  ) {
    const lines = problems.map((p) => `  - ${p.path === '' ? '(file)' : p.path}: ${p.reason}`);
    super(
      `Invalid article model ${file} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.name = 'ArticleModelError';
  }
}

/** `['positions', 3, 'evidence']` → `positions[3].evidence`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads the model JSON, validates it against the schema, reads its text file (relative to
 * the model file) and checks the model against that text. Throws ArticleModelError listing
 * every problem found at the first stage that fails.
 */
export async function loadArticle(modelPath: string): Promise<Article> {
  const fail = (path: string, reason: string): never => {
    throw new ArticleModelError(modelPath, [{ path, reason }]);
  };

  let raw: string;
  try {
    raw = await readFile(modelPath, 'utf8');
  } catch (error) {
    return fail('', `cannot read the model file: ${describe(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return fail('', `invalid JSON: ${describe(error)}`);
  }

  const parsed = articleModelSchema.safeParse(json);
  if (!parsed.success) {
    throw new ArticleModelError(
      modelPath,
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), reason: issue.message })),
    );
  }
  const model = parsed.data;

  const textPath = resolve(dirname(modelPath), model.textFile);
  let text: string;
  try {
    // A BOM or Windows line endings are not part of the article.
    text = (await readFile(textPath, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch (error) {
    return fail('textFile', `cannot read the article text ${textPath}: ${describe(error)}`);
  }

  const problems = checkIntegrity(model, text);
  if (problems.length > 0) throw new ArticleModelError(modelPath, problems);
  return new Article(model, text);
}
