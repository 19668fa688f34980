/**
 * Exports at scale: a reply chain 20,000 deep (the recursive walk used to overflow the stack, and
 * indentation grew without bound) and a server of 60,000 comments (one file over Discord's upload
 * limit, everything in memory first). The store is seeded directly; sizes, not speed, are checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import type { Comment } from '../../src/comments/domain.js';
import {
  buildExport,
  type ExportOptions,
  exportFileBytes,
  exportMarkdown,
  exportReplies,
  MAX_EXPORT_FILES,
  uploadLimit,
} from '../../src/comments/export.js';
import { MemoryCommentStore } from '../../src/comments/memory-store.js';
import { FETCH_BATCH } from '../../src/comments/model.js';
import { MAX_INDENT } from '../../src/comments/render.js';
import type { CommentStore } from '../../src/comments/store.js';
import { loadMainArticle } from '../helpers/articles.js';
import { draft, GUILD } from './helpers.js';

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

const head = { serverName: 'Big Server', exportedAt: Date.UTC(2025, 0, 15), viewer: { moderator: false } };
const options = (over: Partial<ExportOptions> = {}): ExportOptions => ({
  head,
  from: 1,
  fileBytes: exportFileBytes(0),
  maxFiles: MAX_EXPORT_FILES,
  ...over,
});

/** Every comment number written as a comment's header, in the order the files hold them. */
function headersIn(files: string[]): number[] {
  const out: number[] = [];
  for (const file of files) for (const m of file.matchAll(/^ *- \*\*#(\d+)\*\*/gm)) out.push(Number(m[1]));
  return out;
}

const reader = (store: CommentStore, calls?: { n: number }) => (after: number, limit: number) => {
  if (calls) calls.n++;
  return store.exportBatch(GUILD, after, limit);
};

/**
 * A chain `depth` long as the export reads it: comment k replies to k − 1. Served batch by batch
 * like CommentStore.exportBatch, so the exporter is tested on its own; deep-chain.slow.test.ts
 * stores a chain this deep through the real stores and exports it from them.
 */
function chainReader(depth: number): (after: number, limit: number) => Promise<Comment[]> {
  return async (after, limit) => {
    const out: Comment[] = [];
    for (let n = after + 1; n <= depth && out.length < limit; n++) {
      out.push({
        number: n,
        guildId: GUILD,
        articleId: 'an-article',
        parent: n === 1 ? null : n - 1,
        root: n === 1 ? null : 1,
        anchor: 'p:2',
        stance: null,
        authorId: '200000000000000001',
        authorName: 'Ada',
        text: n === 1 ? 'The first word.' : `Reply number ${n}.`,
        createdAt: Date.UTC(2025, 0, 15, 12),
        editedAt: null,
        deleted: false,
        hidden: false,
        restored: false,
        votes: [],
        flags: [],
        replyCount: n === depth ? 0 : 1,
      });
    }
    return out;
  };
}

describe('a reply chain 20,000 deep', () => {
  const DEPTH = 20_000;

  it('exports every comment once, with indentation capped like the thread view, in one small file', {
    timeout: 120_000,
  }, async () => {
    const result = await buildExport(article, chainReader(DEPTH), options());
    expect(result.files).toHaveLength(1);
    expect(result.next).toBeUndefined();
    expect(result.comments).toBe(DEPTH);
    const [md = ''] = result.files;
    expect(headersIn(result.files)).toEqual(Array.from({ length: DEPTH }, (_, i) => i + 1));
    const deepest = Math.max(...md.split('\n').map((line) => /^ */.exec(line)?.[0].length ?? 0));
    // Header at the capped depth, its text two spaces further in.
    expect(deepest).toBe(2 * MAX_INDENT + 2);
    // Past the cap, each comment says what it replies to.
    expect(md).toContain(`- **#${DEPTH}** · Ada · 2025-01-15 12:00 UTC · 👍 0 · reply to #${DEPTH - 1}`);
    // ~100 bytes a comment, not the megabytes an uncapped indentation takes.
    expect(Buffer.byteLength(md)).toBeLessThan(DEPTH * 120);
  });

  it('the one-document builder walks it without recursion too', { timeout: 120_000 }, async () => {
    const all = await chainReader(DEPTH)(0, DEPTH);
    const md = exportMarkdown(article, all, head);
    expect(headersIn([md])).toHaveLength(DEPTH);
  });
});

describe('a server of 60,000 comments', () => {
  const TOTAL = 60_000;
  let store: MemoryCommentStore;
  const deleted = new Set<number>();
  beforeAll(async () => {
    store = new MemoryCommentStore();
    // ~400 bytes each: 60,000 make ~25 MB of Markdown, well over the 10 MiB a server without boosts takes.
    const body = 'A long-winded comment about the talks, the drills and what the ministry said. '.repeat(5);
    for (let i = 0; i < TOTAL; i += 1_000) {
      await Promise.all(
        Array.from({ length: 1_000 }, (_, j) => {
          const k = i + j + 1;
          const parent = k > 10 && k % 7 === 0 ? k - 3 : null;
          return store.add(GUILD, draft({ parent, anchor: `p:${(k % 6) + 1}`, text: `${k}: ${body}` }));
        }),
      );
    }
    // Concurrent adds number in commit order: delete some leaves by number afterwards.
    for (let n = 5; n <= TOTAL; n += 997) {
      const c = await store.get(GUILD, n);
      if (c && c.replyCount === 0) {
        await store.remove(GUILD, n);
        deleted.add(n);
      }
    }
  }, 300_000);

  it('splits into files that each fit the upload limit of a server without boosts; every comment once', {
    timeout: 120_000,
  }, async () => {
    const result = await buildExport(article, reader(store), options());
    expect(result.next).toBeUndefined();
    expect(result.files.length).toBeGreaterThanOrEqual(3);
    expect(result.files.length).toBeLessThanOrEqual(MAX_EXPORT_FILES);
    for (const md of result.files) expect(Buffer.byteLength(md)).toBeLessThanOrEqual(exportFileBytes(0));
    const seen = headersIn(result.files);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(TOTAL - deleted.size);
    expect(result.comments).toBe(TOTAL - deleted.size);
    // Later files say what they continue.
    expect(result.files[1]).toMatch(/^# Discussion: .* \(part 2\)\n\n## .* \(continued\)/);

    const replies = exportReplies(result, 1);
    expect(replies).toHaveLength(result.files.length);
    for (const reply of replies) {
      expect(reply.ephemeral).toBe(true);
      expect(reply.files).toHaveLength(1);
      expect(reply.files?.[0]?.data.byteLength).toBeLessThanOrEqual(uploadLimit(0));
    }
    expect(replies[0]?.content).toMatch(new RegExp(`in ${result.files.length} files`));
  });

  it('a boosted server (tier 3) gets it in one file', { timeout: 120_000 }, async () => {
    const result = await buildExport(article, reader(store), options({ fileBytes: exportFileBytes(3) }));
    expect(result.files).toHaveLength(1);
    expect(Buffer.byteLength(result.files[0] ?? '')).toBeLessThanOrEqual(uploadLimit(3));
  });

  it('past the file limit: stops reading, says what was left out, and from: gets exactly the rest', {
    timeout: 120_000,
  }, async () => {
    const calls = { n: 0 };
    const first = await buildExport(article, reader(store, calls), options({ maxFiles: 1 }));
    expect(first.files).toHaveLength(1);
    expect(Buffer.byteLength(first.files[0] ?? '')).toBeLessThanOrEqual(exportFileBytes(0));
    const next = first.next;
    if (next === undefined) throw new Error('expected a partial export');
    // It stopped reading the store once the file was full, instead of loading all 60,000.
    expect(calls.n).toBeLessThan(TOTAL / FETCH_BATCH / 2);
    expect(first.files[0]).toContain(`Run /comment export from:${next} for comments from #${next} on.`);
    expect(exportReplies(first, 1)[0]?.content).toContain(`\`/comment export from:${next}\``);

    const seen = new Set(headersIn(first.files));
    for (let from = next; ; ) {
      const part = await buildExport(article, reader(store), options({ from, maxFiles: 1 }));
      for (const n of headersIn(part.files)) {
        // Replies to comments before `from` stand as roots: nothing is exported twice.
        expect(seen.has(n)).toBe(false);
        seen.add(n);
      }
      if (part.next === undefined) break;
      expect(part.next).toBeGreaterThan(from);
      from = part.next;
    }
    expect(seen.size).toBe(TOTAL - deleted.size);
  });
});
