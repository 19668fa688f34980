import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFlags } from '../../src/node-flags.js';
import { fromProjectRoot } from '../../src/paths.js';

const read = (path: string) => readFileSync(fromProjectRoot(path), 'utf8');

describe("production's node flags (package.json nodeFlags)", () => {
  it('include source maps and the small young generation', () => {
    expect(nodeFlags()).toEqual(expect.arrayContaining(['--enable-source-maps']));
    expect(nodeFlags().some((f) => /^--max-semi-space-size=\d+$/.test(f))).toBe(true);
  });

  it('are the ones the Dockerfile, the systemd unit and the production-install check start node with', () => {
    const docker = /^CMD \[(.*)\]$/m.exec(read('Dockerfile'))?.[1];
    expect(docker).toBeDefined();
    const dockerArgs = JSON.parse(`[${docker}]`) as string[];
    expect(dockerArgs).toEqual(['node', ...nodeFlags(), 'dist/src/index.js']);

    const exec = /^ExecStart=(.*)$/m.exec(read('deploy/parley.service'))?.[1]?.split(/\s+/);
    expect(exec).toEqual(['/usr/bin/node', ...nodeFlags(), '/opt/parley/dist/src/index.js']);

    expect(read('.ci/production-install')).toContain(`$node_cmd ${nodeFlags().join(' ')} dist/src/index.js`);
  });
});
