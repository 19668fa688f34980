import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { expect, it } from 'vitest';

// Runs in the unit project, where the guard is installed: a test that opens a socket, listens or
// starts a process there fails with a message naming the fix.
it('the unit project refuses sockets, servers and child processes', () => {
  expect(() => net.connect(1, '127.0.0.1')).toThrow(/unit tests must not open sockets/);
  expect(() => net.createServer().listen(0)).toThrow(/unit tests must not listen/);
  expect(() => spawnSync('true')).toThrow(/unit tests must not start child processes/);
});
