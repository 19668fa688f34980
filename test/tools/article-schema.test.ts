import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jsonSchema, SCHEMA_FILE } from '../../tools/article/cli.js';

const LIBRARY = new URL('../../data/articles/', import.meta.url);
const models = readdirSync(LIBRARY, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('the JSON Schema editors validate article.json against', () => {
  const committed = readFileSync(new URL(SCHEMA_FILE, LIBRARY), 'utf8');

  it('is the one the zod schema gives today (npm run article -- schema writes it)', () => {
    expect(committed).toBe(jsonSchema());
  });

  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(committed));

  it.each(models)('accepts the %s model, which refers to it', (id) => {
    const model = JSON.parse(readFileSync(new URL(`${id}/article.json`, LIBRARY), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(model.$schema).toBe(`../${SCHEMA_FILE}`);
    expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses what the loader refuses: a misspelt key, a bad id', () => {
    const model = JSON.parse(readFileSync(new URL(`${models[0]}/article.json`, LIBRARY), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(validate({ ...model, palce: 'x' })).toBe(false);
    expect(validate({ ...model, id: 'Not An Id' })).toBe(false);
  });
});
