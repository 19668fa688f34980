import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Brings dist/ up to date once before any test file runs, so tests that start the compiled bot
 * (npm start, node dist/src/index.js) never pay for a build inside their own time limit, and
 * never build concurrently.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/start.mjs', 'build'], { cwd: root, stdio: 'inherit' });
}
