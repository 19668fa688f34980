/**
 * HEALTH_PORT and METRICS_PORT against the real bot (startBot through the emulator): /healthz,
 * /readyz following the gateway and the store, and Prometheus metrics counting what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/ops/metrics.js';
import { type ReadinessProbe, startOpsServers } from '../../src/ops/server.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const metrics = new Metrics();
let h: Harness;
let probe: ReadinessProbe | undefined;
let storeDown = false;
let ops: Awaited<ReturnType<typeof startOpsServers>>;
let base = '';

beforeAll(async () => {
  // Listening before the bot exists: /healthz is up while /readyz says "starting".
  ops = await startOpsServers({
    host: '127.0.0.1',
    healthPort: 0,
    metricsPort: 0,
    logger: createLogger('silent'),
    metrics,
    probe: () => probe,
  });
  base = `http://127.0.0.1:${ops.addresses[0]?.port}`;
  h = await startHarness({ start: { metrics }, cooldownSeconds: 0 });
});
afterAll(async () => {
  await ops?.close();
  await h?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** The value of one sample line of the exposition, e.g. `parley_comments_added_total`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health', () => {
  it('/healthz is up at once; /readyz is 503 until the bot is ready, then follows gateway and store', async () => {
    expect(ops.addresses).toHaveLength(1);
    expect(await get('/healthz')).toMatchObject({ status: 200, text: '{"ok":true}\n' });
    const starting = await get('/readyz');
    expect(starting.status).toBe(503);
    expect(JSON.parse(starting.text)).toMatchObject({ ready: false, gateway: 'starting' });

    probe = {
      gatewayReady: () => h.bot.client.isReady(),
      pingStore: () => (storeDown ? Promise.reject(new Error('store unreachable')) : h.comments.ping()),
    };
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, gateway: 'ready', store: 'ok' });

    storeDown = true;
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toEqual({ ready: false, gateway: 'ready', store: 'store unreachable' });
    storeDown = false;

    expect((await get('/nope')).status).toBe(404);
  });
});

describe('metrics', () => {
  it('counts interactions by command and outcome, their latency, comments added and reconnects', async () => {
    await h.emu.command({ user: 'ana', guild: 'main', name: 'summary' });
    await h.emu.command({ user: 'ana', guild: 'main', name: 'article', options: { paragraph: 99 } });
    await h.emu.command({ user: 'ana', guild: 'main', name: 'comment add', options: { text: 'counted' } });
    h.emu.sendReconnect();
    await expect
      .poll(() => metrics.reconnects.get().then((m) => m.values[0]?.value ?? 0), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);

    const { status, type, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'parley_interactions_total{command="summary",outcome="ok"}')).toBe(1);
    expect(sample(text, 'parley_interactions_total{command="article",outcome="user_error"}')).toBe(1);
    expect(sample(text, 'parley_interactions_total{command="comment add",outcome="ok"}')).toBe(1);
    expect(sample(text, 'parley_interaction_duration_seconds_count{command="summary"}')).toBe(1);
    expect(sample(text, 'parley_interaction_duration_seconds_bucket{le="+Inf",command="summary"}')).toBe(1);
    expect(sample(text, 'parley_comments_added_total')).toBe(1);
    expect(sample(text, 'parley_store_errors_total')).toBe(0);
    expect(sample(text, 'parley_gateway_reconnects_total')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('parley_process_resident_memory_bytes');
  });
});
