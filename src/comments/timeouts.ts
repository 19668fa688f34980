/**
 * Every comment-store call with a deadline, as a decorator around any backend: a store that hangs
 * (Redis paused, a SQLite lock held elsewhere) fails like a dead one — StoreTimeoutError, answered
 * "Comments are unavailable right now" — instead of holding up the interaction. Nothing is cancelled:
 * a late call still finishes in the background, so the next call works as soon as the backend does.
 */
import type { StoreTimeouts } from '../config.js';
import type { Cooldowns } from './cooldown.js';
import type { AnchorKey, Comment } from './domain.js';
import { StoreUnavailableError } from './errors.js';
import { STORE_UNCONFIRMED } from './messages.js';
import type { CommentStore } from './store.js';

/** The store did not answer in time. A write may still complete once the backend recovers. */
export class StoreTimeoutError extends StoreUnavailableError {
  constructor(
    readonly action: string,
    readonly ms: number,
    readonly write: boolean,
  ) {
    super(`Comment store did not answer within ${ms} ms to ${action}`);
    this.name = 'StoreTimeoutError';
  }

  /** A write not confirmed in time may still be applied when the store recovers. */
  override replyText(): string {
    return this.write ? STORE_UNCONFIRMED : super.replyText();
  }
}

/**
 * `work`, or StoreTimeoutError after `ms`. When the timer fires, answers that already arrived get
 * one more turn of the event loop (setImmediate runs after pending I/O callbacks), so a process that
 * was merely stalled does not report a store that had answered in time as hung.
 */
export function withDeadline<T>(
  run: () => Promise<T>,
  ms: number,
  action: string,
  write = false,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A backend that throws before returning a promise (a bad guild id) rejects like any other error.
    const work = (async () => run())();
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new StoreTimeoutError(action, ms, write));
      });
    }, ms);
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Each batch of an export gets its own deadline: a long export is fine, a stuck batch is not. */
function exportWithDeadline(source: AsyncIterable<Comment>, ms: number): AsyncIterable<Comment> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        next: () => withDeadline(() => it.next(), ms, 'export comments'),
        return: async (value?: unknown) => {
          // Closing a generator that is still awaiting a hung backend would wait with it: don't.
          void it.return?.(value).catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** A purge may take this many write deadlines. */
const PURGE_TIME_FACTOR = 10;

/** `inner` with a deadline on every call. */
export function withStoreTimeouts(inner: CommentStore, t: StoreTimeouts): CommentStore {
  const write = <R>(action: string, run: () => Promise<R>) => withDeadline(run, t.writeMs, action, true);
  const read = <R>(action: string, run: () => Promise<R>) => withDeadline(run, t.readMs, action);
  return {
    add: (g, draft) => write('add a comment', () => inner.add(g, draft)),
    edit: (g, n, text, at) => write('edit a comment', () => inner.edit(g, n, text, at)),
    remove: (g, n) => write('delete a comment', () => inner.remove(g, n)),
    toggleVote: (g, n, user) => write('record a vote', () => inner.toggleVote(g, n, user)),
    flag: (g, n, user, threshold) => write('flag a comment', () => inner.flag(g, n, user, threshold)),
    restore: (g, n) => write('restore a comment', () => inner.restore(g, n)),
    get: (g, n) => read('read a comment', () => inner.get(g, n)),
    list: (g, query) => read('list comments', () => inner.list(g, query)),
    thread: (g, root) => read('read a thread', () => inner.thread(g, root)),
    recent: (g, limit, article) => read('read recent comments', () => inner.recent(g, limit, article)),
    countByAnchor: (g, article, anchors: AnchorKey[]) =>
      withDeadline(() => inner.countByAnchor(g, article, anchors), t.countMs, 'count comments'),
    countByArticle: (g) => read('count comments', () => inner.countByArticle(g)),
    // Every article command asks first: it gets the short deadline, and answers about the default after it.
    currentArticle: (g) =>
      withDeadline(() => inner.currentArticle(g), t.countMs, "read the server's article"),
    setCurrentArticle: (g, article) =>
      write("choose the server's article", () => inner.setCurrentArticle(g, article)),
    exportAll: (g) => exportWithDeadline(inner.exportAll(g), t.readMs),
    exportBatch: (g, after, limit) => read('export comments', () => inner.exportBatch(g, after, limit)),
    addCard: (g, n, ref) => write('remember a card', () => inner.addCard(g, n, ref)),
    moderation: (g) => read('read moderation settings', () => inner.moderation(g)),
    updateModeration: (g, change) =>
      write('save moderation settings', () => inner.updateModeration(g, change)),
    // Deleting a whole server's comments is one long write (a SCAN on Redis): it gets more time.
    purge: (g) => withDeadline(() => inner.purge(g), t.writeMs * PURGE_TIME_FACTOR, 'purge comments', true),
    ping: () => read('reach the comment store', () => inner.ping()),
    close: () => inner.close(),
  };
}

/**
 * The cooldown with the same deadlines (it lives in the comment store on Redis). A claim that times
 * out is answered as "unavailable", not "may still be saved": nothing was written but, at worst, a
 * wait that expires by itself.
 */
export function withCooldownTimeouts(inner: Cooldowns, t: StoreTimeouts): Cooldowns {
  return {
    take: (g, user, seconds) =>
      withDeadline(() => inner.take(g, user, seconds), t.writeMs, 'claim the comment cooldown'),
    remaining: (g, user) =>
      withDeadline(() => inner.remaining(g, user), t.readMs, 'read the comment cooldown'),
    release: (g, user, token) =>
      withDeadline(() => inner.release(g, user, token), t.writeMs, 'give back the comment cooldown'),
  };
}
