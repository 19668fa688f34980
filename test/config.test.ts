import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleModelError } from '../src/article/loader.js';
import { SchemaVersionError, StoreConfigError } from '../src/comments/errors.js';
import { isPermanentSqliteError } from '../src/comments/factory.js';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '../src/config.js';
import { fromProjectRoot, PROJECT_ROOT } from '../src/paths.js';
import { isFatalStartError } from '../src/process.js';

describe('loadConfig', () => {
  it('runs the sandbox with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      token: undefined,
      databaseUrl: DEFAULT_DATABASE_URL,
      logLevel: 'info',
      articlesDir: 'data/articles',
      defaultArticle: undefined,
    });
  });

  it('reads the shutdown deadline, and refuses one that is not 2 s to 10 min in whole milliseconds', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(5_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '60000' }).shutdownTimeoutMs).toBe(60_000);
    for (const bad of ['abc', '0', '1999', '600001', '2.5']) {
      expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: bad })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    }
  });

  it('reads the store deadlines, and refuses ones that are not a sane number of milliseconds', () => {
    expect(loadConfig({}).storeTimeouts).toEqual({ writeMs: 5_000, readMs: 2_500, countMs: 500 });
    expect(loadConfig({ STORE_COUNT_TIMEOUT_MS: '300' }).storeTimeouts.countMs).toBe(300);
    for (const bad of ['abc', '0', '10', '120000', '1.5']) {
      expect(() => loadConfig({ STORE_READ_TIMEOUT_MS: bad })).toThrow(/STORE_READ_TIMEOUT_MS/);
    }
  });

  it('refuses the retired ARTICLE_PATH with directions, and a malformed DEFAULT_ARTICLE', () => {
    expect(() => loadConfig({ ARTICLE_PATH: 'data/article.json' })).toThrow(
      /ARTICLE_PATH: no longer used: .*DEFAULT_ARTICLE/,
    );
    expect(() => loadConfig({ DEFAULT_ARTICLE: 'Taiwan Talks' })).toThrow(
      /DEFAULT_ARTICLE: expected an article id/,
    );
    expect(loadConfig({ DEFAULT_ARTICLE: 'taiwan-talks', ARTICLE_PATH: '' }).defaultArticle).toBe(
      'taiwan-talks',
    );
  });

  it('treats empty values from .env as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: ' ' }).token).toBeUndefined();
  });

  it('reports every problem at once, by variable name, and never echoes values', () => {
    const secret = 'my secret token';
    let error: unknown;
    try {
      loadConfig({
        DISCORD_TOKEN: secret,
        DISCORD_CLIENT_ID: 'abc',
        DISCORD_API_URL: 'ftp://x',
        DATABASE_URL: 'mysql://db',
        LOG_LEVEL: 'loud',
        COMMENT_COOLDOWN_SECONDS: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(
      [
        'COMMENT_COOLDOWN_SECONDS',
        'DATABASE_URL',
        'DISCORD_API_URL',
        'DISCORD_CLIENT_ID',
        'DISCORD_TOKEN',
        'LOG_LEVEL',
      ].sort(),
    );
    expect(message).not.toContain(secret);
    expect(message).toContain('expected one of trace');
  });

  it('strips a trailing slash from the API URL', () => {
    expect(loadConfig({ DISCORD_API_URL: 'http://127.0.0.1:9999/api/' }).apiUrl).toBe(
      'http://127.0.0.1:9999/api',
    );
  });
});

describe('configuration messages say what was expected and what was given', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('no ConfigError');
  };

  it('SHARD_COUNT=abc and COMMENT_COOLDOWN_SECONDS=-3', () => {
    expect(problemsOf({ SHARD_COUNT: 'abc', COMMENT_COOLDOWN_SECONDS: '-3' })).toEqual([
      'COMMENT_COOLDOWN_SECONDS: expected a whole number of seconds from 0 to 3600; got "-3"',
      'SHARD_COUNT: expected auto or a whole number of shards from 1 to 4096; got "abc"',
    ]);
  });

  it('every failing variable names its expectation and the value given', () => {
    const env = {
      COMMENT_COOLDOWN_SECONDS: '2.5',
      SHARD_COUNT: '0',
      STORE_WRITE_TIMEOUT_MS: 'soon',
      LOG_LEVEL: 'loud',
      DISCORD_GUILD_ID: '12',
      DISCORD_API_URL: 'ftp://x',
    };
    const problems = problemsOf(env);
    expect(problems).toHaveLength(Object.keys(env).length);
    for (const [name, value] of Object.entries(env)) {
      const line = problems.find((p) => p.startsWith(`${name}: `));
      expect(line).toMatch(/: expected .+; got ".*"$/);
      expect(line).toContain(`got ${JSON.stringify(value)}`);
    }
  });

  it('never echoes the token or URL credentials', () => {
    const [token] = problemsOf({ DISCORD_TOKEN: 'abc def-secret' });
    expect(token).toBe(
      'DISCORD_TOKEN: expected a bot token without spaces; got a value of 14 characters (not shown)',
    );
    const [url] = problemsOf({ DATABASE_URL: 'mysql://parley:hunter2@db:3306/x' });
    expect(url).not.toContain('hunter2');
    expect(url).toContain('got "mysql://…@db:3306/x"');
  });
});

describe('start-up errors no retry can fix', () => {
  it('a missing or broken article model, and a permanently unusable store, are fatal; an unreachable store is not', () => {
    expect(isFatalStartError(new ArticleModelError('data/x.json', [{ path: '', reason: 'missing' }]))).toBe(
      true,
    );
    expect(
      isFatalStartError(new StoreConfigError('x', { cause: new Error('SQLITE_NOTADB'), permanent: true })),
    ).toBe(true);
    expect(isFatalStartError(new StoreConfigError('x', { cause: new Error('ECONNREFUSED') }))).toBe(false);
  });

  it('SQLite and file-system codes that stay broken are permanent; a busy database is not', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['SQLITE_NOTADB', 'SQLITE_READONLY', 'EROFS', 'EACCES', 'SQLITE_CORRUPT'])
      expect(isPermanentSqliteError(new Error('wrapped', { cause: coded(code) }))).toBe(true);
    expect(isPermanentSqliteError(new SchemaVersionError('the database has schema v99'))).toBe(true);
    expect(isPermanentSqliteError(coded('SQLITE_BUSY'))).toBe(false);
    expect(isPermanentSqliteError(new Error('timeout'))).toBe(false);
  });

  it('relative paths are the project folder’s', () => {
    expect(fromProjectRoot('data/parley.sqlite')).toBe(join(PROJECT_ROOT, 'data/parley.sqlite'));
    expect(fromProjectRoot('/srv/parley.sqlite')).toBe('/srv/parley.sqlite');
    expect(existsSync(join(PROJECT_ROOT, 'package.json'))).toBe(true);
  });
});
