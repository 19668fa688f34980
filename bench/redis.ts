/**
 * 5. Redis: add() throughput (one at a time, 100 in flight) against raw SET of the same JSON on the
 * same connection settings, and the scale figures (list, thread, count) on the Redis store. Uses
 * REDIS_URL when set (under a unique key prefix, deleted afterwards); otherwise starts a throwaway
 * redis-server (127.0.0.1, random port, temp dir, no persistence) when the binary is installed;
 * otherwise skips with a note.
 */
import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientType } from '@keyv/redis';
import type { Article } from '../src/article/article.js';
import { createCommentStore } from '../src/comments/factory.js';
import { createComment } from '../src/comments/model.js';
import type { CommentStore } from '../src/comments/store.js';
import { redisServerInstalled, startRedisServer } from '../test/setup/redis-server.js';
import { BENCH_GUILD, type BenchContext } from './context.js';
import type { Figure, Section } from './report.js';
import { measureScale } from './scale.js';
import { draft } from './seed.js';
import { opsPerSecond, rotate, runConcurrent, summarize } from './stats.js';

const IN_FLIGHT = 100;

async function deleteByPrefix(client: RedisClientType, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    const batch = Array.isArray(keys) ? keys : [keys];
    if (batch.length > 0) deleted += await client.unlink(batch);
  }
  return deleted;
}

export async function benchRedis(ctx: BenchContext, article: Article): Promise<Section> {
  const title = 'Redis: add() throughput and scale';
  let url = process.env.REDIS_URL;
  let where: string;
  if (url) {
    where = `REDIS_URL (${new URL(url).host}), keys under a unique prefix, deleted afterwards`;
  } else if (redisServerInstalled()) {
    const server = await startRedisServer();
    ctx.onCleanup(() => server.stop());
    url = server.url;
    where = `a throwaway redis-server started for this run (127.0.0.1:${server.port}, temp dir, no persistence), stopped afterwards`;
  } else {
    return {
      id: '5',
      title,
      figures: [],
      notes: ['Skipped: REDIS_URL is not set and redis-server is not installed.'],
    };
  }
  ctx.log(`redis: ${where}`);
  const prefix = `parley-bench-${randomBytes(4).toString('hex')}`;
  const store = await createCommentStore(url, { keyPrefix: prefix });
  const raw: RedisClientType = createClient({ url });
  await raw.connect();
  ctx.onCleanup(async () => {
    await store.close();
    await deleteByPrefix(raw, prefix);
    raw.destroy();
  });

  let rawNumber = 0;
  const contenders = [
    {
      name: 'raw SET',
      add: (i: number) => {
        const number = ++rawNumber;
        return raw.set(
          `${prefix}:raw:${number}`,
          JSON.stringify(createComment(BENCH_GUILD, number, draft(i, 'article'))),
        );
      },
    },
    { name: 'RedisCommentStore.add', add: (i: number) => store.add(`${BENCH_GUILD}9`, draft(i, 'article')) },
  ];
  const modes = [
    { label: 'sequential', concurrency: 1, rounds: ctx.quick ? 4 : 10, perRound: ctx.quick ? 100 : 300 },
    {
      label: `${IN_FLIGHT} in flight`,
      concurrency: IN_FLIGHT,
      rounds: ctx.quick ? 2 : 5,
      perRound: ctx.quick ? 1000 : 3000,
    },
  ];
  const figures: Figure[] = [];
  let counter = 0;
  for (const mode of modes) {
    ctx.log(`redis: add ${mode.label}`);
    for (const c of contenders) await runConcurrent(50, mode.concurrency, (k) => c.add(counter + k));
    counter += 50;
    const latencies = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
    const wall = new Map<string, number>();
    for (let round = 0; round < mode.rounds; round++) {
      for (const c of rotate(contenders, round)) {
        const from = counter;
        counter += mode.perRound;
        const run = await runConcurrent(mode.perRound, mode.concurrency, (k) => c.add(from + k));
        latencies.get(c.name)?.push(...run.latencies);
        wall.set(c.name, (wall.get(c.name) ?? 0) + run.wallMs);
      }
    }
    const total = mode.rounds * mode.perRound;
    const rawOps = opsPerSecond(total, wall.get('raw SET') ?? 0);
    for (const c of contenders) {
      const s = summarize(latencies.get(c.name) ?? []);
      const ops = opsPerSecond(total, wall.get(c.name) ?? 0);
      figures.push({
        name: `add, ${mode.label}: ${c.name}`,
        median: s.median,
        p99: s.p99,
        opsPerSec: ops,
        ...(c.name === 'raw SET' ? {} : { ratio: { value: ops / rawOps, of: '× raw' } }),
      });
    }
  }
  const scaleStores: CommentStore[] = [];
  ctx.onCleanup(async () => {
    for (const s of scaleStores.splice(0)) await s.close();
  });
  figures.push(
    ...(await measureScale(
      ctx,
      article,
      async (size) => {
        const s = await createCommentStore(url, { keyPrefix: `${prefix}-${size}` });
        scaleStores.push(s);
        return s;
      },
      BENCH_GUILD,
      'redis scale',
    )),
  );
  for (const s of scaleStores.splice(0)) await s.close();
  return {
    id: '5',
    title,
    figures,
    notes: [
      `Server: ${where}.`,
      'add: one Lua script per comment (number, value and every index entry atomically) vs one raw SET of the same JSON; no target of its own.',
      'Scale rows: as section 4 (same reads, same ≤ 1.5× target), each size under its own key prefix on the same server.',
    ],
  };
}
