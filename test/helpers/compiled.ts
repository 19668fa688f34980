/**
 * The compiled entries, as production runs them (Dockerfile, systemd unit, `npm start`'s child).
 * Tests that start the bot as a process use these: test/setup/build.ts brings dist/ up to date once
 * before the e2e and slow projects, and a node child starts in a fraction of what tsx needs to
 * transpile src/ in every process (shards included) on a loaded machine.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** `node <these>` runs one entry of dist/; source maps point stack traces at src/. */
export function compiled(entry: 'index' | 'shard' | 'scripts/deploy'): string[] {
  return ['--enable-source-maps', join(PROJECT_ROOT, 'dist', 'src', `${entry}.js`)];
}
