import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (where package.json, data/ and commands/ are), whether this file runs as
 * src/paths.ts (tsx, tests) or compiled as dist/src/paths.js. Relative paths in the configuration
 * are resolved against it, so the bot behaves the same whatever the working directory.
 */
export const PROJECT_ROOT = (() => {
  const above = dirname(dirname(fileURLToPath(import.meta.url)));
  return basename(above) === 'dist' ? dirname(above) : above;
})();

/** `path` as given when absolute, else relative to the project folder. */
export function fromProjectRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(PROJECT_ROOT, path);
}
