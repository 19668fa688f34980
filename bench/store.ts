/**
 * 3. Comment store on SQLite: add() throughput, one at a time and with 100 in flight, against
 *  - raw SQLite inserts (sqlite3 driver) on the same disk with the store's journal mode and
 *    synchronous setting (read back from the store's own connection), group-committed when
 *    several are in flight; and
 *  - a naive keyv store with @keyv/sqlite's defaults: keyv.set per comment plus a read-modify-write
 *    index key.
 * The three run in alternating rounds, so a slow moment of the shared disk hits all of them.
 */
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { Article } from '../src/article/article.js';
import type { Comment } from '../src/comments/domain.js';
import { createComment } from '../src/comments/model.js';
import { SCHEMA } from '../src/comments/sqlite-schema.js';
import { SqliteCommentStore } from '../src/comments/sqlite-store.js';
import { type Contender, contest, roundRatio } from './contest.js';
import { BENCH_GUILD, type BenchContext } from './context.js';
import { RawSqlite, synchronousName } from './raw-sqlite.js';
import type { Figure, Section } from './report.js';
import { draft } from './seed.js';

const RAW_TARGET = 0.5;
const NAIVE_TARGET = 10;
const IN_FLIGHT = 100;

/** What @keyv/sqlite's defaults give: keyv.set per comment, and one JSON index rewritten on every add. */
function naiveStore(keyv: Keyv) {
  return {
    async add(i: number): Promise<void> {
      const index = (await keyv.get<number[]>(`index:${BENCH_GUILD}`)) ?? [];
      const number = index.length + 1;
      const comment: Comment = createComment(BENCH_GUILD, number, draft(i, 'article'));
      await keyv.set(`comment:${BENCH_GUILD}:${number}`, comment);
      index.push(number);
      await keyv.set(`index:${BENCH_GUILD}`, index);
    },
    /** Comments the index lost to concurrent read-modify-write (counted at the end). */
    async lostAfter(adds: number): Promise<number> {
      const index = (await keyv.get<number[]>(`index:${BENCH_GUILD}`)) ?? [];
      return adds - index.length;
    },
  };
}

export async function benchStore(ctx: BenchContext, _article: Article): Promise<Section> {
  // The store exactly as SqliteCommentStore.open() makes it, but holding the adapter to read its pragmas.
  const adapter = new KeyvSqlite({ uri: `sqlite://${ctx.tmp}/store.sqlite`, busyTimeout: 10_000 });
  adapter.on('error', () => {});
  const store = await SqliteCommentStore.fromAdapter(adapter);
  const pragma = async (a: KeyvSqlite, name: string): Promise<unknown> => {
    const rows = (await a.query(`PRAGMA ${name}`)) as Record<string, unknown>[];
    return rows[0]?.[name];
  };
  const journal = String(await pragma(adapter, 'journal_mode'));
  const synchronous = synchronousName(await pragma(adapter, 'synchronous'));

  const raw = await RawSqlite.open(`${ctx.tmp}/raw.sqlite`);
  await raw.all(`PRAGMA journal_mode = ${journal}`);
  await raw.run(`PRAGMA synchronous = ${synchronous}`);
  await raw.run(
    'CREATE TABLE comments (guild TEXT NOT NULL, number INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (guild, number)) WITHOUT ROWID',
  );

  // The floor for the store's own schema: the same tables, indexes and triggers, written with raw
  // INSERTs (the index row and the keyv value of each comment), numbers counted here.
  const rawSchema = await RawSqlite.open(`${ctx.tmp}/raw-schema.sqlite`);
  await rawSchema.all(`PRAGMA journal_mode = ${journal}`);
  await rawSchema.run(`PRAGMA synchronous = ${synchronous}`);
  await rawSchema.run('CREATE TABLE keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
  for (const statement of SCHEMA) await rawSchema.run(statement);

  const naiveAdapter = new KeyvSqlite(`sqlite://${ctx.tmp}/naive.sqlite`);
  naiveAdapter.on('error', () => {});
  const naiveKeyv = new Keyv({ store: naiveAdapter });
  naiveKeyv.on('error', () => {});
  const naive = naiveStore(naiveKeyv);
  await naiveKeyv.set('warm', 1);
  const naiveJournal = String(await pragma(naiveAdapter, 'journal_mode'));
  const naiveSync = synchronousName(await pragma(naiveAdapter, 'synchronous'));

  ctx.onCleanup(async () => {
    await store.close();
    await raw.close();
    await rawSchema.close();
    await naiveKeyv.disconnect();
  });

  let rawNumber = 0;
  let schemaNumber = 0;
  let naiveAdds = 0;
  const contenders: Contender[] = [
    {
      name: 'raw sqlite3 INSERT',
      add: (i) => {
        const number = ++rawNumber;
        const value = JSON.stringify(createComment(BENCH_GUILD, number, draft(i, 'article')));
        return raw.grouped(
          'INSERT INTO comments (guild, number, value) VALUES (?, ?, ?)',
          BENCH_GUILD,
          number,
          value,
        );
      },
    },
    { name: 'SqliteCommentStore.add', add: (i) => store.add(BENCH_GUILD, draft(i, 'article')) },
    {
      name: "raw INSERTs, the store's schema",
      add: (i) => {
        const number = ++schemaNumber;
        const comment = createComment(BENCH_GUILD, number, draft(i, 'article'));
        return rawSchema.groupedAll([
          [
            'INSERT INTO parley_comments (guild, number, article, root, anchor, listed, visible, deleted, score) VALUES (?, ?, ?, NULL, ?, 1, 1, 0, 0)',
            BENCH_GUILD,
            number,
            comment.articleId,
            comment.anchor,
          ],
          [
            'INSERT INTO keyv (key, value) VALUES (?, ?)',
            `parley:{g:${BENCH_GUILD}}:c:${number}`,
            JSON.stringify({ value: comment, expires: null }),
          ],
        ]);
      },
    },
    {
      name: 'naive keyv (defaults)',
      add: (i) => {
        naiveAdds++;
        return naive.add(i);
      },
    },
  ];

  const modes = [
    {
      label: 'sequential',
      plan: { concurrency: 1, rounds: ctx.quick ? 10 : 30, perRound: ctx.quick ? 10 : 20, warmup: 10 },
    },
    {
      label: `${IN_FLIGHT} in flight`,
      plan: {
        concurrency: IN_FLIGHT,
        rounds: ctx.quick ? 4 : 10,
        perRound: ctx.quick ? 200 : 400,
        warmup: 100,
      },
    },
  ];
  const figures: Figure[] = [];
  let counter = 0;
  const next = (n: number) => {
    counter += n;
    return counter - n;
  };
  let naiveLostConcurrent = 0;
  for (const { label, plan } of modes) {
    ctx.log(`store: add ${label}, ${plan.rounds} rounds × ${plan.perRound} per contender`);
    const [rawResult, storeResult, schemaResult, naiveResult] = await contest(contenders, plan, next);
    if (!rawResult || !storeResult || !schemaResult || !naiveResult)
      throw new Error('contest lost a contender');
    if (plan.concurrency > 1) naiveLostConcurrent = await naive.lostAfter(naiveAdds);
    const vsRaw = roundRatio(storeResult, rawResult);
    const vsNaive = roundRatio(storeResult, naiveResult);
    const row = (r: typeof rawResult) => ({
      name: `add, ${label}: ${r.name}`,
      median: r.median,
      p99: r.p99,
      opsPerSec: r.opsPerSec,
    });
    figures.push(
      row(rawResult),
      {
        ...row(storeResult),
        ratio: { value: vsRaw, of: '× raw' },
        target: { text: `≥ ${RAW_TARGET * 100}% of raw`, pass: vsRaw >= RAW_TARGET },
        note: `${roundRatio(storeResult, schemaResult).toFixed(2)}× the raw INSERTs into its own schema below`,
      },
      { ...row(schemaResult), ratio: { value: roundRatio(schemaResult, rawResult), of: '× raw' } },
      { ...row(naiveResult), ratio: { value: roundRatio(naiveResult, rawResult), of: '× raw' } },
      {
        name: `add, ${label}: store ÷ naive keyv`,
        ratio: { value: vsNaive, of: '×' },
        target: { text: `≥ ${NAIVE_TARGET}× naive`, pass: vsNaive >= NAIVE_TARGET },
        note: `raw ÷ naive keyv = ${roundRatio(rawResult, naiveResult).toFixed(1)}× (the most any store with the same durability could reach)`,
      },
    );
  }
  const naiveLost = await naive.lostAfter(naiveAdds);
  return {
    id: '3',
    title: 'Comment store on SQLite: add() throughput',
    figures,
    notes: [
      `Store and raw: journal_mode=${journal}, synchronous=${synchronous} (read from the store's connection; raw set the same); same directory (${ctx.tmp}).`,
      "Raw INSERTs into the store's schema: the same tables, seven indexes and counter triggers, two INSERTs per comment (index row, keyv value) — the floor for that design; the gap to plain raw is the cost of the indexes that keep list/thread/count O(page).",
      `Raw: one INSERT of the comment's JSON per add; with ${IN_FLIGHT} in flight, waiting inserts share one BEGIN IMMEDIATE…COMMIT (group commit), each acknowledged after its commit.`,
      `Naive keyv: @keyv/sqlite defaults (journal_mode=${naiveJournal}, synchronous=${naiveSync}); per add: get index, set comment, set index. Its read-modify-write lost ${naiveLost} of ${naiveAdds} index entries (${naiveLostConcurrent} by the end of the ${IN_FLIGHT}-in-flight rounds).`,
      'Contenders take turns in short rounds (rotating order); ops/s = adds ÷ total wall time; ratio = median over rounds of the per-round throughput ratio; latency per add.',
    ],
  };
}
