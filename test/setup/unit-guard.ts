/**
 * The unit project is pure: no sockets, no servers, no child processes. Anything that tries is in
 * the wrong project — name it *.e2e.test.ts, *.store.test.ts or *.slow.test.ts (vitest.config.ts).
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const refuse = (what: string) => () => {
  throw new Error(`unit tests must not ${what}: move this test to the store, e2e or slow project`);
};

net.Socket.prototype.connect = refuse('open sockets');
net.Server.prototype.listen = refuse('listen on a port');
for (const name of ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'] as const) {
  Object.assign(childProcess, { [name]: refuse('start child processes') });
}
syncBuiltinESMExports();
