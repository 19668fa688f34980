/**
 * The README's "Serving another article" guide, followed from scratch: draft a model from a text,
 * check it (drafts left), confirm every draft, check again (ready), then serve it in the sandbox.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEXT = fileURLToPath(new URL('../fixtures/authoring/marren-bay.txt', import.meta.url));
const ID = 'guide-example';

/** Runs a command in the project folder; resolves with its exit code and output, whatever the code. */
function run(command: string, args: string[], env: Record<string, string> = {}, input?: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = execFile(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stdin?.end(input ?? '');
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('README: serving another article, from scratch', () => {
  let dir: string;
  const article = (...args: string[]) =>
    run('npm', ['run', '--silent', 'article', '--', ...args, '--dir', dir]);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-guide-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('1. npm run article -- new drafts the model', async () => {
    const { code, out } = await article('new', TEXT, '--id', ID);
    expect(code, out).toBe(0);
    expect(out).toMatch(/Drafted .*guide-example\/article\.json:\n {2}7 paragraphs, \d+ candidate actors/);
    expect(await readFile(join(dir, ID, 'article.txt'), 'utf8')).toBe(await readFile(TEXT, 'utf8'));
  }, 60_000);

  it('2. check lists the drafts left, and fails', async () => {
    const { code, out } = await article('check', ID);
    expect(code).toBe(1);
    expect(out).toMatch(/✘ guide-example: 0 problems, \d+ draft items left/);
    expect(out).toContain('· actors[ines-okafor]');
  }, 60_000);

  it('3. once every draft is confirmed, check says it is ready', async () => {
    const path = join(dir, ID, 'article.json');
    const model = JSON.parse(await readFile(path, 'utf8')) as unknown;
    // The person confirms each candidate as it stands: the marks go.
    await writeFile(
      path,
      JSON.stringify(model, (key, value: unknown) => (key === 'draft' ? undefined : value), 2),
    );
    const { code, out } = await article('check', ID);
    expect(out).toContain('✔ guide-example: ready to serve');
    expect(code).toBe(0);
  }, 60_000);

  it('4. the sandbox serves it', async () => {
    const { code, out } = await run(
      'npm',
      ['start', '--silent'],
      { DISCORD_TOKEN: '', DATABASE_URL: 'memory://', ARTICLES_DIR: dir, DEFAULT_ARTICLE: ID },
      '/summary length:brief\n/who name:Okafor\n',
    );
    expect(code, out).toBe(0);
    expect(out).toContain("Marren Bay water board approves desalination plant over fishers' objections");
    expect(out).toContain(
      'The Marren Bay Water Board on Tuesday approved a desalination plant on the northern headland',
    );
    expect(out).toContain('== Ines Okafor ==');
  }, 120_000);
});
