/**
 * npm run article -- new path/to/text.txt [--id my-article]   draft data/articles/<id>/ from a text
 * npm run article -- check [id …]                              check one, several or every model
 * npm run article -- schema                                    write data/articles/article.schema.json
 * Options: --dir DIR (the library folder; default data/articles).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { articleModelSchema } from '../../src/article/schema.js';
import { checkModel, formatReport } from './check.js';
import { draftModel, slug, splitArticle } from './draft.js';

export const SCHEMA_FILE = 'article.schema.json';
const ROOT = resolve(import.meta.dirname, '../..');

/** The JSON Schema of article.json, from the zod schema the loader uses. */
export function jsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(articleModelSchema, { io: 'input' }), null, 2)}\n`;
}

async function draftCommand(
  dir: string,
  textPath: string | undefined,
  id: string | undefined,
): Promise<number> {
  if (!textPath) {
    console.error('Usage: npm run article -- new path/to/text.txt [--id my-article]');
    return 2;
  }
  const text = await readFile(textPath, 'utf8');
  const articleId = id ?? slug(splitArticle(text).headline);
  const folder = join(dir, articleId);
  if (existsSync(folder)) {
    console.error(`${folder} already exists: choose another --id, or edit that model.`);
    return 1;
  }
  await mkdir(folder, { recursive: true });
  await copyFile(textPath, join(folder, 'article.txt'));
  const model = draftModel({ id: articleId, text, schemaRef: `../${SCHEMA_FILE}` });
  await writeFile(join(folder, 'article.json'), `${JSON.stringify(model, null, 2)}\n`);
  console.log(
    [
      `Drafted ${join(folder, 'article.json')}:`,
      `  ${model.paragraphs.length} paragraphs, ${model.actors.length} candidate actors, ${model.topics.length} topics,`,
      `  ${model.quotes.length} quotes, ${model.positions.length} positions — every candidate marked "draft": true.`,
      `Next: edit it, then run npm run article -- check ${articleId}`,
    ].join('\n'),
  );
  return 0;
}

async function checkCommand(dir: string, ids: string[]): Promise<number> {
  const all = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const chosen = ids.length > 0 ? ids : all.sort();
  let failed = 0;
  for (const id of chosen) {
    const folder = join(dir, id);
    if (!existsSync(join(folder, 'article.json'))) {
      console.log(`✘ ${id}: no ${join(folder, 'article.json')} (articles here: ${all.join(', ') || 'none'})`);
      failed++;
      continue;
    }
    const raw = await readFile(join(folder, 'article.json'), 'utf8');
    const textFile = /"textFile"\s*:\s*"([^"]+)"/.exec(raw)?.[1] ?? 'article.txt';
    const text = await readFile(join(folder, textFile), 'utf8').catch(() => '');
    const report = checkModel(raw, text);
    console.log(formatReport(id, report));
    if (report.errors.length > 0 || report.drafts.length > 0) failed++;
  }
  return failed === 0 ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { id: { type: 'string' }, dir: { type: 'string' } },
  });
  const dir = resolve(values.dir ?? join(ROOT, 'data/articles'));
  const [command, ...rest] = positionals;
  switch (command) {
    case 'new':
      return draftCommand(dir, rest[0], values.id);
    case 'check':
      return checkCommand(dir, rest);
    case 'schema':
      await writeFile(join(dir, SCHEMA_FILE), jsonSchema());
      console.log(`Wrote ${join(dir, SCHEMA_FILE)}`);
      return 0;
    default:
      console.error(
        'Usage: npm run article -- new FILE [--id ID] | check [ID …] | schema   (options: --dir DIR)',
      );
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
