import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_BANNER } from '../../sandbox/console.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import { compiled } from '../helpers/compiled.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A child environment with no real token and no stray settings from a developer's .env. */
const childEnv = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DISCORD_TOKEN: '',
  DISCORD_CLIENT_ID: '',
  DISCORD_GUILD_ID: '',
  DISCORD_API_URL: '',
  DATABASE_URL: 'memory://',
  LOG_LEVEL: 'warn',
  // The answers checked below are the Taiwan article's.
  DEFAULT_ARTICLE: 'taiwan-talks',
  ...extra,
});

describe('npm run deploy against the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('registers every command in one bulk overwrite, passing validation and matching the modules', async () => {
    const commands = await loadCommands();
    const guild = emu.world.guilds[0]?.id ?? '';
    const stored = await deployCommands(commands.values(), {
      token: emu.token,
      clientId: emu.applicationId,
      guildId: guild,
      apiUrl: emu.apiUrl,
    });
    expect(emu.errors()).toEqual([]);
    const puts = emu.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(stored.map((c) => c.name).sort()).toEqual([...commands.keys()].sort());
    for (const command of commands.values()) {
      const json = command.data.toJSON();
      const registered = emu.commands.list(guild).find((c) => c.name === json.name);
      expect(registered?.description).toBe(json.description);
      // As sent over the wire (undefined fields are not sent).
      expect(registered?.options ?? []).toMatchObject(JSON.parse(JSON.stringify(json.options ?? [])));
    }
  });

  it('the deploy script registers globally when no guild is set, and fails clearly without a token', async () => {
    const ok = await run(process.execPath, compiled('scripts/deploy'), {
      cwd: ROOT,
      env: childEnv({
        DISCORD_TOKEN: emu.token,
        DISCORD_CLIENT_ID: emu.applicationId,
        DISCORD_API_URL: emu.apiUrl,
      }),
    });
    // As many as commands/ holds (adding a command must not break this test).
    const count = (await loadCommands()).size;
    expect(ok.stdout).toContain(`Registered ${count} commands to all servers`);
    expect(emu.commands.list(null).length).toBe(count);
    const failed = await run(process.execPath, compiled('scripts/deploy'), {
      cwd: ROOT,
      env: childEnv({}),
    }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('DISCORD_TOKEN: required to deploy');
    expect(failed.stderr).toContain('DISCORD_CLIENT_ID: required to deploy');
  });
});

describe('the offline sandbox (npm start with no token)', () => {
  it('answers piped commands readably and exits 0 at the end of input', async () => {
    const input = '/summary\n/who name:Song\n/article paragraph:9\n/nope\n/who nme:x\n';
    const child = execFile('npm', ['start', '--silent'], { cwd: ROOT, env: childEnv({}) });
    child.stdin?.end(input);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(SANDBOX_BANNER);
    // Each piped line is echoed before its answer, so the output reads as a conversation.
    expect(stdout).toContain(
      "\nana> /summary\n== Beijing will 'never compromise' on Taiwan: Chinese military tells US ==",
    );
    expect(stdout).toContain(
      "[Summary (standard) · Beijing will 'never compromise' on Taiwan: Chinese military… · Outlet not named (page tag “Defense News”) · World Defense]",
    );
    expect(stdout).toContain('== Song Yanchao ==');
    expect(stdout).toContain('Major General (¶4)');
    expect(stdout).toContain(
      '(only you can see this)\nThe article has 6 paragraphs (¶1–¶6); there is no ¶9.',
    );
    expect(stdout).toContain('⚠ There is no command /nope.');
    expect(stdout).toContain('⚠ /who has no option “nme” (options: name, article).');
  }, 60_000);
});
