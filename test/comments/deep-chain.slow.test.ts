/**
 * A reply chain 20,000 deep stored for real — through each store's own `add`, one reply at a time,
 * on SQLite and on Redis — then exported with the real exporter and shown as a thread. A comment
 * stores only its parent and root, so the chain's stored size grows linearly: checked as a ratio
 * against a 2,000-deep chain stored in the same run (sizes, never times).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { buildExport, exportFileBytes, MAX_EXPORT_FILES } from '../../src/comments/export.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { MAX_INDENT, PUBLIC_VIEW, threadPages } from '../../src/comments/render.js';
import type { CommentStore } from '../../src/comments/store.js';
import { buildThread, flattenThread } from '../../src/comments/threading.js';
import { loadMainArticle } from '../helpers/articles.js';
import { draft, GUILD, redisUrl, reply, uniquePrefix } from './helpers.js';

const DEPTH = 20_000;
const SMALL = 2_000;
const EM_SPACE = '\u2003';

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

/** A chain `depth` long through the store's normal add path: #n replies to #n − 1. */
async function seedChain(store: CommentStore, depth: number, name: string): Promise<void> {
  const started = performance.now();
  let last = await store.add(GUILD, draft({ anchor: 'p:2', text: 'The first word.' }));
  for (let n = 2; n <= depth; n++) {
    last = await store.add(GUILD, reply(last.number, { text: `Reply number ${n}.` }));
  }
  // Reported, never asserted.
  console.log(`[${name}] seeded a chain ${depth} deep in ${Math.round(performance.now() - started)} ms`);
}

/** Every comment number written as a comment's header, in the order the files hold them. */
function headersIn(files: string[]): number[] {
  const out: number[] = [];
  for (const file of files) for (const m of file.matchAll(/^ *- \*\*#(\d+)\*\*/gm)) out.push(Number(m[1]));
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Exports the stored chain with the real exporter and checks it whole. */
async function expectExported(store: CommentStore): Promise<void> {
  const result = await buildExport(article, (after, limit) => store.exportBatch(GUILD, after, limit), {
    head: { serverName: 'Deep Server', exportedAt: Date.UTC(2025, 0, 15), viewer: PUBLIC_VIEW },
    from: 1,
    fileBytes: exportFileBytes(0),
    maxFiles: MAX_EXPORT_FILES,
  });
  expect(result.next).toBeUndefined();
  expect(result.comments).toBe(DEPTH);
  for (const md of result.files) expect(Buffer.byteLength(md)).toBeLessThanOrEqual(exportFileBytes(0));
  // Every comment once, in order.
  expect(headersIn(result.files)).toEqual(range(DEPTH));
  const deepest = Math.max(
    ...result.files.flatMap((md) => md.split('\n').map((line) => /^ */.exec(line)?.[0].length ?? 0)),
  );
  // Indentation capped: a header at the deepest level, its text two spaces further in.
  expect(deepest).toBe(2 * MAX_INDENT + 2);
  expect(result.files.join('\n')).toContain(
    `- **#${DEPTH}** · Ada · 2023-11-14 22:13 UTC · 👍 0 · reply to #${DEPTH - 1}`,
  );
}

/** What /comment thread shows: the store's thread, threaded and paged, indentation capped. */
async function expectThreadView(store: CommentStore): Promise<void> {
  const lines = flattenThread(buildThread(await store.thread(GUILD, 1), 1));
  expect(lines.map((l) => l.number)).toEqual(range(DEPTH));
  expect(lines.at(-1)?.depth).toBe(DEPTH - 1);
  const pages = threadPages(article, lines, PUBLIC_VIEW);
  expect(pages.length).toBeGreaterThan(1);
  const text = pages.map((p) => p.description ?? '').join('\n');
  const widest = Math.max(
    ...text.split('\n').map((line) => new RegExp(`^${EM_SPACE}*`).exec(line)?.[0].length ?? 0),
  );
  expect(widest).toBe(MAX_INDENT);
  expect(text).toContain(
    `↳ **#${DEPTH} · Ada** · 👍 0\n${EM_SPACE.repeat(MAX_INDENT)}Reply number ${DEPTH}.`,
  );
}

describe('a reply chain 20,000 deep on SQLite', () => {
  const BACKEND = 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'parley-deep-'));
  const files = { small: join(dir, 'small.sqlite'), deep: join(dir, 'deep.sqlite') };
  let store: CommentStore;

  beforeAll(async () => {
    // NORMAL: no fsync per commit (a crash still loses nothing committed; only power loss could).
    const small = await createCommentStore(`sqlite://${files.small}`, { sqliteSynchronous: 'NORMAL' });
    await seedChain(small, SMALL, BACKEND);
    await small.close();
    store = await createCommentStore(`sqlite://${files.deep}`, { sqliteSynchronous: 'NORMAL' });
    await seedChain(store, DEPTH, BACKEND);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every comment once, in order, indentation capped, each file under the upload limit', async () => {
    await expectExported(store);
  });

  it('shows as a thread without overflowing the stack, indentation capped', async () => {
    await expectThreadView(store);
  });

  it('takes a linear amount of room: per comment about the same as a 2,000-deep chain', async () => {
    await store.close();
    // Closed: the write-ahead log is checkpointed into the file.
    const perComment = (file: string, n: number) => statSync(file).size / n;
    const ratio = perComment(files.deep, DEPTH) / perComment(files.small, SMALL);
    console.log(
      `[sqlite] bytes per comment: ${Math.round(perComment(files.small, SMALL))} at ${SMALL} deep, ` +
        `${Math.round(perComment(files.deep, DEPTH))} at ${DEPTH} deep`,
    );
    // A full ancestor list per comment would make it ~10× (the average depth grows tenfold).
    expect(ratio).toBeLessThan(1.5);
    store = await createCommentStore(`sqlite://${files.deep}`);
    expect((await store.get(GUILD, DEPTH))?.parent).toBe(DEPTH - 1);
  });
});

describe.skipIf(!redisUrl)('a reply chain 20,000 deep on Redis', () => {
  const BACKEND = 'redis';
  const prefixes = { small: uniquePrefix(), deep: uniquePrefix() };
  const client = createClient({ url: redisUrl });
  let store: CommentStore;

  /** Bytes Redis uses for every key of a store (values and indexes). */
  async function memoryOf(prefix: string): Promise<number> {
    let total = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      const sizes = await Promise.all(keys.map((key) => client.memoryUsage(key)));
      for (const size of sizes) total += Number(size ?? 0);
    }
    return total;
  }

  beforeAll(async () => {
    await client.connect();
    const small = await createCommentStore(redisUrl, { keyPrefix: prefixes.small });
    await seedChain(small, SMALL, BACKEND);
    await small.close();
    store = await createCommentStore(redisUrl, { keyPrefix: prefixes.deep });
    await seedChain(store, DEPTH, BACKEND);
  });
  afterAll(async () => {
    await store.close();
    for (const prefix of Object.values(prefixes)) {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
        if (keys.length > 0) await client.unlink(keys);
      }
    }
    await client.close();
  });

  it('exports every comment once, in order, indentation capped, each file under the upload limit', async () => {
    await expectExported(store);
  });

  it('shows as a thread without overflowing the stack, indentation capped', async () => {
    await expectThreadView(store);
  });

  it('takes a linear amount of memory: per comment about the same as a 2,000-deep chain', async () => {
    const small = (await memoryOf(prefixes.small)) / SMALL;
    const deep = (await memoryOf(prefixes.deep)) / DEPTH;
    console.log(
      `[redis] bytes per comment: ${Math.round(small)} at ${SMALL} deep, ${Math.round(deep)} at ${DEPTH} deep`,
    );
    expect(deep / small).toBeLessThan(1.5);
  });
});
