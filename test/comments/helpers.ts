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
/** The library article comments discuss unless a test says otherwise. */
export const ARTICLE = 'an-article';
export const OTHER_ARTICLE = 'another-article';

export function draft(overrides: Partial<NewComment> = {}): NewComment {
  return {
    articleId: ARTICLE,
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
  article = ARTICLE,
): Promise<Comment[]> {
  const out: Comment[] = [];
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await store.list(guildId, {
      article,
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
  // Everything per article: listings, totals, counts and recent never mix two articles' comments.
  const articles = [...new Set([ARTICLE, ...all.map((c) => c.articleId)])];
  for (const article of articles) {
    const mine = all.filter((c) => c.articleId === article);
    const listedHere = listed.filter((c) => c.articleId === article);
    expect(nums(await listAll(store, guildId, 'newest', undefined, article))).toEqual(
      nums([...listedHere].sort(newest)),
    );
    expect(nums(await listAll(store, guildId, 'oldest', undefined, article))).toEqual(nums(listedHere));
    expect(nums(await listAll(store, guildId, 'top', undefined, article))).toEqual(
      nums([...listedHere].sort(top)),
    );
    const anchors = [...new Set(mine.map((c) => c.anchor))];
    for (const anchor of anchors) {
      const expected = listedHere.filter((c) => c.anchor === anchor);
      expect(nums(await listAll(store, guildId, 'top', anchor, article))).toEqual(
        nums([...expected].sort(top)),
      );
    }
    const counts = await store.countByAnchor(guildId, article, anchors);
    for (const anchor of anchors) {
      const visible = mine.filter((c) => c.anchor === anchor && !c.deleted && !c.hidden).length;
      expect(counts.get(anchor), `count for ${article} ${anchor}`).toBe(visible);
    }
    const liveHere = mine.filter((c) => !c.deleted);
    expect(nums(await store.recent(guildId, 25, article))).toEqual(
      nums([...liveHere].sort(newest).slice(0, 25)),
    );
  }
  const perArticle = await store.countByArticle(guildId);
  for (const article of articles) {
    const visible = all.filter((c) => c.articleId === article && !c.deleted && !c.hidden).length;
    expect(perArticle.get(article) ?? 0, `comments on ${article}`).toBe(visible);
  }

  const live = all.filter((c) => !c.deleted);
  expect(nums(await store.recent(guildId, 25))).toEqual(nums([...live].sort(newest).slice(0, 25)));

  const byNumber = new Map(all.map((c) => [c.number, c]));
  for (const c of all) {
    // Direct replies still shown in the thread: live, or deleted with shown replies of their own.
    const shown = all.filter((r) => r.parent === c.number && (!r.deleted || r.replyCount > 0));
    expect(c.replyCount, `replyCount of #${c.number}`).toBe(shown.length);
    if (c.parent !== null) {
      expect(byNumber.get(c.parent), `parent of #${c.number}`).toBeDefined();
      // The root is the parent's root (or the parent itself), and the anchor is the root's.
      expect(c.root, `root of #${c.number}`).toBe(byNumber.get(c.parent)?.root ?? c.parent);
      expect(c.anchor).toBe(byNumber.get(c.root ?? -1)?.anchor);
    } else {
      expect(c.root, `root of #${c.number}`).toBeNull();
    }
  }
  for (const root of all.filter((c) => c.parent === null)) {
    const expected = all.filter((c) => c.number === root.number || c.root === root.number);
    expect(nums(await store.thread(guildId, root.number))).toEqual(nums(expected));
  }
  return all;
}
