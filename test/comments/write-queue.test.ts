/**
 * The SQLite store's write queue: a write queued just as the previous drain finishes must still be
 * committed, whatever the caller awaited in between (it used to wait for some later write).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import { draft, GUILD } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-write-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('commits a write queued at any point after the previous one resolved', async () => {
  const store = await SqliteCommentStore.open(join(dir, 'queue.sqlite'), { synchronous: 'NORMAL' });
  try {
    let expected = 0;
    for (let hops = 0; hops < 12; hops++) {
      for (let i = 0; i < 3; i++) {
        // A stalled write never settles: the test's own timeout reports it, with no wall-clock race.
        const added = await store.add(GUILD, draft());
        expect(added.number, `write after ${hops} hops`).toBe(++expected);
        for (let h = 0; h < hops; h++) await undefined;
      }
    }
  } finally {
    await store.close();
  }
});
