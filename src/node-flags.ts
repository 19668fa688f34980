import { readFileSync } from 'node:fs';
import { fromProjectRoot } from './paths.js';

/**
 * The flags production starts node with, kept once in package.json ("nodeFlags"): npm start
 * (scripts/start.mjs), each shard, the Dockerfile and the systemd unit (a test keeps those two in
 * step). `--max-semi-space-size=4`: the bot keeps ~25 MB of live heap, and V8's default 16 MB
 * young-generation semi-spaces grow to ~50 MB during start-up and stay there — 20 MB of RSS
 * (BENCHMARKS.md section 6) for no measurable cost in reading 100k comments.
 */
export function nodeFlags(): string[] {
  const pkg: unknown = JSON.parse(readFileSync(fromProjectRoot('package.json'), 'utf8'));
  const flags = typeof pkg === 'object' && pkg !== null && 'nodeFlags' in pkg ? pkg.nodeFlags : undefined;
  return Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : [];
}
