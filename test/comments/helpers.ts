/** Shared helpers for the comment-store tests. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import type { AnchorKey, Comment, NewComment } from '../../src/comments/domain.js';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore, ListSort } from '../../src/comments/store.js';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';

export function draft(overrides: Partial<NewComment> = {}): NewComment {
  return {
    parent: null,
    anchor: 'article',
    stance: null,
    authorId: '200000000000000001',
    authorName: 'Ada',
    text: 'A comment',
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

export const reply = (parent: number, overrides: Partial<NewComment> = {}): NewComment =>
  draft({ parent, text: `Reply to #${parent}`, ...overrides });

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every listed comment, page by page (the pages must add up to the total). */
export async function listAll(
  store: CommentStore,
  guildId: string,
  sort: ListSort,
  anchor?: AnchorKey,
): Promise<Comment[]> {
  const out: Comment[] = [];
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await store.list(guildId, {
      sort,
      offset,
      limit,
      ...(anchor === undefined ? {} : { anchor }),
    });
    out.push(...page.items);
    if (page.items.length < limit) {
      expect(out.length).toBe(page.total);
      return out;
    }
  }
}

/** A unique key prefix, so tests sharing one Redis never see each other's keys. */
export const uniquePrefix = (): string => `t-${randomUUID().slice(0, 12)}`;

export const redisUrl: string = inject('redisUrl');

export interface Backend {
  name: string;
  open(): Promise<CommentStore>;
  /** Reopens the same data (persistent backends only). */
  reopen?(): Promise<CommentStore>;
  cleanup(): void;
}

export function memoryBackend(): Backend {
  return { name: 'memory', open: () => createCommentStore('memory://'), cleanup: () => {} };
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sqlite-'));
  let file = '';
  return {
    name: 'sqlite',
    open() {
      file = join(dir, `${randomUUID()}.sqlite`);
      return createCommentStore(`sqlite://${file}`);
    },
    reopen: () => createCommentStore(`sqlite://${file}`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function redisBackend(): Backend {
  let prefix = '';
  return {
    name: 'redis',
    open() {
      prefix = uniquePrefix();
      return createCommentStore(redisUrl, { keyPrefix: prefix });
    },
    reopen: () => createCommentStore(redisUrl, { keyPrefix: prefix }),
    cleanup: () => {},
  };
}

/**
 * Checks every index against the comments themselves (from exportAll): listings and totals per sort and
 * anchor, counts per anchor, recent, threads and reply counts. An oracle for "nothing lost, nothing stale".
 */
export async function expectConsistent(store: CommentStore, guildId: string): Promise<Comment[]> {
  const all = await collect(store.exportAll(guildId));
  const numbers = all.map((c) => c.number);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(new Set(numbers).size).toBe(numbers.length);

  // Deleted top-level comments with replies stay listed (as "[deleted] · N replies").
  const listed = all.filter(
    (c) => c.parent === null && ((!c.deleted && !c.hidden) || (c.deleted && c.replyCount > 0)),
  );
  const newest = (a: Comment, b: Comment) => b.number - a.number;
  const top = (a: Comment, b: Comment) => b.votes.length - a.votes.length || b.number - a.number;
  const nums = (cs: Comment[]) => cs.map((c) => c.number);
  expect(nums(await listAll(store, guildId, 'newest'))).toEqual(nums([...listed].sort(newest)));
  expect(nums(await listAll(store, guildId, 'oldest'))).toEqual(nums(listed));
  expect(nums(await listAll(store, guildId, 'top'))).toEqual(nums([...listed].sort(top)));

  const anchors = [...new Set(all.map((c) => c.anchor))];
  for (const anchor of anchors) {
    const expected = listed.filter((c) => c.anchor === anchor);
    expect(nums(await listAll(store, guildId, 'top', anchor))).toEqual(nums([...expected].sort(top)));
  }
  const counts = await store.countByAnchor(guildId, anchors);
  for (const anchor of anchors) {
    const visible = all.filter((c) => c.anchor === anchor && !c.deleted && !c.hidden).length;
    expect(counts.get(anchor), `count for ${anchor}`).toBe(visible);
  }

  const live = all.filter((c) => !c.deleted);
  expect(nums(await store.recent(guildId, 25))).toEqual(nums([...live].sort(newest).slice(0, 25)));

  const byNumber = new Map(all.map((c) => [c.number, c]));
  for (const c of all) {
    const direct = all.filter((r) => r.parent === c.number);
    expect(c.replyCount, `replyCount of #${c.number}`).toBe(direct.length);
    if (c.parent !== null) {
      expect(byNumber.get(c.parent), `parent of #${c.number}`).toBeDefined();
      expect(c.anchor).toBe(byNumber.get(c.references[0] ?? -1)?.anchor);
    }
  }
  for (const root of all.filter((c) => c.parent === null)) {
    const expected = all.filter((c) => c.number === root.number || c.references[0] === root.number);
    expect(nums(await store.thread(guildId, root.number))).toEqual(nums(expected));
  }
  return all;
}
