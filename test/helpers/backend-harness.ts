import { afterAll, beforeAll } from 'vitest';
import { type Backend, redisBackend, redisUrl, sqliteBackend } from '../comments/helpers.js';
import { type Harness, startHarness } from './harness.js';

/**
 * How long to wait for what the bot does after its answer (card edits, mod-log lines): bounded only
 * against a hang, never a window a loaded machine must fit in (expect.poll's own default is 1 s).
 */
export const SETTLES = { timeout: 30_000, interval: 20 };

/** The stores an end-to-end suite runs on: SQLite, and Redis when a redis-server is there. */
export const E2E_BACKENDS: Backend[] = [sqliteBackend(), ...(redisUrl ? [redisBackend()] : [])];

/**
 * Starts the bot on a fresh store of `backend` before the suite's tests and closes both after.
 * Call it inside the suite; the getter gives the running harness.
 */
export function harnessOn(backend: Backend): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({ comments: await backend.open() });
  });
  afterAll(async () => {
    await h?.close();
    await h?.comments.close();
    backend.cleanup();
  });
  return () => {
    if (!h) throw new Error('the harness has not started');
    return h;
  };
}
