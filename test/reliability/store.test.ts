/**
 * The comment store failing under the running bot: Redis killed and restarted, a SQLite file locked by
 * another connection, a SQLite file the kernel refuses to write (chattr +i: real EPERM even for root),
 * read-only at start-up, and injected driver errors. Comments get a clear "unavailable" answer, the
 * article commands keep answering, nothing acknowledged is lost, and comments work again afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { manualClock, startEmulator } from '@parley/discord-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreConfigError } from '../../src/comments/errors.js';
import { createCommentStore } from '../../src/comments/factory.js';
import { STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import { SqliteCommentStore } from '../../src/comments/sqlite-store.js';
import type { CommentStore } from '../../src/comments/store.js';
import { loadConfig } from '../../src/config.js';
import { IdentifyBackoff } from '../../src/discord/client.js';
import { isFatalStartError, startWithRetry } from '../../src/process.js';
import { type RunningBot, startBot } from '../../src/start.js';
import { expectConsistent } from '../comments/helpers.js';
import { loadMainArticle } from '../helpers/articles.js';
import {
  chattrWorks,
  immutable,
  integrity,
  lockDatabase,
  type RestartableRedis,
  redisInstalled,
  restartableRedis,
} from './servers.js';
import {
  allComments,
  captureLogs,
  cardNumber,
  complete,
  eventually,
  expectEveryInteractionAnswered,
  privateText,
  type Rig,
  startRig,
  TEST_IDENTIFY,
} from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-rel-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const canChattr = chattrWorks(dir);

/** What a member sees for each kind of command while the store is down, and what must still work. */
async function expectCommentsDownArticleUp(rig: Rig, text: string): Promise<void> {
  const add = await rig.run('ana', 'comment add', { text });
  expect(privateText(add)).toBe(STORE_UNAVAILABLE);
  expect(cardNumber(add)).toBeUndefined();
  const who = await rig.run('ben', 'who', { name: 'Chase' });
  expect(who.message?.embeds[0]?.title).toContain('Michael Chase');
  expect(who.message?.ephemeral).toBe(false);
}

/** Adds a comment; returns its number if the member got a card. */
async function tryAdd(rig: Rig, user: string, text: string): Promise<number | undefined> {
  return cardNumber(await rig.run(user, 'comment add', { text }));
}

describe.skipIf(!redisInstalled())('Redis stopped and restarted mid-run', () => {
  let redis: RestartableRedis;
  let store: CommentStore;
  let rig: Rig;
  beforeAll(async () => {
    redis = await restartableRedis();
    const logs = captureLogs();
    store = await createCommentStore(redis.url, {
      keyPrefix: `rel-${randomUUID().slice(0, 8)}`,
      logger: logs.logger,
    });
    rig = await startRig({ comments: store, autoDeferMs: 50, logs });
  });
  afterAll(async () => {
    await rig?.close();
    await store?.close();
    await redis?.dispose();
  });

  it('while down: /comment is "unavailable", /who answers; after the restart nothing acknowledged is lost', async () => {
    const acked = new Map<number, string>();
    for (const text of ['before one', 'before two', 'before three']) {
      const n = await tryAdd(rig, 'ana', text);
      if (n !== undefined) acked.set(n, text);
    }
    expect([...acked.keys()]).toEqual([1, 2, 3]);

    await redis.kill();
    await expectCommentsDownArticleUp(rig, 'while redis is down');
    const list = await rig.run('ben', 'comment list');
    expect(privateText(list)).toBe(STORE_UNAVAILABLE);
    // Autocomplete that needs the store degrades to no suggestions, never an error.
    const choices = await rig.emu.autocomplete({
      user: 'ana',
      guild: 'main',
      name: 'comment reply',
      focused: 'id',
      options: { id: '' },
    });
    expect(choices).toEqual([]);
    expect(rig.logs.messages('warn')).toContain('redis connection error');

    await redis.start();
    const n = await eventually(
      () => tryAdd(rig, 'ben', 'after the restart'),
      20_000,
      'comments after restart',
    );
    // Numbers are allocated inside the write: failed attempts burned none.
    expect(n).toBe(4);
    const stored = await allComments(store, rig.emu.guild('main').id);
    for (const [number, text] of acked) expect(stored.find((c) => c.number === number)?.text).toBe(text);
    expect(stored.map((c) => c.text)).not.toContain('while redis is down');
    await expectConsistent(store, rig.emu.guild('main').id);
    expect(rig.logs.messages('info')).toContain('redis connection restored');
    expectEveryInteractionAnswered(rig.emu);
  });
});

describe('SQLite locked by another connection (BEGIN EXCLUSIVE)', () => {
  let file: string;
  let store: SqliteCommentStore;
  let rig: Rig;
  beforeAll(async () => {
    file = join(dir, 'locked.sqlite');
    // The production class with a 1.5 s busy timeout instead of 10 s, to keep the test short.
    store = await SqliteCommentStore.open(file, { busyTimeoutMs: 1_500 });
    rig = await startRig({ comments: store, autoDeferMs: 50 });
  });
  afterAll(async () => {
    await rig?.close();
    await store?.close();
  });

  it('a lock held past the busy timeout: the write is deferred, then answered "unavailable"; reads still work', async () => {
    expect(await tryAdd(rig, 'ana', 'first')).toBe(1);
    const lock = await lockDatabase(file);
    try {
      const add = await rig.run('ana', 'comment add', { text: 'blocked' }, { timeoutMs: 15_000 });
      expect(add.type).toBe(5); // deferred while waiting for the lock
      expect(add.message?.deleted).toBe(true);
      await add.waitForFollowUps(1, 10_000);
      expect(privateText(add)).toBe(STORE_UNAVAILABLE);
      // WAL: readers are not blocked by the writer's lock.
      const list = await rig.run('ben', 'comment list');
      expect(list.message?.embeds[0]?.title).toMatch(/comments/i);
      const who = await rig.run('ben', 'who', { name: 'Song' });
      expect(who.message?.embeds[0]?.title).toContain('Song Yanchao');
    } finally {
      await lock.release();
    }
    expect(await tryAdd(rig, 'ana', 'after the lock')).toBe(2);
    expectEveryInteractionAnswered(rig.emu);
  });

  it('a lock released while the write waits: the comment lands after the defer', async () => {
    const lock = await lockDatabase(file);
    let released = false;
    try {
      const result = await rig.run('ben', 'comment add', { text: 'waited for the lock' }, { wait: false });
      await result.waitFor((r) => r.type === 5, 10_000, 'the auto-defer');
      await lock.release();
      released = true;
      await result.waitFor((r) => r.record.settled, 15_000, 'the card');
      expect(result.message?.embeds[0]?.description).toBe('waited for the lock');
    } finally {
      if (!released) await lock.release();
    }
    expectEveryInteractionAnswered(rig.emu);
    expect(await integrity(file)).toBe('ok');
  });
});

describe.skipIf(!canChattr)('SQLite the kernel will not write (chattr +i; real EPERM, also for root)', () => {
  let file: string;
  let store: CommentStore;
  let rig: Rig;
  beforeAll(async () => {
    file = join(dir, 'immutable.sqlite');
    store = await createCommentStore(`sqlite://${file}`);
    rig = await startRig({ comments: store, autoDeferMs: 50 });
  });
  afterAll(async () => {
    immutable([file, `${file}-wal`], false);
    await rig?.close();
    await store?.close();
  });

  it('made read-only mid-run: writes are "unavailable", reads and /who work; writable again, comments resume', async () => {
    expect(await tryAdd(rig, 'ana', 'one')).toBe(1);
    expect(await tryAdd(rig, 'ana', 'two')).toBe(2);
    immutable([file, `${file}-wal`], true);
    try {
      await expectCommentsDownArticleUp(rig, 'refused by the kernel');
      const thread = await rig.run('ben', 'comment thread', { id: '#1' });
      expect(thread.message?.embeds[0]?.description ?? '').toContain('one');
    } finally {
      immutable([file, `${file}-wal`], false);
    }
    expect(await tryAdd(rig, 'ben', 'three')).toBe(3);
    const texts = (await allComments(store, rig.emu.guild('main').id)).map((c) => c.text);
    expect(texts).toEqual(['one', 'two', 'three']);
    expect(rig.logs.messages('error')).toContain('comment store unavailable');
    expectEveryInteractionAnswered(rig.emu);
    expect(await integrity(file)).toBe('ok');
  });

  it('read-only at start-up: a permanent error (exit 78 in npm start), not retried; it opens once writable', async () => {
    const roFile = join(dir, 'readonly-at-start.sqlite');
    const seed = await createCommentStore(`sqlite://${roFile}`);
    await seed.close();
    immutable([roFile], true);
    const emu = await startEmulator({ now: manualClock().now, replyTimeoutMs: 15_000 });
    const logs = captureLogs();
    const config = {
      ...loadConfig({}),
      token: emu.token,
      apiUrl: emu.apiUrl,
      databaseUrl: `sqlite://${roFile}`,
    };
    const article = await loadMainArticle();
    let bot: RunningBot | undefined;
    const start = () =>
      startBot(config, { article, logger: logs.logger, identify: new IdentifyBackoff(TEST_IDENTIFY) });
    try {
      const error = await startWithRetry(start, logs.logger, { policy: { baseMs: 100, maxMs: 200 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreConfigError);
      expect(isFatalStartError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/readonly/i);
      expect(logs.messages('warn')).not.toContain('start-up failed; retrying after a backoff');
      immutable([roFile], false);
      bot = await start();
      emu.registerCommands([...bot.commands.values()].map((c) => c.data.toJSON()));
      const add = await emu.command({
        user: 'ana',
        guild: 'main',
        name: 'comment add',
        options: { text: 'ok now' },
      });
      expect(add.message?.embeds[0]?.title).toMatch(/^#1 · /);
    } finally {
      immutable([roFile], false);
      await bot?.stop(200);
      await emu.close();
    }
  });
});

describe('injected driver errors (simulated: the SQLite adapter throws SQLITE_IOERR)', () => {
  let adapter: KeyvSqlite;
  let store: SqliteCommentStore;
  let rig: Rig;
  const file = () => join(dir, 'injected.sqlite');
  const isWrite = (sql: unknown) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(String(sql));
  const isRead = (sql: unknown) => /^\s*SELECT\b/i.test(String(sql));

  beforeAll(async () => {
    adapter = new KeyvSqlite({ uri: `sqlite://${file()}` });
    store = await SqliteCommentStore.fromAdapter(adapter);
    rig = await startRig({ comments: store, autoDeferMs: 50 });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await rig?.close();
    await store?.close();
  });

  /** Makes the adapter's statements matching `which` fail, the others run. */
  function inject(which: (sql: unknown) => boolean): void {
    const real = adapter.query.bind(adapter);
    vi.spyOn(adapter, 'query').mockImplementation(async (sql: string, ...params: unknown[]) => {
      if (which(sql)) throw new Error('SQLITE_IOERR: disk I/O error');
      return real(sql, ...params);
    });
  }

  it('write errors: every change is refused clearly, nothing half-written; then everything works again', async () => {
    const first = await rig.run('ana', 'comment add', { text: 'kept' });
    const card = first.message;
    if (!card) throw new Error('no card');
    inject(isWrite);
    await expectCommentsDownArticleUp(rig, 'lost write');
    const reply = await rig.run('ben', 'comment reply', { id: '#1', text: 'lost reply' });
    expect(privateText(reply)).toBe(STORE_UNAVAILABLE);
    const vote = await complete(rig.emu.click(card, { user: 'ben', label: '👍 0' }));
    expect(privateText(vote)).toBe(STORE_UNAVAILABLE);
    expect(JSON.stringify(rig.emu.message(card.id)?.components)).toContain('👍 0');
    const edit = await rig.run('ana', 'comment edit', { id: '#1', text: 'lost edit' });
    expect(privateText(edit)).toBe(STORE_UNAVAILABLE);
    vi.restoreAllMocks();

    const guild = rig.emu.guild('main').id;
    const all = await expectConsistent(store, guild);
    expect(all.map((c) => [c.number, c.text, c.replyCount, c.votes.length])).toEqual([[1, 'kept', 0, 0]]);
    expect(await tryAdd(rig, 'ben', 'works again')).toBe(2);
    expectEveryInteractionAnswered(rig.emu);
  });

  it('read errors: lists and threads are "unavailable" (never an empty list or "no such comment")', async () => {
    inject(isRead);
    const list = await rig.run('ben', 'comment list');
    expect(privateText(list)).toBe(STORE_UNAVAILABLE);
    const thread = await rig.run('ben', 'comment thread', { id: '#1' });
    expect(privateText(thread)).toBe(STORE_UNAVAILABLE);
    // The article answer is kept; only its "N member comments" line is left out.
    const who = await rig.run('ana', 'who', { name: 'Chase' });
    expect(who.message?.embeds[0]?.title).toContain('Michael Chase');
    expect(rig.logs.messages('warn')).toContain('member comment counts unavailable');
    vi.restoreAllMocks();
    const after = await rig.run('ben', 'comment thread', { id: '#1' });
    expect(after.message?.embeds[0]?.description ?? '').toContain('kept');
    expectEveryInteractionAnswered(rig.emu);
    expect(await integrity(file())).toBe('ok');
  });
});
