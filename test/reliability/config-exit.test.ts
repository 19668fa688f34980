/**
 * The compiled entry (node dist/src/index.js, as the Dockerfile and systemd unit run it) exits 78
 * at once — no retry loop — for configuration that no retry fixes, from any working directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_FATAL } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const ENTRY = join(PROJECT_ROOT, 'dist/src/index.js');
const elsewhere = mkdtempSync(join(tmpdir(), 'parley-cwd-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

/** Runs the compiled bot from another folder; a refused port stands in for Discord (never reached). */
function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ENTRY],
      {
        cwd: elsewhere,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: 'config-exit-test-token',
          DISCORD_API_URL: 'http://127.0.0.1:9/api',
          LOG_LEVEL: 'warn',
          ...env,
        },
      },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stderr }),
    );
  });
}

describe('exit 78 at once', () => {
  it('a SQLite file in a folder that does not exist (nothing is created)', async () => {
    const missing = join(elsewhere, 'no', 'such', 'folder');
    const { code, stderr } = await run({ DATABASE_URL: `sqlite://${missing}/parley.sqlite` });
    expect(code).toBe(EXIT_FATAL);
    expect(stderr).toContain(`got ${missing}, which does not exist`);
    expect(stderr).not.toContain('retrying');
    expect(existsSync(join(elsewhere, 'no'))).toBe(false);
  });

  it('a missing article library, resolved against the project folder, not the working directory', async () => {
    const { code, stderr } = await run({ DATABASE_URL: 'memory://', ARTICLES_DIR: 'data/no-such-library' });
    expect(code).toBe(EXIT_FATAL);
    expect(stderr).toContain(join(PROJECT_ROOT, 'data/no-such-library'));
    expect(stderr).not.toContain('retrying');
  });

  it('the retired ARTICLE_PATH, with directions', async () => {
    const { code, stderr } = await run({ DATABASE_URL: 'memory://', ARTICLE_PATH: 'data/article.json' });
    expect(code).toBe(EXIT_FATAL);
    expect(stderr).toContain('DEFAULT_ARTICLE');
  });

  it('one broken article model in the library, with its precise problem, and a file that is not a database', async () => {
    const library = join(elsewhere, 'library');
    mkdirSync(join(library, 'broken'), { recursive: true });
    writeFileSync(join(library, 'broken', 'article.json'), '{ "title": ');
    const model = await run({ DATABASE_URL: 'memory://', ARTICLES_DIR: library });
    expect(model.code).toBe(EXIT_FATAL);
    expect(model.stderr).toContain(join(library, 'broken', 'article.json'));
    expect(model.stderr).toContain('invalid JSON');
    expect(model.stderr).not.toContain('retrying');

    const garbage = join(elsewhere, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database, only text long enough to fill a header. '.repeat(20));
    const store = await run({ DATABASE_URL: `sqlite://${garbage}` });
    expect(store.code).toBe(EXIT_FATAL);
    expect(store.stderr).toMatch(/not a database/i);
  });

  it('a bad value, with what was expected and what was given (the token never)', async () => {
    const { code, stderr } = await run({ COMMENT_COOLDOWN_SECONDS: '-3', DISCORD_TOKEN: 'has a space' });
    expect(code).toBe(EXIT_FATAL);
    expect(stderr).toContain(
      'COMMENT_COOLDOWN_SECONDS: expected a whole number of seconds from 0 to 3600; got "-3"',
    );
    expect(stderr).not.toContain('has a space');
  });
});
