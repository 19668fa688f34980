/**
 * In-process store for tests, the sandbox and benchmarks. Comments are keyv values (a Map by default);
 * the indexes are in-memory sorted lists updated only after the values were written, so a failed
 * write leaves no index entry behind. One mutex per server serializes its writes.
 */
import { Mutex } from 'async-mutex';
import type { Keyv, KeyvStoreAdapter } from 'keyv';
import { MutatingCommentStore } from './base-store.js';
import type { AnchorKey, Comment, NewComment } from './domain.js';
import { asStoreError, CommentNotFoundError, StoreUnavailableError } from './errors.js';
import { CommentKeys } from './keys.js';
import {
  assertArticle,
  assertGuild,
  createComment,
  exportWindow,
  isCommentNumber,
  isListed,
  isVisible,
  normalisePage,
  type Plan,
  rootOf,
  threadOf,
  voteScore,
  withReply,
} from './model.js';
import { SortedList } from './sorted-list.js';
import type { CommentStore, ListPage, ListQuery } from './store.js';
import { createCommentKeyv, readValues } from './values.js';

class Listing {
  readonly byNumber = new SortedList<number>((a, b) => a - b);
  /**
   * Vote scores (see voteScore); the number is the low 32 bits. Ascending, read from the end: new
   * comments then land near the end (only voted ones after them), so insertion moves little.
   */
  readonly byVotes = new SortedList<number>((a, b) => a - b);
}

/** One article's listings and counts within a server. */
class ArticleIndex {
  readonly all = new Listing();
  readonly anchors = new Map<AnchorKey, Listing>();
  readonly visible = new Map<AnchorKey, number>();
  readonly live = new SortedList<number>((a, b) => a - b);
  visibleTotal = 0;

  anchor(anchor: AnchorKey): Listing {
    let listing = this.anchors.get(anchor);
    if (!listing) {
      listing = new Listing();
      this.anchors.set(anchor, listing);
    }
    return listing;
  }
}

class GuildIndex {
  last = 0;
  current: string | undefined;
  readonly articles = new Map<string, ArticleIndex>();
  /** Current vote score of each listed comment, to find it again in byVotes. */
  readonly scores = new Map<number, number>();
  readonly replies = new Map<number, number[]>();
  readonly live = new SortedList<number>((a, b) => a - b);
  readonly lock = new Mutex();

  article(id: string): ArticleIndex {
    let index = this.articles.get(id);
    if (!index) {
      index = new ArticleIndex();
      this.articles.set(id, index);
    }
    return index;
  }

  /** Moves one comment from its old index state to its new one. */
  apply(before: Comment | undefined, after: Comment): void {
    const n = after.number;
    const article = this.article(after.articleId);
    const listings = [article.all, article.anchor(after.anchor)];
    const oldScore = this.scores.get(n);
    if (before && isListed(before) && oldScore !== undefined) {
      for (const l of listings) {
        l.byNumber.delete(n);
        l.byVotes.delete(oldScore);
      }
      this.scores.delete(n);
    }
    if (isListed(after)) {
      const score = voteScore(after);
      for (const l of listings) {
        l.byNumber.add(n);
        l.byVotes.add(score);
      }
      this.scores.set(n, score);
    }
    const delta = Number(isVisible(after)) - Number(before ? isVisible(before) : false);
    if (delta !== 0) {
      article.visible.set(after.anchor, (article.visible.get(after.anchor) ?? 0) + delta);
      article.visibleTotal += delta;
    }
    for (const live of [this.live, article.live]) {
      if (after.deleted) live.delete(n);
      else live.add(n);
    }
    if (!before && after.parent !== null) {
      const root = rootOf(after);
      const list = this.replies.get(root) ?? [];
      list.push(n);
      this.replies.set(root, list);
    }
  }
}

export interface MemoryStoreOptions {
  /** keyv storage adapter; a fresh Map by default. Tests pass a failing one. */
  store?: KeyvStoreAdapter | Map<string, unknown>;
  keyPrefix?: string;
}

export class MemoryCommentStore extends MutatingCommentStore implements CommentStore {
  private readonly keyv: Keyv<Comment>;
  protected readonly keys: CommentKeys;
  private readonly guilds = new Map<string, GuildIndex>();
  /** Per-server records (settings), as the JSON the other backends store. */
  private readonly records = new Map<string, string>();
  private closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    super();
    this.keyv = createCommentKeyv(options.store ?? new Map<string, unknown>());
    this.keys = new CommentKeys(options.keyPrefix);
  }

  private index(guildId: string): GuildIndex {
    assertGuild(guildId);
    if (this.closed) throw new StoreUnavailableError('Comment store is closed');
    let idx = this.guilds.get(guildId);
    if (!idx) {
      idx = new GuildIndex();
      this.guilds.set(guildId, idx);
    }
    return idx;
  }

  private async read(idx: GuildIndex, guildId: string, number: number): Promise<Comment | undefined> {
    // Numbers above `last` may hold the value of a write that failed half-way: not a comment.
    if (!isCommentNumber(number) || number > idx.last) return undefined;
    return this.keyv.get<Comment>(this.keys.comment(guildId, number));
  }

  private async values(guildId: string, numbers: number[]): Promise<Comment[]> {
    return readValues(
      this.keyv,
      numbers.map((n) => this.keys.comment(guildId, n)),
    );
  }

  async add(guildId: string, draft: NewComment): Promise<Comment> {
    const idx = this.index(guildId);
    assertArticle(draft.articleId);
    return idx.lock.runExclusive(async () => {
      try {
        let parent: Comment | undefined;
        if (draft.parent !== null) {
          parent = await this.read(idx, guildId, draft.parent);
          if (!parent || parent.deleted) throw new CommentNotFoundError(draft.parent);
        }
        const comment = createComment(guildId, idx.last + 1, draft, parent);
        // Values first; the number and indexes are only committed once both writes succeeded.
        await this.keyv.set(this.keys.comment(guildId, comment.number), comment);
        if (parent) await this.keyv.set(this.keys.comment(guildId, parent.number), withReply(parent));
        idx.last = comment.number;
        idx.apply(undefined, comment);
        return comment;
      } catch (error) {
        throw asStoreError(error, 'add a comment');
      }
    });
  }

  protected override async change<R>(guildId: string, number: number, plan: Plan<R>): Promise<R> {
    const idx = this.index(guildId);
    return idx.lock.runExclusive(async () => {
      try {
        const current = await this.read(idx, guildId, number);
        if (!current) throw new CommentNotFoundError(number);
        const { changes, result } = await plan(current, (n) => this.read(idx, guildId, n));
        // Values first; the indexes follow once every value is written.
        for (const { after } of changes) await this.keyv.set(this.keys.comment(guildId, after.number), after);
        for (const { before, after } of changes) idx.apply(before, after);
        return result;
      } catch (error) {
        throw asStoreError(error, 'update a comment');
      }
    });
  }

  protected override async readRecord(guildId: string, key: string): Promise<string | undefined> {
    this.index(guildId);
    return this.records.get(key);
  }

  protected override async updateRecord(
    guildId: string,
    key: string,
    change: (current: string | undefined) => string,
  ): Promise<string> {
    const idx = this.index(guildId);
    return idx.lock.runExclusive(() => {
      const next = change(this.records.get(key));
      this.records.set(key, next);
      return next;
    });
  }

  async purge(guildId: string): Promise<void> {
    const idx = this.index(guildId);
    await idx.lock.runExclusive(async () => {
      try {
        for (let n = 1; n <= idx.last; n++) await this.keyv.delete(this.keys.comment(guildId, n));
      } catch (error) {
        throw asStoreError(error, 'purge comments');
      }
      const prefix = this.keys.guildPrefix(guildId);
      for (const key of [...this.records.keys()]) if (key.startsWith(prefix)) this.records.delete(key);
      this.guilds.delete(guildId);
    });
  }

  async get(guildId: string, number: number): Promise<Comment | undefined> {
    const idx = this.index(guildId);
    try {
      return await this.read(idx, guildId, number);
    } catch (error) {
      throw asStoreError(error, 'read a comment');
    }
  }

  async list(guildId: string, query: ListQuery): Promise<ListPage> {
    const idx = this.index(guildId);
    const { offset, limit } = normalisePage(query);
    const article = idx.articles.get(query.article);
    const listing = query.anchor === undefined ? article?.all : article?.anchors.get(query.anchor);
    if (!listing) return { items: [], total: 0 };
    const numbers =
      query.sort === 'top'
        ? listing.byVotes.page(offset, limit, true).map((score) => score % 2 ** 32)
        : listing.byNumber.page(offset, limit, query.sort === 'newest');
    try {
      return { items: await this.values(guildId, numbers), total: listing.byNumber.size };
    } catch (error) {
      throw asStoreError(error, 'list comments');
    }
  }

  async thread(guildId: string, root: number): Promise<Comment[]> {
    const idx = this.index(guildId);
    try {
      const head = await this.read(idx, guildId, root);
      if (!head) return [];
      const replies = idx.replies.get(rootOf(head)) ?? [];
      const numbers = replies.filter((n) => n > root);
      return threadOf(head, await this.values(guildId, numbers));
    } catch (error) {
      throw asStoreError(error, 'read a thread');
    }
  }

  async countByAnchor(
    guildId: string,
    article: string,
    anchors: AnchorKey[],
  ): Promise<Map<AnchorKey, number>> {
    const visible = this.index(guildId).articles.get(article)?.visible;
    return new Map(anchors.map((a) => [a, visible?.get(a) ?? 0]));
  }

  async countByArticle(guildId: string): Promise<Map<string, number>> {
    const idx = this.index(guildId);
    const counts = new Map<string, number>();
    for (const [id, article] of idx.articles)
      if (article.visibleTotal > 0) counts.set(id, article.visibleTotal);
    return counts;
  }

  async recent(guildId: string, limit: number, article?: string): Promise<Comment[]> {
    const idx = this.index(guildId);
    const { limit: n } = normalisePage({ offset: 0, limit });
    const live = article === undefined ? idx.live : idx.articles.get(article)?.live;
    try {
      return await this.values(guildId, live?.page(0, n, true) ?? []);
    } catch (error) {
      throw asStoreError(error, 'read recent comments');
    }
  }

  async exportBatch(guildId: string, after: number, limit: number): Promise<Comment[]> {
    const idx = this.index(guildId);
    const { start, size } = exportWindow(after, limit);
    const numbers: number[] = [];
    for (let n = start; n <= idx.last && numbers.length < size; n++) numbers.push(n);
    try {
      return await this.values(guildId, numbers);
    } catch (error) {
      throw asStoreError(error, 'export comments');
    }
  }

  async currentArticle(guildId: string): Promise<string | undefined> {
    return this.index(guildId).current;
  }

  async setCurrentArticle(guildId: string, articleId: string): Promise<void> {
    assertArticle(articleId);
    this.index(guildId).current = articleId;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('Comment store is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
