/**
 * HEALTH_PORT and METRICS_PORT: small HTTP endpoints for supervisors and Prometheus. Both are off
 * unless their port is set, and bind OPS_HOST (127.0.0.1 by default).
 *  - GET /healthz: the process is up (200);
 *  - GET /readyz: 200 when the gateway is ready and the comment store answers a ping, else 503;
 *  - GET /metrics: Prometheus text format.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withDeadline } from '../comments/timeouts.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

/** A store that does not answer a ping this fast is not ready. */
const READY_PING_MS = 2_000;

export interface ReadinessProbe {
  /** Whether the gateway is connected and READY. */
  gatewayReady(): boolean;
  /** Resolves when the comment store answers. */
  pingStore(): Promise<void>;
}

export interface OpsOptions {
  host: string;
  healthPort: number | undefined;
  metricsPort: number | undefined;
  logger: Logger;
  /** Undefined while the bot is starting. */
  probe: () => ReadinessProbe | undefined;
  metrics: Metrics | undefined;
}

type Handler = () => Promise<{ status: number; body: string; contentType: string }>;

const json = (status: number, body: unknown) => ({
  status,
  body: `${JSON.stringify(body)}\n`,
  contentType: 'application/json',
});

export async function readiness(probe: ReadinessProbe | undefined) {
  if (!probe) return json(503, { ready: false, gateway: 'starting', store: 'unknown' });
  const gateway = probe.gatewayReady();
  const store = await withDeadline(() => probe.pingStore(), READY_PING_MS, 'ping').then(
    () => 'ok',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  const ready = gateway && store === 'ok';
  return json(ready ? 200 : 503, { ready, gateway: gateway ? 'ready' : 'not ready', store });
}

export interface OpsServers {
  /** Where each server listens (port 0 in tests picks a free one). */
  addresses: { port: number; paths: string[] }[];
  close(): Promise<void>;
}

/** Starts the servers whose port is set (one server when both ports are the same). */
export async function startOpsServers(options: OpsOptions): Promise<OpsServers> {
  const byPort = new Map<number, Map<string, Handler>>();
  const route = (port: number | undefined, path: string, handler: Handler) => {
    if (port === undefined) return;
    const routes = byPort.get(port) ?? new Map<string, Handler>();
    routes.set(path, handler);
    byPort.set(port, routes);
  };
  route(options.healthPort, '/healthz', async () => json(200, { ok: true }));
  route(options.healthPort, '/readyz', () => readiness(options.probe()));
  const metrics = options.metrics;
  if (metrics)
    route(options.metricsPort, '/metrics', async () => ({ status: 200, ...(await metrics.render()) }));

  const servers: Server[] = [];
  const addresses: OpsServers['addresses'] = [];
  for (const [port, routes] of byPort) {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const handler = req.method === 'GET' || req.method === 'HEAD' ? routes.get(path) : undefined;
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      handler().then(
        ({ status, body, contentType }) => res.writeHead(status, { 'content-type': contentType }).end(body),
        (error: unknown) => {
          options.logger.error({ path, err: String(error) }, 'ops endpoint failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('error\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => resolve());
    });
    // Never holds the process open on its own: shutdown exits when the bot is done.
    server.unref();
    servers.push(server);
    const address = server.address() as AddressInfo;
    addresses.push({ port: address.port, paths: [...routes.keys()] });
    options.logger.info(
      { host: options.host, port: address.port, paths: [...routes.keys()] },
      'ops endpoint listening',
    );
  }
  return {
    addresses,
    close: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()).closeAllConnections())),
      );
    },
  };
}
