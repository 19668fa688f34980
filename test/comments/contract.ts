/**
 * The CommentStore contract, run against every backend (store-contract.test.ts). Each test gets a
 * fresh, empty store.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { CommentNotFoundError, StoreUnavailableError } from '../../src/comments/errors.js';
import { FETCH_BATCH, MAX_CARDS, MAX_PAGE_SIZE } from '../../src/comments/model.js';
import { DEFAULT_SETTINGS, withMute } from '../../src/comments/settings.js';
import type { CommentStore } from '../../src/comments/store.js';
import {
  ARTICLE,
  type Backend,
  collect,
  draft,
  expectConsistent,
  GUILD,
  listAll,
  OTHER_ARTICLE,
  OTHER_GUILD,
  reply,
} from './helpers.js';

const nums = (cs: Comment[]) => cs.map((c) => c.number);

export function commentStoreContract(backend: Backend): void {
  describe(`CommentStore contract: ${backend.name}`, () => {
    let store: CommentStore;

    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => backend.cleanup());

    const add = (text: string, overrides: Parameters<typeof draft>[0] = {}) =>
      store.add(GUILD, draft({ text, ...overrides }));

    describe('numbering and reads', () => {
      it('numbers comments #1, #2, … per server, replies included', async () => {
        expect((await add('one')).number).toBe(1);
        expect((await add('two')).number).toBe(2);
        expect((await store.add(GUILD, reply(1))).number).toBe(3);
        expect((await store.add(OTHER_GUILD, draft())).number).toBe(1);
        expect((await add('four')).number).toBe(4);
      });

      it('stores every field and gets it back', async () => {
        const added = await store.add(
          GUILD,
          draft({
            text: 'Hello\nworld',
            stance: 'question',
            anchor: 'p:3',
            authorName: 'Grace',
            createdAt: 42,
          }),
        );
        expect(added).toEqual({
          guildId: GUILD,
          number: 1,
          articleId: ARTICLE,
          parent: null,
          root: null,
          anchor: 'p:3',
          stance: 'question',
          authorId: '200000000000000001',
          authorName: 'Grace',
          text: 'Hello\nworld',
          createdAt: 42,
          editedAt: null,
          deleted: false,
          replyCount: 0,
          votes: [],
          flags: [],
          hidden: false,
          restored: false,
        });
        expect(await store.get(GUILD, 1)).toEqual(added);
      });

      it('returns undefined for comments that do not exist or cannot', async () => {
        await add('one');
        for (const n of [2, 0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
          expect(await store.get(GUILD, n)).toBeUndefined();
        }
      });

      it('links replies to their parent and root, inherits the root anchor, counts direct replies', async () => {
        await add('root', { anchor: 'p:7' });
        const r1 = await store.add(GUILD, reply(1, { anchor: 'p:1' }));
        const r2 = await store.add(GUILD, reply(2));
        await store.add(GUILD, reply(1));
        expect(r1).toMatchObject({ parent: 1, root: 1, anchor: 'p:7' });
        expect(r2).toMatchObject({ parent: 2, root: 1, anchor: 'p:7' });
        expect(r2).not.toHaveProperty('references');
        expect((await store.get(GUILD, 1))?.replyCount).toBe(2);
        expect((await store.get(GUILD, 2))?.replyCount).toBe(1);
        expect((await store.get(GUILD, 3))?.replyCount).toBe(0);
      });

      it('rejects a reply to a missing comment without using up a number', async () => {
        await add('one');
        await expect(store.add(GUILD, reply(9))).rejects.toBeInstanceOf(CommentNotFoundError);
        await expect(store.add(GUILD, reply(9))).rejects.toMatchObject({ number: 9 });
        expect((await add('two')).number).toBe(2);
        await expectConsistent(store, GUILD);
      });
    });

    describe('edit and remove', () => {
      it('edits text and records when', async () => {
        await add('first');
        const edited = await store.edit(GUILD, 1, 'second', 1234);
        expect(edited).toMatchObject({ number: 1, text: 'second', editedAt: 1234 });
        expect(await store.get(GUILD, 1)).toEqual(edited);
      });

      it('soft-deletes: gone from counts and recent, kept (without text) in the thread', async () => {
        await add('root');
        await store.add(GUILD, reply(1));
        await add('other');
        await add('lonely');
        const { comment: removed, recounted } = await store.remove(GUILD, 1);
        await store.remove(GUILD, 4);
        expect(removed).toMatchObject({ number: 1, deleted: true, text: '' });
        expect(recounted).toEqual([]);
        expect(await store.get(GUILD, 1)).toEqual(removed);
        // A deleted top-level comment stays listed while it has replies, so they can be reached.
        const page = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 });
        expect(nums(page.items)).toEqual([3, 1]);
        expect(page.total).toBe(2);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['article'])).get('article')).toBe(2);
        expect(nums(await store.recent(GUILD, 10))).toEqual([3, 2]);
        expect(nums(await store.thread(GUILD, 1))).toEqual([1, 2]);
        expect((await store.thread(GUILD, 1))[0]?.deleted).toBe(true);
        // Removing twice changes nothing.
        expect(await store.remove(GUILD, 1)).toEqual({ comment: removed, recounted: [] });
        expect((await store.countByAnchor(GUILD, ARTICLE, ['article'])).get('article')).toBe(2);
        await expectConsistent(store, GUILD);
      });

      it('removing a reply lowers its anchor count, and its parent counts only replies still shown', async () => {
        await add('root', { anchor: 'p:2' }); // 1
        await store.add(GUILD, reply(1)); // 2
        await store.add(GUILD, reply(2)); // 3
        await store.add(GUILD, reply(1)); // 4
        // Each removal names the ancestors it recounted, as stored (nearest first).
        const recounted = async (n: number) => {
          const { recounted } = await store.remove(GUILD, n);
          for (const c of recounted) expect(await store.get(GUILD, c.number)).toEqual(c);
          return recounted.map((c) => [c.number, c.replyCount]);
        };
        expect(await recounted(4)).toEqual([[1, 1]]);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:2'])).get('p:2')).toBe(3);
        expect((await store.get(GUILD, 1))?.replyCount).toBe(1);
        // Deleted with a reply under it, #2 still shows (as "[deleted]"): #1 still counts it.
        expect(await recounted(2)).toEqual([]);
        expect((await store.get(GUILD, 1))?.replyCount).toBe(1);
        // Its last reply gone, #2 leaves the thread: #1 has nothing left to show.
        expect(await recounted(3)).toEqual([
          [2, 0],
          [1, 0],
        ]);
        expect((await store.get(GUILD, 2))?.replyCount).toBe(0);
        expect((await store.get(GUILD, 1))?.replyCount).toBe(0);
        expect(nums(await store.thread(GUILD, 1))).toEqual([1, 2, 3, 4]);
        await expectConsistent(store, GUILD);
      });

      it('a deleted top-level comment leaves the list once no reply under it is shown, however deep', async () => {
        await add('root'); // 1
        let last = await store.add(GUILD, reply(1));
        for (let i = 0; i < 48; i++) last = await store.add(GUILD, reply(last.number)); // 2…50
        await add('other'); // 51
        for (let n = 1; n < 50; n++) await store.remove(GUILD, n);
        const listed = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 });
        expect(listed.items.map((c) => [c.number, c.replyCount])).toEqual([
          [51, 0],
          [1, 1],
        ]);
        // Deleting the one live reply, 49 levels down, takes every placeholder above it out in one write.
        const { recounted } = await store.remove(GUILD, 50);
        expect(recounted.map((c) => c.number)).toEqual(Array.from({ length: 49 }, (_, i) => 49 - i));
        expect(recounted.every((c) => c.replyCount === 0)).toBe(true);
        const after = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 });
        expect(nums(after.items)).toEqual([51]);
        expect(after.total).toBe(1);
        expect((await store.get(GUILD, 1))?.replyCount).toBe(0);
        await expectConsistent(store, GUILD);
      });

      it('cannot edit, vote on or flag a deleted comment', async () => {
        await add('root');
        await store.remove(GUILD, 1);
        await expect(store.edit(GUILD, 1, 'x', 1)).rejects.toBeInstanceOf(CommentNotFoundError);
        await expect(store.toggleVote(GUILD, 1, 'u')).rejects.toBeInstanceOf(CommentNotFoundError);
        await expect(store.flag(GUILD, 1, 'u', 1)).rejects.toBeInstanceOf(CommentNotFoundError);
      });

      it('throws CommentNotFoundError for every write to a missing comment', async () => {
        await add('one');
        const writes: [string, () => Promise<unknown>][] = [
          ['edit', () => store.edit(GUILD, 5, 'x', 1)],
          ['remove', () => store.remove(GUILD, 5)],
          ['toggleVote', () => store.toggleVote(GUILD, 5, 'u')],
          ['flag', () => store.flag(GUILD, 5, 'u', 3)],
          ['restore', () => store.restore(GUILD, 5)],
          ['edit #0', () => store.edit(GUILD, 0, 'x', 1)],
        ];
        for (const [name, write] of writes) {
          await expect(write(), name).rejects.toBeInstanceOf(CommentNotFoundError);
        }
        await expectConsistent(store, GUILD);
      });
    });

    describe('votes and flags', () => {
      it('toggles a member vote and reorders `top`', async () => {
        await add('a');
        await add('b');
        await add('c');
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 10 })).items),
        ).toEqual([3, 2, 1]);
        const first = await store.toggleVote(GUILD, 1, 'u1');
        expect(first.voted).toBe(true);
        expect(first.comment.votes).toEqual(['u1']);
        await store.toggleVote(GUILD, 1, 'u2');
        await store.toggleVote(GUILD, 2, 'u1');
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 10 })).items),
        ).toEqual([1, 2, 3]);
        const back = await store.toggleVote(GUILD, 1, 'u1');
        expect(back.voted).toBe(false);
        expect(back.comment.votes).toEqual(['u2']);
        await store.toggleVote(GUILD, 1, 'u2');
        // Votes equal again: newest first.
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 10 })).items),
        ).toEqual([2, 3, 1]);
        expect((await store.get(GUILD, 1))?.votes).toEqual([]);
        await expectConsistent(store, GUILD);
      });

      it('hides at the flag threshold, one flag per member; restore unhides for good', async () => {
        await add('flagged', { anchor: 'p:1' });
        await add('other', { anchor: 'p:1' });
        expect(await store.flag(GUILD, 1, 'u1', 2)).toMatchObject({
          added: true,
          comment: { hidden: false },
        });
        expect(await store.flag(GUILD, 1, 'u1', 2)).toMatchObject({
          added: false,
          comment: { flags: ['u1'] },
        });
        const hidden = await store.flag(GUILD, 1, 'u2', 2);
        expect(hidden).toMatchObject({ added: true, comment: { hidden: true, flags: ['u1', 'u2'] } });
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).items),
        ).toEqual([2]);
        expect(
          (await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 0, limit: 10, anchor: 'p:1' }))
            .total,
        ).toBe(1);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:1'])).get('p:1')).toBe(1);
        // Still in its thread and in recent (for moderators to find it).
        expect(nums(await store.thread(GUILD, 1))).toEqual([1]);

        const restored = await store.restore(GUILD, 1);
        expect(restored).toMatchObject({ hidden: false, restored: true });
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'oldest', offset: 0, limit: 10 })).items),
        ).toEqual([1, 2]);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:1'])).get('p:1')).toBe(2);

        const again = await store.flag(GUILD, 1, 'u3', 2);
        expect(again).toMatchObject({ added: true, comment: { hidden: false, restored: true } });
        expect(
          (await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).total,
        ).toBe(2);
        await expectConsistent(store, GUILD);
      });

      it('hiding a reply lowers its anchor count', async () => {
        await add('root', { anchor: 'p:4' });
        await store.add(GUILD, reply(1));
        await store.flag(GUILD, 2, 'u1', 1);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:4'])).get('p:4')).toBe(1);
        await store.restore(GUILD, 2);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:4'])).get('p:4')).toBe(2);
      });

      it('keeps every vote when many members vote at once', async () => {
        await add('popular');
        const voters = Array.from({ length: 150 }, (_, i) => `u${i}`);
        const results = await Promise.all(voters.map((u) => store.toggleVote(GUILD, 1, u)));
        expect(results.every((r) => r.voted)).toBe(true);
        expect(new Set((await store.get(GUILD, 1))?.votes)).toEqual(new Set(voters));
        await expectConsistent(store, GUILD);
      });
    });

    describe('list', () => {
      const seed = async () => {
        // #1..#6 alternating anchors; #7 a reply; votes on #2 (2) and #5 (1).
        for (let i = 1; i <= 6; i++) await add(`c${i}`, { anchor: i % 2 ? 'p:1' : 'p:2' });
        await store.add(GUILD, reply(1));
        await store.toggleVote(GUILD, 2, 'a');
        await store.toggleVote(GUILD, 2, 'b');
        await store.toggleVote(GUILD, 5, 'a');
      };

      it('sorts newest, oldest and top (votes, then newest), top-level only', async () => {
        await seed();
        const page = (sort: 'newest' | 'oldest' | 'top') =>
          store.list(GUILD, { article: ARTICLE, sort, offset: 0, limit: 10 });
        expect(nums((await page('newest')).items)).toEqual([6, 5, 4, 3, 2, 1]);
        expect(nums((await page('oldest')).items)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(nums((await page('top')).items)).toEqual([2, 5, 6, 4, 3, 1]);
        expect((await page('top')).total).toBe(6);
      });

      it('paginates with offset and limit, with the total of all pages', async () => {
        await seed();
        const p1 = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 4 });
        const p2 = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 4, limit: 4 });
        const p3 = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 8, limit: 4 });
        expect([nums(p1.items), nums(p2.items), nums(p3.items)]).toEqual([[6, 5, 4, 3], [2, 1], []]);
        expect([p1.total, p2.total, p3.total]).toEqual([6, 6, 6]);
        const t2 = await store.list(GUILD, { article: ARTICLE, sort: 'top', offset: 2, limit: 2 });
        expect(nums(t2.items)).toEqual([6, 4]);
        const o2 = await store.list(GUILD, { article: ARTICLE, sort: 'oldest', offset: 1, limit: 2 });
        expect(nums(o2.items)).toEqual([2, 3]);
      });

      it('filters by anchor', async () => {
        await seed();
        const p1 = await store.list(GUILD, {
          article: ARTICLE,
          sort: 'newest',
          offset: 0,
          limit: 10,
          anchor: 'p:1',
        });
        expect(nums(p1.items)).toEqual([5, 3, 1]);
        expect(p1.total).toBe(3);
        const p2 = await store.list(GUILD, {
          article: ARTICLE,
          sort: 'top',
          offset: 0,
          limit: 10,
          anchor: 'p:2',
        });
        expect(nums(p2.items)).toEqual([2, 6, 4]);
        const none = await store.list(GUILD, {
          article: ARTICLE,
          sort: 'top',
          offset: 0,
          limit: 10,
          anchor: 'p:9',
        });
        expect(none).toEqual({ items: [], total: 0 });
      });

      it('handles empty servers, zero and oversized limits, negative offsets', async () => {
        expect(await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).toEqual({
          items: [],
          total: 0,
        });
        await seed();
        expect(await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 0 })).toEqual({
          items: [],
          total: 6,
        });
        expect(
          nums((await store.list(GUILD, { article: ARTICLE, sort: 'oldest', offset: -5, limit: 2 })).items),
        ).toEqual([1, 2]);
        for (let i = 0; i < MAX_PAGE_SIZE + 5; i++) await add(`more ${i}`);
        const big = await store.list(GUILD, { article: ARTICLE, sort: 'oldest', offset: 0, limit: 10_000 });
        expect(big.items).toHaveLength(MAX_PAGE_SIZE);
        expect(big.total).toBe(6 + MAX_PAGE_SIZE + 5);
      });
    });

    describe('threads, counts, recent, export', () => {
      it('returns the root and all descendants in number order, deleted ones included', async () => {
        await add('root'); // 1
        await store.add(GUILD, reply(1)); // 2
        await add('other root'); // 3
        await store.add(GUILD, reply(2)); // 4
        await store.add(GUILD, reply(3)); // 5
        await store.add(GUILD, reply(1)); // 6
        await store.add(GUILD, reply(4)); // 7
        await store.remove(GUILD, 4);
        expect(nums(await store.thread(GUILD, 1))).toEqual([1, 2, 4, 6, 7]);
        expect(nums(await store.thread(GUILD, 2))).toEqual([2, 4, 7]);
        expect(nums(await store.thread(GUILD, 4))).toEqual([4, 7]);
        expect(nums(await store.thread(GUILD, 3))).toEqual([3, 5]);
        expect(await store.thread(GUILD, 99)).toEqual([]);
        expect(await store.thread(GUILD, 0)).toEqual([]);
      });

      it('counts visible comments per anchor, replies included (with the root anchor)', async () => {
        await add('a', { anchor: 'p:1' });
        await add('b', { anchor: 'p:1' });
        await add('c', { anchor: 'actor:x' });
        await store.add(GUILD, reply(1, { anchor: 'actor:x' }));
        await store.add(GUILD, reply(4));
        const counts = await store.countByAnchor(GUILD, ARTICLE, ['p:1', 'actor:x', 'p:9']);
        expect([...counts]).toEqual([
          ['p:1', 4],
          ['actor:x', 1],
          ['p:9', 0],
        ]);
        expect((await store.countByAnchor(GUILD, ARTICLE, [])).size).toBe(0);
      });

      it('lists recent non-deleted comments, newest first', async () => {
        for (let i = 0; i < 5; i++) await add(`c${i}`);
        await store.add(GUILD, reply(2));
        await store.remove(GUILD, 5);
        expect(nums(await store.recent(GUILD, 3))).toEqual([6, 4, 3]);
        expect(nums(await store.recent(GUILD, 50))).toEqual([6, 4, 3, 2, 1]);
        expect(await store.recent(GUILD, 0)).toEqual([]);
      });

      it('exports every comment in number order, across batches, deleted ones included', async () => {
        const total = 1_100;
        for (let i = 0; i < total; i += 100) {
          await Promise.all(Array.from({ length: 100 }, (_, j) => add(`c${i + j}`)));
        }
        await store.remove(GUILD, 600);
        const exported = await collect(store.exportAll(GUILD));
        expect(nums(exported)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(exported[599]?.deleted).toBe(true);
        expect(await collect(store.exportAll(OTHER_GUILD))).toEqual([]);
      });

      it('exports in batches resumable from any number: after, limit, capped, empty at the end', async () => {
        for (let i = 0; i < 12; i++) await add(`c${i + 1}`);
        await store.remove(GUILD, 5);
        expect(nums(await store.exportBatch(GUILD, 0, 5))).toEqual([1, 2, 3, 4, 5]);
        const middle = await store.exportBatch(GUILD, 4, 3);
        expect(nums(middle)).toEqual([5, 6, 7]);
        expect(middle[0]?.deleted).toBe(true);
        expect(nums(await store.exportBatch(GUILD, 10, 100))).toEqual([11, 12]);
        expect(await store.exportBatch(GUILD, 12, 100)).toEqual([]);
        expect(await store.exportBatch(GUILD, 0, 0)).toEqual([]);
        expect(await store.exportBatch(OTHER_GUILD, 0, 100)).toEqual([]);
        // Whatever is asked, one batch stays within FETCH_BATCH; forged bounds are made whole.
        await Promise.all(Array.from({ length: FETCH_BATCH - 9 }, (_, i) => add(`more ${i}`)));
        expect(await store.exportBatch(GUILD, 0, 10_000)).toHaveLength(FETCH_BATCH);
        expect(nums(await store.exportBatch(GUILD, 1.5, 2.9))).toEqual([2, 3]);
        expect(nums(await store.exportBatch(GUILD, -7, 1))).toEqual([1]);
        expect(nums(await store.exportBatch(GUILD, Number.NaN, 1))).toEqual([1]);
      });
    });

    describe('a deep reply chain', () => {
      /** Kept modest here (every backend, every run); deep-chain.slow.test.ts stores one 20,000 deep. */
      const DEPTH = 2_000;
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

      it(`stores a chain ${DEPTH.toLocaleString('en-US')} deep through add: threads, export and deletes`, async () => {
        let last = await add('the root', { anchor: 'p:2' });
        for (let n = 2; n <= DEPTH; n++) last = await store.add(GUILD, reply(last.number, { text: `#${n}` }));
        expect(last).toMatchObject({ number: DEPTH, parent: DEPTH - 1, root: 1, anchor: 'p:2' });

        const exported = await collect(store.exportAll(GUILD));
        expect(nums(exported)).toEqual(range(1, DEPTH));
        exported.forEach((c, i) => {
          const n = i + 1;
          expect(c).toMatchObject({
            parent: n === 1 ? null : n - 1,
            root: n === 1 ? null : 1,
            anchor: 'p:2',
            replyCount: n === DEPTH ? 0 : 1,
            text: n === 1 ? 'the root' : `#${n}`,
          });
        });
        // Linear: what each comment stores of its place in the tree does not grow with depth.
        expect(JSON.stringify(exported.at(-1)).length).toBeLessThan(JSON.stringify(exported[1]).length + 16);

        expect(nums(await store.thread(GUILD, 1))).toEqual(range(1, DEPTH));
        expect(nums(await store.thread(GUILD, DEPTH / 2))).toEqual(range(DEPTH / 2, DEPTH));
        expect(nums(await store.thread(GUILD, DEPTH))).toEqual([DEPTH]);

        // Deleting in the middle keeps the chain's shape; deleting the root keeps it listed for its replies.
        await store.remove(GUILD, DEPTH / 2);
        await store.remove(GUILD, 1);
        const thread = await store.thread(GUILD, 1);
        expect(nums(thread)).toEqual(range(1, DEPTH));
        expect(thread.filter((c) => c.deleted).map((c) => c.number)).toEqual([1, DEPTH / 2]);
        const page = await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 });
        expect(page.items.map((c) => [c.number, c.deleted])).toEqual([[1, true]]);
        expect((await store.countByArticle(GUILD)).get(ARTICLE)).toBe(DEPTH - 2);
        // Replying at the bottom still works, and a new top-level comment starts its own tree.
        expect(await store.add(GUILD, reply(DEPTH))).toMatchObject({ number: DEPTH + 1, root: 1 });
        expect(await add('a new thread')).toMatchObject({ number: DEPTH + 2, parent: null, root: null });
        await expectConsistent(store, GUILD);
      });
    });

    describe('moderation: restore then edit, cards, settings, purge', () => {
      it('an edit after a restore clears it, so flags count afresh and hide the new text', async () => {
        await add('rude');
        await store.flag(GUILD, 1, 'u1', 2);
        await store.flag(GUILD, 1, 'u2', 2);
        await store.restore(GUILD, 1);
        const edited = await store.edit(GUILD, 1, 'ruder', 5);
        expect(edited).toMatchObject({ restored: false, hidden: false, flags: [] });
        expect((await store.flag(GUILD, 1, 'u1', 2)).comment.hidden).toBe(false);
        expect((await store.flag(GUILD, 1, 'u3', 2)).comment).toMatchObject({
          hidden: true,
          restored: false,
        });
        expect(
          (await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).total,
        ).toBe(0);
        // A plain edit (never restored) keeps the flags it has.
        await add('other');
        await store.flag(GUILD, 2, 'u1', 3);
        expect((await store.edit(GUILD, 2, 'changed', 6)).flags).toEqual(['u1']);
        await expectConsistent(store, GUILD);
      });

      it('remembers the messages showing a card: once each, newest kept, deleted comments too', async () => {
        await add('carded');
        await store.addCard(GUILD, 1, { channelId: '10', messageId: '100' });
        await store.addCard(GUILD, 1, { channelId: '10', messageId: '100' });
        await store.addCard(GUILD, 1, { channelId: '11', messageId: '101' });
        expect((await store.get(GUILD, 1))?.cards).toEqual([
          { channelId: '10', messageId: '100' },
          { channelId: '11', messageId: '101' },
        ]);
        for (let i = 0; i < MAX_CARDS + 2; i++) {
          await store.addCard(GUILD, 1, { channelId: '12', messageId: String(200 + i) });
        }
        const cards = (await store.get(GUILD, 1))?.cards ?? [];
        expect(cards).toHaveLength(MAX_CARDS);
        expect(cards.at(-1)?.messageId).toBe(String(200 + MAX_CARDS + 1));
        await store.remove(GUILD, 1);
        await store.addCard(GUILD, 1, { channelId: '13', messageId: '300' });
        expect((await store.get(GUILD, 1))?.cards?.at(-1)).toEqual({ channelId: '13', messageId: '300' });
        // A card changes nothing listings depend on.
        await expectConsistent(store, GUILD);
        await expect(store.addCard(GUILD, 9, { channelId: '1', messageId: '2' })).rejects.toBeInstanceOf(
          CommentNotFoundError,
        );
      });

      it('keeps settings and mutes per server, defaults first', async () => {
        expect(await store.moderation(GUILD)).toEqual(DEFAULT_SETTINGS);
        const saved = await store.updateModeration(GUILD, (s) => ({
          ...withMute(s, '300000000000000001', 5_000, 1_000),
          flagThreshold: 5,
          modLogChannelId: '400000000000000001',
          blockedWords: ['spoon'],
        }));
        expect(saved).toMatchObject({ flagThreshold: 5, mutes: { '300000000000000001': 5_000 } });
        expect(await store.moderation(GUILD)).toEqual(saved);
        expect(await store.moderation(OTHER_GUILD)).toEqual(DEFAULT_SETTINGS);
      });

      it('never loses one of many concurrent settings changes', async () => {
        const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
        await Promise.all(
          words.map((w) =>
            store.updateModeration(GUILD, (s) => ({ ...s, blockedWords: [...s.blockedWords, w] })),
          ),
        );
        expect([...(await store.moderation(GUILD)).blockedWords].sort()).toEqual([...words].sort());
      });

      it("purges one server's comments and settings, and nothing of another's", async () => {
        await add('root', { anchor: 'p:1' });
        await store.add(GUILD, reply(1));
        await store.updateModeration(GUILD, (s) => ({ ...s, flagThreshold: 7 }));
        await store.add(OTHER_GUILD, draft({ text: 'elsewhere' }));
        await store.updateModeration(OTHER_GUILD, (s) => ({ ...s, flagThreshold: 2 }));
        await store.purge(GUILD);
        expect(await store.get(GUILD, 1)).toBeUndefined();
        expect(await collect(store.exportAll(GUILD))).toEqual([]);
        expect(
          (await store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).total,
        ).toBe(0);
        expect((await store.countByAnchor(GUILD, ARTICLE, ['p:1'])).get('p:1')).toBe(0);
        expect(await store.recent(GUILD, 10)).toEqual([]);
        expect(await store.moderation(GUILD)).toEqual(DEFAULT_SETTINGS);
        expect((await add('fresh start')).number).toBe(1);
        expect((await store.get(OTHER_GUILD, 1))?.text).toBe('elsewhere');
        expect((await store.moderation(OTHER_GUILD)).flagThreshold).toBe(2);
        await expectConsistent(store, GUILD);
        await expectConsistent(store, OTHER_GUILD);
      });
    });

    it('keeps servers apart', async () => {
      await store.add(GUILD, draft({ text: 'mine', anchor: 'p:1' }));
      await store.add(GUILD, reply(1));
      await store.add(OTHER_GUILD, draft({ text: 'theirs', anchor: 'p:1' }));
      expect(await store.get(OTHER_GUILD, 2)).toBeUndefined();
      expect((await store.get(OTHER_GUILD, 1))?.text).toBe('theirs');
      expect(
        (await store.list(OTHER_GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).total,
      ).toBe(1);
      expect((await store.countByAnchor(OTHER_GUILD, ARTICLE, ['p:1'])).get('p:1')).toBe(1);
      expect((await store.countByAnchor(GUILD, ARTICLE, ['p:1'])).get('p:1')).toBe(2);
      expect(nums(await store.recent(OTHER_GUILD, 10))).toEqual([1]);
      expect(nums(await collect(store.exportAll(OTHER_GUILD)))).toEqual([1]);
      expect(nums(await store.thread(OTHER_GUILD, 1))).toEqual([1]);
      await expect(store.toggleVote(OTHER_GUILD, 2, 'u')).rejects.toBeInstanceOf(CommentNotFoundError);
      await expect(store.add(OTHER_GUILD, reply(2))).rejects.toBeInstanceOf(CommentNotFoundError);
      await store.remove(OTHER_GUILD, 1);
      expect((await store.get(GUILD, 1))?.deleted).toBe(false);
      // A guild id that looks like a key fragment cannot reach another server's data.
      const tricky = `${GUILD}}:c:1`;
      expect(await store.get(tricky, 1)).toBeUndefined();
      expect(
        (await store.list(tricky, { article: ARTICLE, sort: 'newest', offset: 0, limit: 10 })).total,
      ).toBe(0);
    });

    it('never loses or duplicates one of 1,000 concurrent adds and replies', async () => {
      const roots = await Promise.all(Array.from({ length: 10 }, (_, i) => add(`root ${i}`)));
      const started = performance.now();
      const added = await Promise.all(
        Array.from({ length: 990 }, (_, i) =>
          i % 3 === 0
            ? add(`top ${i}`, { anchor: `p:${i % 7}` })
            : store.add(GUILD, reply(roots[i % roots.length]?.number ?? 1, { text: `reply ${i}` })),
        ),
      );
      const elapsed = performance.now() - started;
      console.info(`[${backend.name}] 990 concurrent adds/replies: ${elapsed.toFixed(0)} ms`);
      const numbers = [...roots, ...added].map((c) => c.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      const all = await expectConsistent(store, GUILD);
      expect(all).toHaveLength(1000);
      const listed = await listAll(store, GUILD, 'oldest');
      expect(listed).toHaveLength(10 + 330);
      const threaded = new Set<number>();
      for (const root of roots)
        for (const c of await store.thread(GUILD, root.number)) threaded.add(c.number);
      expect(threaded.size).toBe(10 + 660);
    });

    it('stays consistent under a random mix of concurrent operations', async () => {
      let seed = 7;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 20; i++) await add(`seed ${i}`, { anchor: `p:${i % 3}` });
      for (let round = 0; round < 5; round++) {
        const ops = Array.from({ length: 60 }, () => {
          const n = 1 + rand(20 + round * 40);
          switch (rand(7)) {
            case 0:
              return add('more', { anchor: `p:${rand(3)}` });
            case 1:
              return store.add(GUILD, reply(n));
            case 2:
              return store.toggleVote(GUILD, n, `u${rand(5)}`);
            case 3:
              return store.flag(GUILD, n, `u${rand(4)}`, 2);
            case 4:
              return store.restore(GUILD, n);
            case 5:
              return rand(4) === 0 ? store.remove(GUILD, n) : store.edit(GUILD, n, 'edited', 1);
            default:
              return store.list(GUILD, { article: ARTICLE, sort: 'top', offset: rand(10), limit: 5 });
          }
        });
        const results = await Promise.allSettled(ops);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CommentNotFoundError);
        }
        await expectConsistent(store, GUILD);
      }
    });

    it('pings, and reports StoreUnavailableError once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await add('before close');
      await store.close();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.get(GUILD, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(add('after close')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(
        store.list(GUILD, { article: ARTICLE, sort: 'newest', offset: 0, limit: 5 }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      // close() is idempotent (afterEach closes again).
      await store.close();
    });

    describe('articles: each comment belongs to one, numbers stay per server', () => {
      const on = (article: string, text: string, overrides: Parameters<typeof draft>[0] = {}) =>
        store.add(GUILD, draft({ articleId: article, text, ...overrides }));

      it("numbers across articles, lists and counts each article's comments only", async () => {
        await on(ARTICLE, 'a1', { anchor: 'p:1' });
        await on(OTHER_ARTICLE, 'b1', { anchor: 'p:1' });
        await on(ARTICLE, 'a2');
        // A reply joins its root's article, whatever the draft says.
        const r = await store.add(GUILD, reply(2, { articleId: ARTICLE }));
        expect(r).toMatchObject({ number: 4, articleId: OTHER_ARTICLE, anchor: 'p:1' });
        await on(OTHER_ARTICLE, 'b2', { anchor: 'p:2' });
        expect(nums(await listAll(store, GUILD, 'oldest', undefined, ARTICLE))).toEqual([1, 3]);
        expect(nums(await listAll(store, GUILD, 'oldest', undefined, OTHER_ARTICLE))).toEqual([2, 5]);
        expect(nums(await listAll(store, GUILD, 'top', 'p:1', OTHER_ARTICLE))).toEqual([2]);
        expect(await store.countByAnchor(GUILD, ARTICLE, ['p:1', 'p:2'])).toEqual(
          new Map([
            ['p:1', 1],
            ['p:2', 0],
          ]),
        );
        expect(await store.countByAnchor(GUILD, OTHER_ARTICLE, ['p:1', 'p:2'])).toEqual(
          new Map([
            ['p:1', 2],
            ['p:2', 1],
          ]),
        );
        expect(nums(await store.recent(GUILD, 10, ARTICLE))).toEqual([3, 1]);
        expect(nums(await store.recent(GUILD, 10))).toEqual([5, 4, 3, 2, 1]);
        await store.remove(GUILD, 5);
        expect(await store.countByArticle(GUILD)).toEqual(
          new Map([
            [ARTICLE, 2],
            [OTHER_ARTICLE, 2],
          ]),
        );
        expect(await store.countByArticle(OTHER_GUILD)).toEqual(new Map());
        expect(nums(await store.thread(GUILD, 2))).toEqual([2, 4]);
        await expectConsistent(store, GUILD);
      });

      it("keeps each server's current article, undefined until chosen", async () => {
        expect(await store.currentArticle(GUILD)).toBeUndefined();
        await store.setCurrentArticle(GUILD, OTHER_ARTICLE);
        await store.setCurrentArticle(OTHER_GUILD, ARTICLE);
        expect(await store.currentArticle(GUILD)).toBe(OTHER_ARTICLE);
        await store.setCurrentArticle(GUILD, ARTICLE);
        expect(await store.currentArticle(GUILD)).toBe(ARTICLE);
        expect(await store.currentArticle(OTHER_GUILD)).toBe(ARTICLE);
      });

      it('refuses an article id that could not be one', async () => {
        const attempt = (fn: () => Promise<unknown>) => Promise.resolve().then(fn);
        await expect(attempt(() => on('Not An Id', 'x'))).rejects.toThrow(TypeError);
        await expect(attempt(() => store.setCurrentArticle(GUILD, ''))).rejects.toThrow(TypeError);
      });
    });

    if (backend.reopen) {
      const reopen = backend.reopen;
      it("keeps a server's current article across a restart", async () => {
        await store.setCurrentArticle(GUILD, OTHER_ARTICLE);
        await store.close();
        store = await reopen();
        expect(await store.currentArticle(GUILD)).toBe(OTHER_ARTICLE);
      });

      it('keeps everything across a restart', async () => {
        await add('root', { anchor: 'p:5' });
        await store.add(GUILD, reply(1));
        await store.toggleVote(GUILD, 1, 'u1');
        await store.remove(GUILD, 2);
        const before = await collect(store.exportAll(GUILD));
        await store.close();
        store = await reopen();
        await store.addCard(GUILD, 1, { channelId: '10', messageId: '100' });
        const settings = await store.updateModeration(GUILD, (s) => ({ ...s, flagThreshold: 4 }));
        const beforeCards = await collect(store.exportAll(GUILD));
        await store.close();
        store = await reopen();
        expect(await collect(store.exportAll(GUILD))).toEqual(beforeCards);
        expect(beforeCards[0]?.cards).toEqual([{ channelId: '10', messageId: '100' }]);
        expect(before[0]?.cards).toBeUndefined();
        expect(await store.moderation(GUILD)).toEqual(settings);
        expect((await add('after restart')).number).toBe(3);
        await expectConsistent(store, GUILD);
      });
    }
  });
}
