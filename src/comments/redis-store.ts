/**
 * Redis store: comments are keyv values (@keyv/redis, keys from keys.ts, keyv's serialization); the
 * indexes are native structures per server: sorted sets of listed comments by number and by votes
 * (whole server and per anchor), a hash of visible counts per anchor, a sorted set of replies per
 * top-level comment, and a sorted set of non-deleted comments.
 *
 * Writes go through Lua scripts (redis-scripts.ts), which Redis runs atomically, so numbering is an
 * INCR inside the same script that stores the value and its index entries: two processes can never
 * get the same number, and a crash leaves either all of a write or none of it. Changes to an existing
 * comment are compare-and-set on its serialized value, retried when another process got there first;
 * an in-process lock per key keeps this process's own calls from conflicting with each other.
 */
import KeyvRedis, { type RedisClientType } from '@keyv/redis';
import type { Keyv } from 'keyv';
import { MutatingCommentStore } from './base-store.js';
import type { Cooldowns, SharesCooldowns } from './cooldown.js';
import type { AnchorKey, Comment, NewComment } from './domain.js';
import {
  asStoreError,
  CommentNotFoundError,
  LegacyArticleUnknownError,
  type MigrationReport,
  StoreUnavailableError,
} from './errors.js';
import { KeyedMutex } from './keyed-mutex.js';
import { CommentKeys } from './keys.js';
import {
  assertArticle,
  assertGuild,
  type Change,
  createComment,
  exportWindow,
  FETCH_BATCH,
  isCommentNumber,
  isListed,
  isVisible,
  normalisePage,
  type Plan,
  rootOf,
  shownReplyCounts,
  threadOf,
  voteScore,
  withReply,
} from './model.js';
import { RedisCooldowns } from './redis-cooldown.js';
import { ADD_SCRIPT, MUTATE_SCRIPT, RECORD_SCRIPT, runScript, type Script, script } from './redis-scripts.js';
import type { CommentStore, ListPage, ListQuery } from './store.js';
import { createCommentKeyv, readValues, type StoreLogger } from './values.js';

export interface RedisStoreOptions {
  keyPrefix?: string;
  logger?: StoreLogger;
}

/** Compare-and-set attempts before giving up; only other processes writing the same comment cause retries. */
const MAX_ATTEMPTS = 50;

const ADD = script(ADD_SCRIPT);
const MUTATE = script(MUTATE_SCRIPT);
const RECORD = script(RECORD_SCRIPT);
/** The data format this build writes (migrate): 3, reply counts count only replies still shown. */
const STORE_FORMAT = '3';
/** Keys deleted per UNLINK while purging a server. */
const PURGE_BATCH = 500;

/** A SCAN MATCH pattern for keys starting with `prefix` (glob characters in it taken literally). */
const globPrefix = (prefix: string): string => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toNumbers(reply: unknown): number[] {
  return Array.isArray(reply) ? reply.map((v) => Number(String(v))).filter(isCommentNumber) : [];
}

export class RedisCommentStore extends MutatingCommentStore implements CommentStore, SharesCooldowns {
  private readonly keyv: Keyv<Comment>;
  protected readonly keys: CommentKeys;
  private readonly locks = new KeyedMutex();
  private closed = false;

  /** `client` must be connected; the store owns it from now on and closes it in close(). */
  constructor(
    private readonly client: RedisClientType,
    options: RedisStoreOptions = {},
  ) {
    super();
    const adapter = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
    this.keyv = createCommentKeyv(adapter, options.logger);
    this.keys = new CommentKeys(options.keyPrefix);
  }

  /**
   * Fails fast when closed: the keyv adapter would otherwise silently reconnect a closed client.
   * (While the connection is down the client rejects commands at once: see the factory's
   * disableOfflineQueue.)
   */
  private async guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed || !this.client.isOpen) throw new StoreUnavailableError('Comment store is closed');
    try {
      return await fn();
    } catch (error) {
      throw asStoreError(error, action);
    }
  }

  private eval(s: Script, keys: string[], args: string[]): Promise<unknown> {
    return runScript(this.client, s, keys, args);
  }

  /** The comment cooldown, on this store's connection: shared by every process on this Redis (on its clock). */
  sharedCooldowns(): Cooldowns {
    return new RedisCooldowns(this.client, this.keys, (action, fn) => this.guard(action, fn));
  }

  private async serialize(comment: Comment): Promise<string> {
    const serialize = this.keyv.serialize;
    if (!serialize) throw new Error('keyv has no serializer');
    return serialize({ value: comment });
  }

  /** The raw stored value (for compare-and-set) and the comment it holds. */
  private async readRaw(
    guildId: string,
    number: number,
  ): Promise<{ raw: string; comment: Comment } | undefined> {
    if (!isCommentNumber(number)) return undefined;
    const raw = await this.client.get(this.keys.comment(guildId, number));
    if (raw === null) return undefined;
    const deserialize = this.keyv.deserialize;
    const data = deserialize ? await deserialize<Comment>(raw) : undefined;
    if (!data?.value) throw new Error(`Comment #${number} holds an unreadable value`);
    return { raw, comment: data.value };
  }

  /** Index keys a comment's listing state lives in, in the order both scripts expect. */
  private indexKeys(guildId: string, article: string, anchor: AnchorKey): string[] {
    const k = this.keys;
    return [
      k.byNumber(guildId, article),
      k.byVotes(guildId, article),
      k.byNumber(guildId, article, anchor),
      k.byVotes(guildId, article, anchor),
      k.anchorCounts(guildId, article),
      k.live(guildId),
      k.liveIn(guildId, article),
      k.articleCounts(guildId),
    ];
  }

  async add(guildId: string, draft: NewComment): Promise<Comment> {
    assertGuild(guildId);
    assertArticle(draft.articleId);
    return this.guard('add a comment', async () => {
      if (draft.parent === null) {
        const added = await this.insert(guildId, draft, undefined);
        if (!added) throw new Error('Redis refused a top-level comment');
        return added;
      }
      const parentNumber = draft.parent;
      return this.locks.run(this.keys.comment(guildId, parentNumber), async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const parent = await this.readRaw(guildId, parentNumber);
          if (!parent || parent.comment.deleted) throw new CommentNotFoundError(parentNumber);
          const added = await this.insert(guildId, draft, parent);
          if (added) return added;
          await pause(Math.random() * 5 * (attempt + 1));
        }
        throw new StoreUnavailableError(`Comment #${parentNumber} is too busy to reply to; try again`);
      });
    });
  }

  /** One ADD_SCRIPT call; undefined when the parent changed under us. */
  private async insert(
    guildId: string,
    draft: NewComment,
    parent: { raw: string; comment: Comment } | undefined,
  ): Promise<Comment | undefined> {
    const template = createComment(guildId, 0, draft, parent?.comment);
    const serialized = await this.serialize(template);
    // createComment puts `number` first, so the value is exactly head + number + tail.
    const head = '{"value":{"number":';
    if (!serialized.startsWith(`${head}0,`)) throw new Error('Unexpected keyv serialization');
    const tail = serialized.slice(head.length + 1);
    const keys = [
      this.keys.sequence(guildId),
      ...this.indexKeys(guildId, template.articleId, template.anchor),
    ];
    const args = [this.keys.commentPrefix(guildId), head, tail, template.anchor, template.articleId];
    if (parent) {
      keys.push(
        this.keys.comment(guildId, parent.comment.number),
        this.keys.thread(guildId, rootOf(template)),
      );
      args.push(parent.raw, await this.serialize(withReply(parent.comment)));
    }
    const number = Number(await this.eval(ADD, keys, args));
    if (number === 0) return undefined;
    if (!isCommentNumber(number)) throw new Error('Redis returned no comment number');
    return { ...template, number };
  }

  protected override change<R>(guildId: string, number: number, plan: Plan<R>): Promise<R> {
    assertGuild(guildId);
    return this.guard('update a comment', () =>
      this.locks.run(this.keys.comment(guildId, number), async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const current = await this.readRaw(guildId, number);
          if (!current) throw new CommentNotFoundError(number);
          // What each comment held when read: the script writes only if all still do.
          const raws = new Map<number, string>([[number, current.raw]]);
          const { changes, result } = await plan(current.comment, async (n) => {
            const read = await this.readRaw(guildId, n);
            if (read) raws.set(n, read.raw);
            return read?.comment;
          });
          if (changes.length === 0 || (await this.write(guildId, changes, raws))) return result;
          await pause(Math.random() * 5 * (attempt + 1));
        }
        throw new StoreUnavailableError(`Comment #${number} is too busy to change; try again`);
      }),
    );
  }

  /** One MUTATE_SCRIPT call for comments of one thread; false when one changed since it was read. */
  private async write(guildId: string, changes: Change[], raws: Map<number, string>): Promise<boolean> {
    const [first] = changes;
    if (!first) return true;
    const { articleId, anchor } = first.after;
    const keys = this.indexKeys(guildId, articleId, anchor);
    const args = [anchor, articleId];
    for (const { before, after } of changes) {
      const raw = raws.get(after.number);
      if (raw === undefined || after.articleId !== articleId || after.anchor !== anchor) {
        throw new Error(`Comment #${after.number} cannot be written with #${first.after.number}`);
      }
      keys.push(this.keys.comment(guildId, after.number));
      args.push(
        raw,
        await this.serialize(after),
        String(after.number),
        isListed(after) ? '1' : '0',
        String(voteScore(after)),
        String(Number(isVisible(after)) - Number(isVisible(before))),
        after.deleted ? '0' : '1',
      );
    }
    return Number(await this.eval(MUTATE, keys, args)) === 1;
  }

  protected override readRecord(guildId: string, key: string): Promise<string | undefined> {
    assertGuild(guildId);
    return this.guard('read moderation settings', async () => (await this.client.get(key)) ?? undefined);
  }

  protected override updateRecord(
    guildId: string,
    key: string,
    change: (current: string | undefined) => string,
  ): Promise<string> {
    assertGuild(guildId);
    return this.guard('save moderation settings', () =>
      this.locks.run(key, async () => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const current = await this.client.get(key);
          const next = change(current ?? undefined);
          const args = [current === null ? '0' : '1', current ?? '', next];
          if (Number(await this.eval(RECORD, [key], args)) === 1) return next;
          await pause(Math.random() * 5 * (attempt + 1));
        }
        throw new StoreUnavailableError('The moderation settings are too busy to change; try again');
      }),
    );
  }

  /** SCAN + UNLINK of every key under the server's prefix (a cluster keeps them in one slot). */
  purge(guildId: string): Promise<void> {
    assertGuild(guildId);
    const match = globPrefix(this.keys.guildPrefix(guildId));
    return this.guard('purge comments', async () => {
      let cursor = '0';
      do {
        const page = await this.client.scan(cursor, { MATCH: match, COUNT: PURGE_BATCH });
        cursor = String(page.cursor);
        if (page.keys.length > 0) await this.client.unlink(page.keys);
      } while (cursor !== '0');
    });
  }

  get(guildId: string, number: number): Promise<Comment | undefined> {
    assertGuild(guildId);
    return this.guard('read a comment', async () =>
      isCommentNumber(number) ? this.keyv.get<Comment>(this.keys.comment(guildId, number)) : undefined,
    );
  }

  private values(guildId: string, numbers: number[]): Promise<Comment[]> {
    return readValues(
      this.keyv,
      numbers.map((n) => this.keys.comment(guildId, n)),
    );
  }

  list(guildId: string, query: ListQuery): Promise<ListPage> {
    assertGuild(guildId);
    const { offset, limit } = normalisePage(query);
    return this.guard('list comments', async () => {
      const counted = this.keys.byNumber(guildId, query.article, query.anchor);
      const ordered =
        query.sort === 'top' ? this.keys.byVotes(guildId, query.article, query.anchor) : counted;
      // One MULTI so the total and the page come from the same moment.
      const [total, page] = await this.client
        .multi()
        .zCard(counted)
        .zRange(ordered, offset, offset + Math.max(0, limit - 1), { REV: query.sort !== 'oldest' })
        .exec();
      const numbers = limit === 0 ? [] : toNumbers(page);
      return { items: await this.values(guildId, numbers), total: Number(total ?? 0) };
    });
  }

  thread(guildId: string, root: number): Promise<Comment[]> {
    assertGuild(guildId);
    return this.guard('read a thread', async () => {
      if (!isCommentNumber(root)) return [];
      const head = await this.keyv.get<Comment>(this.keys.comment(guildId, root));
      if (!head) return [];
      const numbers = toNumbers(
        await this.client.zRange(this.keys.thread(guildId, rootOf(head)), `(${root}`, '+inf', {
          BY: 'SCORE',
        }),
      );
      return threadOf(head, await this.values(guildId, numbers));
    });
  }

  countByAnchor(guildId: string, article: string, anchors: AnchorKey[]): Promise<Map<AnchorKey, number>> {
    assertGuild(guildId);
    return this.guard('count comments', async () => {
      const counts = new Map<AnchorKey, number>(anchors.map((a) => [a, 0]));
      if (anchors.length === 0) return counts;
      const values = await this.client.hmGet(this.keys.anchorCounts(guildId, article), anchors);
      anchors.forEach((anchor, i) => {
        const v = values[i];
        counts.set(anchor, v === null || v === undefined ? 0 : Number(v));
      });
      return counts;
    });
  }

  countByArticle(guildId: string): Promise<Map<string, number>> {
    assertGuild(guildId);
    return this.guard('count comments', async () => {
      const counts = new Map<string, number>();
      const all = await this.client.hGetAll(this.keys.articleCounts(guildId));
      for (const [article, value] of Object.entries(all))
        if (Number(value) > 0) counts.set(article, Number(value));
      return counts;
    });
  }

  recent(guildId: string, limit: number, article?: string): Promise<Comment[]> {
    assertGuild(guildId);
    const { limit: n } = normalisePage({ offset: 0, limit });
    const live = article === undefined ? this.keys.live(guildId) : this.keys.liveIn(guildId, article);
    return this.guard('read recent comments', async () => {
      if (n === 0) return [];
      const numbers = toNumbers(await this.client.zRange(live, 0, n - 1, { REV: true }));
      return this.values(guildId, numbers);
    });
  }

  currentArticle(guildId: string): Promise<string | undefined> {
    assertGuild(guildId);
    return this.guard('read the current article', async () => {
      const value = await this.client.get(this.keys.currentArticle(guildId));
      return value ?? undefined;
    });
  }

  setCurrentArticle(guildId: string, articleId: string): Promise<void> {
    assertGuild(guildId);
    assertArticle(articleId);
    return this.guard('choose the current article', async () => {
      await this.client.set(this.keys.currentArticle(guildId), articleId);
    });
  }

  exportBatch(guildId: string, after: number, limit: number): Promise<Comment[]> {
    assertGuild(guildId);
    const { start, size } = exportWindow(after, limit);
    return this.guard('export comments', async () => {
      // Numbers come from INCR inside the script that stores the value, so 1..last has no holes.
      const last = Number((await this.client.get(this.keys.sequence(guildId))) ?? 0);
      const numbers: number[] = [];
      for (let n = start; n <= last && numbers.length < size; n++) numbers.push(n);
      return this.values(guildId, numbers);
    });
  }

  /**
   * Format 1 → 2 → 3, once (see LegacyComments in store.ts): every server whose comments predate
   * articles gets them attributed to `legacyArticle`, server by server, each atomically; then every
   * server's reply counts are recounted (format 3: only replies still shown count). Afterwards a key
   * records that the whole store is done, so later starts skip the scan.
   */
  migrate(legacyArticle: string | undefined): Promise<MigrationReport> {
    return this.guard('migrate comments to articles', async () => {
      const report: MigrationReport = { servers: 0, comments: 0 };
      const format = await this.client.get(this.keys.storeFormat());
      if (format === STORE_FORMAT) return report;
      for await (const batch of this.client.scanIterator({
        MATCH: this.keys.sequencePattern(),
        COUNT: 500,
      })) {
        for (const key of batch) {
          const guildId = this.keys.guildOfSequence(key);
          if (guildId === undefined) continue;
          const moved = format === '2' ? 0 : await this.migrateGuild(guildId, legacyArticle);
          if (moved > 0) {
            report.servers++;
            report.comments += moved;
          }
          await this.recountReplies(guildId);
        }
      }
      await this.client.set(this.keys.storeFormat(), STORE_FORMAT);
      return report;
    });
  }

  /** Every stored comment of a server, with the raw value it was read from. */
  private async readAll(guildId: string): Promise<{ key: string; raw: string; comment: Comment }[]> {
    const last = Number((await this.client.get(this.keys.sequence(guildId))) ?? 0);
    const out: { key: string; raw: string; comment: Comment }[] = [];
    for (let from = 1; from <= last; from += FETCH_BATCH) {
      const keys: string[] = [];
      for (let n = from; n < from + FETCH_BATCH && n <= last; n++) keys.push(this.keys.comment(guildId, n));
      const raws = await this.client.mGet(keys);
      for (const [i, raw] of raws.entries()) {
        const key = keys[i];
        if (raw === null || key === undefined) continue;
        const comment = (await this.keyv.deserialize?.<Comment>(raw))?.value;
        if (comment) out.push({ key, raw, comment });
      }
    }
    return out;
  }

  /**
   * Format 2 → 3 for one server: reply counts written before counted deleted replies too. Each wrong
   * count is compare-and-set (with its listing state) against the value the recount read; if any
   * comment changed meanwhile (a write, or another process recounting), the server is read again.
   * Recounting a recounted server changes nothing.
   */
  private async recountReplies(guildId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const all = await this.readAll(guildId);
      const counts = shownReplyCounts(all.map((r) => r.comment));
      let settled = true;
      for (const { raw, comment } of all) {
        const count = counts.get(comment.number) ?? 0;
        if (count === comment.replyCount) continue;
        const change = { before: comment, after: { ...comment, replyCount: count } };
        if (!(await this.write(guildId, [change], new Map([[comment.number, raw]])))) settled = false;
      }
      if (settled) return;
      await pause(Math.random() * 5 * (attempt + 1));
    }
    throw new StoreUnavailableError('The reply counts are too busy to recount; try again');
  }

  /**
   * One server: reads every comment, and in one MULTI (skipped if another process finished first:
   * WATCH on the format key) writes the article into each old comment, drops the server-wide indexes
   * of format 1 and builds the article's indexes from the comments themselves.
   */
  private async migrateGuild(guildId: string, legacyArticle: string | undefined): Promise<number> {
    const k = this.keys;
    const legacy = k.legacy(guildId);
    const format = k.format(guildId);
    await this.client.watch(format);
    try {
      if ((await this.client.get(format)) === '2') return 0;
      const old = (await this.readAll(guildId)).filter((r) => r.comment.articleId === undefined);
      const multi = this.client.multi();
      if (old.length > 0) {
        if (legacyArticle === undefined) throw new LegacyArticleUnknownError();
        const article = legacyArticle;
        const anchors = await this.client.hKeys(legacy.anchorCounts);
        multi.del([
          legacy.byNumber(),
          legacy.byVotes(),
          legacy.anchorCounts,
          ...anchors.flatMap((a) => [legacy.byNumber(a), legacy.byVotes(a)]),
        ]);
        const head = '{"value":{';
        const member = `${JSON.stringify('articleId')}:${JSON.stringify(article)},`;
        const visible = new Map<AnchorKey, number>();
        for (const { key, raw, comment } of old) {
          if (!raw.startsWith(head)) throw new Error(`${key} holds an unexpected value`);
          multi.set(key, `${head}${member}${raw.slice(head.length)}`);
          const c = { ...comment, articleId: article };
          const n = String(c.number);
          if (isListed(c)) {
            const score = voteScore(c);
            multi.zAdd(k.byNumber(guildId, article), { score: c.number, value: n });
            multi.zAdd(k.byVotes(guildId, article), { score, value: n });
            multi.zAdd(k.byNumber(guildId, article, c.anchor), { score: c.number, value: n });
            multi.zAdd(k.byVotes(guildId, article, c.anchor), { score, value: n });
          }
          if (isVisible(c)) visible.set(c.anchor, (visible.get(c.anchor) ?? 0) + 1);
          if (!c.deleted) multi.zAdd(k.liveIn(guildId, article), { score: c.number, value: n });
        }
        let total = 0;
        for (const [anchor, count] of visible) {
          multi.hSet(k.anchorCounts(guildId, article), anchor, count);
          total += count;
        }
        multi.hSet(k.articleCounts(guildId), article, total);
        multi.set(k.currentArticle(guildId), article, { NX: true });
      }
      multi.set(format, '2');
      try {
        await multi.exec();
      } catch (error) {
        // Another process migrated this server meanwhile: the WATCH saw its format key change.
        if ((await this.client.get(format)) === '2') return 0;
        throw error;
      }
      return old.length;
    } finally {
      await this.client.unwatch().catch(() => undefined);
    }
  }

  async ping(): Promise<void> {
    await this.guard('reach Redis', () => this.client.ping());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.isOpen) await this.client.close();
  }
}
