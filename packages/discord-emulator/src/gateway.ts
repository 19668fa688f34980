import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createDeflate, type Deflate, deflateSync, constants as zlibConstants } from 'node:zlib';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { EmulatorCore } from './core.js';
import { EmulatorTimeoutError } from './errors.js';
import { guildCreatePayload, readyPayload } from './payloads.js';
import { shardForGuild } from './snowflake.js';
import { isRecord } from './validation-core.js';
import type { WorldGuild } from './world.js';

/** The gateway: HELLO/IDENTIFY/READY/RESUME/heartbeats, sessions per shard, dispatches and fault hooks. */

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

const GUILD_MEMBERS_INTENT = 1 << 1;
const HISTORY_LIMIT = 1000;
/**
 * Close codes after which Discord does not let the session resume: a normal close, invalid seq, session
 * timeout, and the fatal ones (authentication, shard, version, intents).
 */
const SESSION_ENDING_CLOSE_CODES = new Set([1000, 1001, 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface GatewaySession {
  readonly id: string;
  /** `[shard_id, num_shards]` from IDENTIFY. */
  readonly shard: [number, number];
  readonly intents: number;
  seq: number;
  /** Dispatches kept for RESUME replay. */
  readonly history: Frame[];
  connection: GatewayConnection | null;
  /** False once Discord would refuse a RESUME (op 9 false, close 1000/4007/4009…). */
  resumable: boolean;
  /** READY and every GUILD_CREATE were sent. */
  ready: boolean;
}

export interface GatewayEvent {
  type:
    | 'connect'
    | 'identify'
    | 'ready'
    | 'resume'
    | 'resumed'
    | 'invalid-session'
    | 'close'
    | 'heartbeat'
    | 'fault';
  connection: number;
  sessionId?: string;
  shard?: [number, number];
  /** Close code (close) or fault name (fault). */
  code?: number;
  detail?: string;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export class GatewayConnection {
  session: GatewaySession | null = null;
  closed = false;
  readonly #deflate: Deflate | null;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    /** Numbered per gateway, in connection order. */
    readonly id: number,
    readonly ws: WebSocket,
    /** `compress=zlib-stream` was requested. */
    readonly zlibStream: boolean,
    /** IDENTIFY asked for `compress: true` (per-payload zlib). */
    public identifyCompress = false,
  ) {
    this.#deflate = zlibStream ? createDeflate() : null;
  }

  send(frame: Frame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const text = JSON.stringify(frame);
    const deflate = this.#deflate;
    if (deflate) {
      // zlib-stream: one deflate context per connection, each payload ends with a Z_SYNC_FLUSH (00 00 ff ff).
      this.#queue = this.#queue.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const onData = (chunk: Buffer) => chunks.push(chunk);
            deflate.on('data', onData);
            deflate.write(text);
            deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
              deflate.off('data', onData);
              if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(Buffer.concat(chunks));
              resolve();
            });
          }),
      );
    } else if (this.identifyCompress) {
      this.ws.send(deflateSync(text));
    } else {
      this.ws.send(text);
    }
  }

  dispose(): void {
    this.closed = true;
    this.#deflate?.destroy();
  }
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
}

export class Gateway extends EventEmitter {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<GatewayConnection>();
  #connectionCount = 0;
  readonly #sessions = new Map<string, GatewaySession>();
  /** Set by refuseIdentify(): the next `remaining` IDENTIFYs are closed with `code`. */
  #refusal: { code: number; remaining: number } | null = null;

  constructor(
    private readonly core: EmulatorCore,
    private readonly options: GatewayOptions,
  ) {
    super();
    this.setMaxListeners(0);
  }

  #event(event: GatewayEvent): void {
    this.emit('event', event);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new GatewayConnection(
        ++this.#connectionCount,
        ws,
        url.searchParams.get('compress') === 'zlib-stream',
      );
      this.#connections.add(conn);
      ws.on('message', (data) => this.#onMessage(conn, data));
      ws.on('close', (code) => this.#onClose(conn, code));
      ws.on('error', () => undefined);
      this.#event({ type: 'connect', connection: conn.id });
      const version = url.searchParams.get('v');
      if (version !== null && version !== '10') {
        ws.close(4012, 'Invalid API version');
        return;
      }
      const encoding = url.searchParams.get('encoding');
      if (encoding !== null && encoding !== 'json') {
        ws.close(4002, 'Only encoding=json is emulated');
        return;
      }
      conn.send({
        op: GatewayOp.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['parley-emulator'] },
        s: null,
        t: null,
      });
    });
  }

  #close(conn: GatewayConnection, code: number, reason: string): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.close(code, reason);
  }

  #onClose(conn: GatewayConnection, code: number): void {
    conn.dispose();
    this.#connections.delete(conn);
    const session = conn.session;
    if (session?.connection === conn) {
      session.connection = null;
      if (SESSION_ENDING_CLOSE_CODES.has(code)) session.resumable = false;
    }
    this.#event({
      type: 'close',
      connection: conn.id,
      code,
      ...(session ? { sessionId: session.id, shard: session.shard } : {}),
    });
  }

  #onMessage(conn: GatewayConnection, data: RawData): void {
    let payload: unknown;
    try {
      // Clients send JSON text; a binary frame must still be UTF-8 JSON (clients never compress upstream).
      payload = JSON.parse(rawText(data));
    } catch {
      this.#close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      this.#close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        conn.send({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        this.#event({ type: 'heartbeat', connection: conn.id });
        return;
      case GatewayOp.Identify:
        this.#identify(conn, payload.d);
        return;
      case GatewayOp.Resume:
        this.#resume(conn, payload.d);
        return;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestGuildMembers:
      case GatewayOp.RequestSoundboardSounds:
        if (!conn.session) this.#close(conn, 4003, 'Not authenticated.');
        return;
      default:
        this.#close(conn, 4001, 'Unknown opcode.');
    }
  }

  #tokenMatches(token: unknown): boolean {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.core.token;
  }

  #identify(conn: GatewayConnection, d: unknown): void {
    if (conn.session) {
      this.#close(conn, 4005, 'Already authenticated.');
      return;
    }
    if (!isRecord(d)) {
      this.#close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    if (!this.#tokenMatches(d.token)) {
      this.#close(conn, 4004, 'Authentication failed.');
      return;
    }
    if (typeof d.intents !== 'number' || !Number.isInteger(d.intents) || d.intents < 0) {
      this.#close(conn, 4013, 'Invalid intent(s).');
      return;
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const [id, count] = Array.isArray(d.shard) ? d.shard : [];
      if (typeof id !== 'number' || typeof count !== 'number' || count < 1 || id < 0 || id >= count) {
        this.#close(conn, 4010, 'Invalid shard.');
        return;
      }
      shard = [id, count];
    }
    if (this.#refusal && this.#refusal.remaining > 0) {
      const { code } = this.#refusal;
      this.#refusal.remaining--;
      this.#event({ type: 'identify', connection: conn.id, shard, code, detail: `refused:${code}` });
      this.#close(conn, code, 'Emulated identify refusal');
      return;
    }
    conn.identifyCompress = d.compress === true && !conn.zlibStream;
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents: d.intents,
      seq: 0,
      history: [],
      connection: conn,
      resumable: true,
      ready: false,
    };
    this.#sessions.set(session.id, session);
    conn.session = session;
    this.#event({ type: 'identify', connection: conn.id, sessionId: session.id, shard });

    const guilds = this.core.world.guilds.filter(
      (g) => !g.unannounced && !g.botRemoved && shardForGuild(g.id, shard[1]) === shard[0],
    );
    this.#dispatch(
      session,
      'READY',
      readyPayload({
        world: this.core.world,
        applicationId: this.core.applicationId,
        sessionId: session.id,
        resumeUrl: this.core.gatewayUrl().replace(/\/gateway$/, '/resume'),
        guilds,
        shard,
      }),
    );
    const allMembers = Boolean(session.intents & GUILD_MEMBERS_INTENT);
    for (const guild of guilds)
      this.#dispatch(session, 'GUILD_CREATE', guildCreatePayload(this.core.world, guild, allMembers));
    session.ready = true;
    this.#event({ type: 'ready', connection: conn.id, sessionId: session.id, shard });
  }

  #resume(conn: GatewayConnection, d: unknown): void {
    if (!isRecord(d)) {
      this.#close(conn, 4002, 'Error while decoding payload.');
      return;
    }
    if (!this.#tokenMatches(d.token)) {
      this.#close(conn, 4004, 'Authentication failed.');
      return;
    }
    const session = typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    this.#event({
      type: 'resume',
      connection: conn.id,
      ...(session ? { sessionId: session.id, shard: session.shard } : {}),
    });
    const foreign = conn.session !== null && conn.session !== session;
    if (!session?.resumable || seq > session.seq || foreign) {
      conn.send({ op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      this.#event({ type: 'invalid-session', connection: conn.id, detail: 'resume refused' });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== conn) {
      previous.session = null;
      this.#close(previous, 4000, 'Session resumed elsewhere.');
    }
    conn.session = session;
    session.connection = conn;
    for (const frame of session.history) if (frame.s !== null && frame.s > seq) conn.send(frame);
    session.seq++;
    conn.send({ op: GatewayOp.Dispatch, t: 'RESUMED', s: session.seq, d: { _trace: ['parley-emulator'] } });
    this.#event({ type: 'resumed', connection: conn.id, sessionId: session.id, shard: session.shard });
  }

  #dispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq++;
    const frame: Frame = { op: GatewayOp.Dispatch, t, s: session.seq, d };
    session.history.push(frame);
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    session.connection?.send(frame);
  }

  /** Sessions that currently receive events (identified and not invalidated), newest first. */
  sessions(): GatewaySession[] {
    return [...this.#sessions.values()].filter((s) => s.resumable && s.ready).reverse();
  }

  /** The session that owns a guild (DMs: shard 0), preferring one with a live connection. */
  sessionFor(guildId: string | null): GatewaySession | undefined {
    const owns = (s: GatewaySession) =>
      guildId === null ? s.shard[0] === 0 : shardForGuild(guildId, s.shard[1]) === s.shard[0];
    const candidates = this.sessions().filter(owns);
    return candidates.find((s) => s.connection !== null) ?? candidates[0];
  }

  /** Every session that owns the guild (two bot processes on one shard, e.g. during a rolling deploy). */
  sessionsFor(guildId: string | null): GatewaySession[] {
    return this.sessions().filter((s) =>
      guildId === null ? s.shard[0] === 0 : shardForGuild(guildId, s.shard[1]) === s.shard[0],
    );
  }

  /** Waits until some session owns the guild (the bot logged in, or re-identified after a fault). */
  waitForSession(guildId: string | null, timeoutMs: number): Promise<GatewaySession> {
    const found = this.sessionFor(guildId);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onEvent = (event: GatewayEvent) => {
        if (event.type !== 'ready' && event.type !== 'resumed') return;
        const session = this.sessionFor(guildId);
        if (!session) return;
        cleanup();
        resolve(session);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new EmulatorTimeoutError(
            `No gateway session receives events for ${guildId === null ? 'DMs' : `guild ${guildId}`} after ${timeoutMs} ms — is the bot logged in (with the shard that owns it)?`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('event', onEvent);
      };
      this.on('event', onEvent);
    });
  }

  /**
   * The bot was removed from a guild: GUILD_DELETE without `unavailable` (Discord's "removed", not an
   * outage) to every session owning it. Returns how many sessions were told.
   */
  guildDelete(guild: WorldGuild): number {
    const sessions = this.sessionsFor(guild.id);
    for (const s of sessions) this.#dispatch(s, 'GUILD_DELETE', { id: guild.id });
    return sessions.length;
  }

  /** The bot was added to a guild: GUILD_CREATE to every session owning it. */
  guildCreate(guild: WorldGuild): number {
    const sessions = this.sessionsFor(guild.id);
    for (const s of sessions) {
      const allMembers = Boolean(s.intents & GUILD_MEMBERS_INTENT);
      this.#dispatch(s, 'GUILD_CREATE', guildCreatePayload(this.core.world, guild, allMembers));
    }
    return sessions.length;
  }

  /** Sends a dispatch to the session owning the guild; it is kept for replay if the connection is down. */
  dispatchTo(session: GatewaySession, t: string, d: unknown): void {
    this.#dispatch(session, t, d);
  }

  #targets(shardId: number | undefined): GatewaySession[] {
    return this.sessions().filter((s) => shardId === undefined || s.shard[0] === shardId);
  }

  #fault(name: string, sessions: GatewaySession[]): number {
    for (const s of sessions) {
      this.#event({
        type: 'fault',
        connection: s.connection?.id ?? 0,
        sessionId: s.id,
        shard: s.shard,
        detail: name,
      });
    }
    return sessions.length;
  }

  /** Kills the TCP connection without a close frame (the client sees 1006 and should resume). */
  dropConnection(shardId?: number): number {
    const sessions = this.#targets(shardId).filter((s) => s.connection);
    for (const s of sessions) s.connection?.ws.terminate();
    return this.#fault('drop-connection', sessions);
  }

  /** Sends op 7 RECONNECT (the client should reconnect and resume). */
  sendReconnect(shardId?: number): number {
    const sessions = this.#targets(shardId).filter((s) => s.connection);
    for (const s of sessions) s.connection?.send({ op: GatewayOp.Reconnect, d: null, s: null, t: null });
    return this.#fault('reconnect', sessions);
  }

  /** Sends op 9 INVALID_SESSION; with `resumable: false` the session is gone and the client must identify anew. */
  invalidateSession(resumable: boolean, shardId?: number): number {
    const sessions = this.#targets(shardId).filter((s) => s.connection);
    for (const s of sessions) {
      if (!resumable) s.resumable = false;
      s.connection?.send({ op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
    return this.#fault(`invalid-session:${resumable}`, sessions);
  }

  /** Closes the connection with a close code (4000 → resume; 4007/4009 → session ends; 4004 → fatal…). */
  closeWith(code: number, shardId?: number, reason = 'Emulated close'): number {
    const sessions = this.#targets(shardId).filter((s) => s.connection);
    for (const s of sessions) {
      if (SESSION_ENDING_CLOSE_CODES.has(code)) s.resumable = false;
      if (s.connection) this.#close(s.connection, code, reason);
    }
    return this.#fault(`close:${code}`, sessions);
  }

  /**
   * The next `times` IDENTIFYs (default: all, until called again with 0) are answered by closing with `code`
   * instead of READY — e.g. 4014 (disallowed intents), 4004 (token reset), or 4000 for a gateway that keeps
   * failing. Each refused IDENTIFY still emits an `identify` event (with `code` and detail `refused:<code>`).
   */
  refuseIdentify(code: number, times = Number.POSITIVE_INFINITY): void {
    this.#refusal = times > 0 ? { code, remaining: times } : null;
  }

  /** Open connections (for diagnostics). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  async close(): Promise<void> {
    for (const conn of this.#connections) {
      conn.dispose();
      conn.ws.terminate();
    }
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
