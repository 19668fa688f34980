/** src/shard.ts before any shard starts: SHARD_LIST, the shard count (on DISCORD_API_URL), store advice, refusals. */
import { execFile } from 'node:child_process';
import { type Emulator, startEmulator } from '@parley/discord-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, EXIT_FATAL, loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { checkShardList, resolveShardCount, ShardSetupError, storeWarning } from '../../src/shard.js';
import { compiled } from '../helpers/compiled.js';
import { type ManagerProcess, startManager } from './manager.js';

let emu: Emulator | undefined;
let manager: ManagerProcess | undefined;
afterEach(async () => {
  manager?.kill();
  manager = undefined;
  await emu?.close();
  emu = undefined;
});

describe('SHARD_LIST', () => {
  const list = (raw: string) => loadConfig({ SHARD_LIST: raw }).shardList;

  it('reads ids and ranges, sorted and without repeats; unset or empty means every shard', () => {
    expect(checkShardList(list('0,2, 5-7 ,2'), 8)).toEqual([0, 2, 5, 6, 7]);
    expect(checkShardList(list('3'), 4)).toEqual([3]);
    expect(checkShardList(loadConfig({}).shardList, 4)).toBeUndefined();
    expect(checkShardList(list('  '), 4)).toBeUndefined();
  });

  it.each([
    ['a', /"a" is not a shard id/],
    ['1,,2', /"" is not a shard id/],
    ['3-1', /runs backwards/],
    ['-1', /"-1" is not a shard id/],
  ])('refuses %j with the other configuration problems', (raw, message) => {
    expect(() => list(raw)).toThrow(ConfigError);
    expect(() => list(raw)).toThrow(message);
  });

  it('refuses a shard the shard count does not have', () => {
    expect(() => checkShardList(list('0-4'), 4)).toThrow(ShardSetupError);
    expect(() => checkShardList(list('0-4'), 4)).toThrow(
      /shard 4 does not exist with SHARD_COUNT=4 \(ids 0–3\)/,
    );
  });
});

describe('the shard count', () => {
  it('is SHARD_COUNT when it is a number, without asking anyone', async () => {
    expect(await resolveShardCount({ token: 'x', apiUrl: 'http://127.0.0.1:1/api', shardCount: 3 })).toBe(3);
  });

  it('auto: asks GET /gateway/bot on DISCORD_API_URL (discord.js alone would ask discord.com)', async () => {
    emu = await startEmulator({ shards: 3 });
    const config = { ...loadConfig({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.apiUrl }) };
    expect(config.shardCount).toBe('auto');
    expect(await resolveShardCount(config)).toBe(3);
    expect(emu.requests.map((r) => [r.method, r.route, r.status])).toEqual([['GET', '/gateway/bot', 200]]);
  });

  it('auto: a refused token is a configuration problem, and the token is not echoed', async () => {
    emu = await startEmulator({ shards: 3 });
    const refused = resolveShardCount({ token: 'wrong-token', apiUrl: emu.apiUrl, shardCount: 'auto' });
    await expect(refused).rejects.toThrow(ShardSetupError);
    await expect(refused).rejects.toThrow(/DISCORD_TOKEN was refused by http:\/\/127\.0\.0\.1:\d+\/api/);
    await expect(refused).rejects.not.toThrow(/wrong-token/);
  });

  it('auto: an unreachable API is worth a retry (not a configuration error) and says how to skip it', async () => {
    emu = await startEmulator();
    const apiUrl = emu.apiUrl;
    await emu.close();
    emu = undefined;
    const error = await resolveShardCount({ token: 'x', apiUrl, shardCount: 'auto' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ShardSetupError);
    expect(String(error)).toMatch(
      /could not ask http:\/\/127\.0\.0\.1:\d+\/api .*Set SHARD_COUNT to a number/,
    );
  }, 60_000);
});

describe('the comment store for shards', () => {
  it('is Redis without a word; SQLite is a warning on one machine and a stronger one across machines', () => {
    expect(storeWarning('redis://127.0.0.1:6379', 4, false)).toBeUndefined();
    expect(storeWarning('rediss://u:p@host:6380', 4, true)).toBeUndefined();
    expect(storeWarning('sqlite://data/parley.sqlite', 1, false)).toBeUndefined();
    expect(storeWarning('sqlite://data/parley.sqlite', 2, false)).toMatch(
      /safe on one machine .* Use redis:\/\//,
    );
    expect(storeWarning('sqlite://data/parley.sqlite', 1, true)).toMatch(/each machine has its own file/);
    expect(storeWarning('memory://', 2, false)).toMatch(/lost on every restart/);
  });
});

describe('npm run start:sharded refuses to start', () => {
  it('without DISCORD_TOKEN, explaining that the sandbox is npm start', { timeout: 60_000 }, async () => {
    manager = startManager({ SHARD_COUNT: '2' });
    const exit = await manager.exited;
    expect(exit.code).toBe(EXIT_FATAL);
    expect(manager.text()).toMatch(/npm run start:sharded needs DISCORD_TOKEN.*run npm start/s);
  });

  it('with a SHARD_LIST that does not fit SHARD_COUNT, before spawning anything', {
    timeout: 60_000,
  }, async () => {
    manager = startManager({ DISCORD_TOKEN: 'some-token', SHARD_COUNT: '2', SHARD_LIST: '0,2' });
    const exit = await manager.exited;
    expect(exit.code).toBe(EXIT_FATAL);
    expect(manager.text()).toMatch(/SHARD_LIST: shard 2 does not exist with SHARD_COUNT=2/);
    expect(manager.logs.filter((l) => l.msg === 'shard spawned')).toEqual([]);
  });

  it('with SHARD_LIST but SHARD_COUNT=auto (machines must agree on the total)', {
    timeout: 60_000,
  }, async () => {
    emu = await startEmulator({ shards: 2 });
    manager = startManager({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.apiUrl, SHARD_LIST: '1' });
    const exit = await manager.exited;
    expect(exit.code).toBe(EXIT_FATAL);
    expect(manager.text()).toMatch(/SHARD_LIST needs SHARD_COUNT set to a number/);
  });
});

describe('npm start (one process)', () => {
  it('leaves SHARD_COUNT to the manager: "auto" in .env does not break it (discord.js would read it)', {
    timeout: 60_000,
  }, async () => {
    const env = {
      ...process.env,
      DISCORD_TOKEN: '',
      DATABASE_URL: 'memory://',
      SHARD_COUNT: 'auto',
      DEFAULT_ARTICLE: 'taiwan-talks',
    };
    const child = execFile(process.execPath, compiled('index'), { cwd: PROJECT_ROOT, env });
    child.stdin?.end('/summary length:brief\n');
    let output = '';
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (d: Buffer) => {
        output += d.toString();
      });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain("== Beijing will 'never compromise' on Taiwan: Chinese military tells US ==");
  });
});
