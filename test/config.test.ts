import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs the sandbox with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      token: undefined,
      databaseUrl: DEFAULT_DATABASE_URL,
      logLevel: 'info',
      articlePath: 'data/articles/taiwan-talks/article.json',
    });
  });

  it('reads the store deadlines, and refuses ones that are not a sane number of milliseconds', () => {
    expect(loadConfig({}).storeTimeouts).toEqual({ writeMs: 5_000, readMs: 2_500, countMs: 500 });
    expect(loadConfig({ STORE_COUNT_TIMEOUT_MS: '300' }).storeTimeouts.countMs).toBe(300);
    for (const bad of ['abc', '0', '10', '120000', '1.5']) {
      expect(() => loadConfig({ STORE_READ_TIMEOUT_MS: bad })).toThrow(/STORE_READ_TIMEOUT_MS/);
    }
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
