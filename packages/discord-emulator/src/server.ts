import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorCore } from './core.js';
import { DiscordErrors, HttpError } from './errors.js';
import { faultResponse, type RestFaults } from './faults.js';
import type { Gateway } from './gateway.js';
import { parseBody, readRaw } from './http-body.js';
import type { RestRequest, RestResult } from './responses.js';
import type { RestLogEntry } from './rest-log.js';
import { matchRoute, type Route } from './rest-routes.js';

/** The HTTP side: `/api/v10/*` REST routes, `/attachments/*` downloads, and WebSocket upgrades for the gateway. */

export const API_PREFIX = '/api/v10';

export interface ServerDeps {
  core: EmulatorCore;
  routes: Route[];
  faults: RestFaults;
  gateway: Gateway;
  /** Called for every answered REST request. */
  onLog(entry: Omit<RestLogEntry, 'seq'>): void;
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function send(res: ServerResponse, result: RestResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers['content-type'] = 'application/json';
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}

export class EmulatorServer {
  readonly #http: Server;
  #port = 0;
  #host = '127.0.0.1';

  constructor(private readonly deps: ServerDeps) {
    this.#http = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, body: { message: String(error), code: 0 } });
      });
    });
    this.#http.on('upgrade', (req, socket, head) => deps.gateway.handleUpgrade(req, socket, head));
  }

  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(port, host, () => {
        this.#http.off('error', reject);
        resolve();
      });
    });
    this.#host = host;
    this.#port = (this.#http.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${this.#host}:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  async close(): Promise<void> {
    await this.deps.gateway.close();
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    if (url.pathname.startsWith('/attachments/')) {
      this.#serveAttachment(url.pathname, res);
      return;
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      send(res, { status: 404, body: DiscordErrors.notFound().body });
      return;
    }
    await this.#rest(req, res, url);
  }

  #serveAttachment(pathname: string, res: ServerResponse): void {
    const [, , , id] = pathname.split('/');
    const attachment = id ? this.deps.core.interactions.findAttachment(id) : undefined;
    if (attachment) {
      res
        .writeHead(200, { 'content-type': attachment.content_type ?? 'application/octet-stream' })
        .end(attachment.data);
      return;
    }
    send(res, { status: 404, body: DiscordErrors.notFound().body });
  }

  async #rest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { core, routes, faults } = this.deps;
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodePath(url.pathname.slice(API_PREFIX.length));
    const at = core.now();
    const match = matchRoute(routes, method, path);
    const routePattern = match.route?.pattern ?? null;
    let interactionId: string | null = null;
    if (match.route?.interactionOf) interactionId = match.route.interactionOf(match.params);

    let requestBody: unknown;
    let files: RestRequest['files'] = [];
    let result: RestResult;
    let faultLabel: string | null = null;
    try {
      const raw = await readRaw(req);
      const parsed = await parseBody(req, raw);
      requestBody = parsed.json;
      files = parsed.files;

      const fault = faults.take(method, path, routePattern);
      if (fault?.rule.delayMs) await sleep(fault.rule.delayMs);
      const injected = fault ? faultResponse(fault.rule) : null;
      if (injected) {
        faultLabel = injected.label;
        result = { status: injected.status, body: injected.body, headers: injected.headers };
      } else {
        if (!match.route)
          throw match.methodMismatch ? DiscordErrors.methodNotAllowed() : DiscordErrors.notFound();
        if (match.route.auth && req.headers.authorization !== `Bot ${core.token}`)
          throw DiscordErrors.unauthorized();
        result = await match.route.handle(
          { method, path, query: url.searchParams, headers: req.headers, body: requestBody, files },
          match.params,
        );
      }
    } catch (error) {
      if (error instanceof HttpError) result = { status: error.status, body: error.body };
      else {
        result = {
          status: 500,
          body: { message: '500: Internal Server Error', code: 0, emulator_error: String(error) },
        };
      }
    }
    send(res, result);
    this.deps.onLog({
      at,
      method,
      path: url.search ? `${path}${url.search}` : path,
      route: routePattern,
      status: result.status,
      requestBody,
      files: files.map((f) => ({ field: f.field, name: f.name, size: f.data.length })),
      responseBody: result.body ?? null,
      interactionId,
      fault: faultLabel,
    });
  }
}
