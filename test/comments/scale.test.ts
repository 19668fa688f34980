/**
 * Many comments in one server: listings, threads and counts still return the right things. No timing
 * assertions here (see fixtures/bench.ts for speed); sizes are kept so the suite stays quick on 2 cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { ARTICLE, collect, draft, GUILD, redisUrl, reply, uniquePrefix } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ANCHORS = 20;

/** n comments: every 10th a reply to #1, the rest top-level across ANCHORS anchors. */
async function fill(store: CommentStore, n: number): Promise<Comment[]> {
  const added = [await store.add(GUILD, draft({ anchor: 'p:0' }))];
  const chunk = 500;
  for (let i = 2; i <= n; i += chunk) {
    added.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(chunk, n - i + 1) }, (_, j) => {
          const k = i + j;
          return store.add(
            GUILD,
            k % 10 === 0 ? reply(1) : draft({ anchor: `p:${k % ANCHORS}`, text: `c${k}` }),
          );
        }),
      )),
    );
  }
  // Concurrent adds are numbered in whatever order they commit.
  return added.sort((x, y) => x.number - y.number);
}

const numbers = (cs: Comment[]) => cs.map((c) => c.number);

const backends: [string, number, () => Promise<CommentStore>][] = [
  ['memory', 100_000, () => createCommentStore('memory://')],
  // NORMAL sync: still crash-safe for a process; this test is about index correctness, not fsync.
  [
    'sqlite',
    20_000,
    () => createCommentStore(`sqlite://${join(dir, 'scale.sqlite')}`, { sqliteSynchronous: 'NORMAL' }),
  ],
];
if (redisUrl)
  backends.push(['redis', 20_000, () => createCommentStore(redisUrl, { keyPrefix: uniquePrefix() })]);

describe.each(backends)('%s with %i comments', (name, n, open) => {
  it('lists, threads, counts and exports correctly', { timeout: 120_000 }, async () => {
    const store = await open();
    try {
      const started = performance.now();
      const added = await fill(store, n);
      console.info(`[${name}] inserted ${n} comments in ${(performance.now() - started).toFixed(0)} ms`);
      expect(numbers(added)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      const top = added.filter((c) => c.parent === null);
      const replies = added.length - top.length;
      const newestFirst = [...top].reverse();

      const newest = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 5 });
      expect(newest.total).toBe(top.length);
      expect(numbers(newest.items)).toEqual(numbers(newestFirst.slice(0, 5)));
      const deep = await store.list(GUILD, {
        article: ARTICLE,
        sort: 'oldest',
        offset: top.length - 2,
        limit: 10,
      });
      expect(numbers(deep.items)).toEqual(numbers(top.slice(-2)));
      const middle = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 5_000, limit: 25 });
      expect(numbers(middle.items)).toEqual(numbers(newestFirst.slice(5_000, 5_025)));

      const [a, b] = [top[3] as Comment, top[1234] as Comment];
      await store.toggleVote(GUILD, a.number, 'u1');
      await store.toggleVote(GUILD, a.number, 'u2');
      await store.toggleVote(GUILD, b.number, 'u1');
      const best = await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 3 });
      expect(numbers(best.items)).toEqual([a.number, b.number, newestFirst[0]?.number]);

      const onP3 = newestFirst.filter((c) => c.anchor === 'p:3');
      const anchored = await store.list(GUILD, {
        article: ARTICLE,
        sort: 'newest',
        offset: 0,
        limit: 2,
        anchor: 'p:3',
      });
      expect(numbers(anchored.items)).toEqual(numbers(onP3.slice(0, 2)));
      expect(anchored.total).toBe(onP3.length);

      const thread = await store.thread(GUILD, 1);
      expect(thread).toHaveLength(replies + 1);
      expect(numbers(thread)).toEqual(numbers(added.filter((c) => c.number === 1 || c.parent === 1)));
      expect((await store.get(GUILD, 1))?.replyCount).toBe(replies);

      const counts = await store.countByAnchor(GUILD, ARTICLE, ['p:0', 'p:1', 'p:3']);
      for (const anchor of ['p:0', 'p:1', 'p:3']) {
        expect(counts.get(anchor)).toBe(added.filter((c) => c.anchor === anchor).length);
      }

      const [gone, hidden] = [newestFirst[0] as Comment, newestFirst[1] as Comment];
      await store.remove(GUILD, gone.number);
      await store.flag(GUILD, hidden.number, 'x', 1);
      const after = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 1 });
      expect(numbers(after.items)).toEqual([newestFirst[2]?.number]);
      expect(after.total).toBe(top.length - 2);
      const live = added.filter((c) => c.number !== gone.number).reverse();
      expect(numbers(await store.recent(GUILD, 3))).toEqual(numbers(live.slice(0, 3)));

      let exported = 0;
      let last = 0;
      for await (const c of store.exportAll(GUILD)) {
        expect(c.number).toBe(last + 1);
        last = c.number;
        exported++;
      }
      expect(exported).toBe(n);
      expect(await collect(store.exportAll('999'))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
