/**
 * A shard that cannot run (it exits with EXIT_FATAL: a refused token, a DATABASE_URL no retry can
 * fix) stops the whole manager with the same status instead of a respawn loop.
 */

import { type Emulator, startEmulator } from '@parley/discord-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FATAL } from '../../src/config.js';
import { type ManagerProcess, startManager } from './manager.js';

let emu: Emulator | undefined;
let manager: ManagerProcess | undefined;

beforeAll(async () => {
  emu = await startEmulator({ shards: 2 });
});
afterEach(() => manager?.kill());
afterAll(async () => {
  await emu?.close();
});

describe('a shard that cannot run', () => {
  it('stops every shard and exits 78 (no respawn loop)', { timeout: 120_000 }, async () => {
    if (!emu) throw new Error('the emulator did not start');
    manager = startManager({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      SHARD_COUNT: '2',
      // A URL no retry can fix: the shard gives up with EXIT_FATAL.
      DATABASE_URL: 'redis://[not-a-host',
      LOG_LEVEL: 'info',
    });
    const m = manager;
    const exit = await m.exited;
    expect(exit.code, m.text()).toBe(EXIT_FATAL);
    expect(m.logs.filter((l) => l.msg === 'shard died; respawning')).toEqual([]);
    expect(
      m.logs.filter((l) => l.msg === 'shard stopped for good (token or configuration): not respawning'),
    ).toHaveLength(1);
    // The second shard was never started.
    expect(m.logs.filter((l) => l.msg === 'shard spawned').map((l) => l.shard)).toEqual([0]);
  });
});
