/**
 * The compiled entries, as production runs them (Dockerfile, systemd unit, `npm start`'s child).
 * Tests that start the bot as a process use these: test/setup/build.ts brings dist/ up to date once
 * before the e2e and slow projects, and a node child starts in a fraction of what tsx needs to
 * transpile src/ in every process (shards included) on a loaded machine.
 */
import { join } from 'node:path';
import { nodeFlags } from '../../src/node-flags.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** `node <these>` runs one entry of dist/ with production's flags (source maps point traces at src/). */
export function compiled(entry: 'index' | 'shard' | 'scripts/deploy'): string[] {
  return [...nodeFlags(), join(PROJECT_ROOT, 'dist', 'src', `${entry}.js`)];
}
