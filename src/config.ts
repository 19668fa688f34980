import { z } from 'zod';

/** Exit status for "fix the configuration, do not restart me" (EX_CONFIG); see the README. */
export const EXIT_FATAL = 78;

/** A configuration problem found at startup; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Empty strings in .env mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/, 'expected a Discord id (17–20 digits)');

/** A whole number in [min, max]; every way of missing it gets the same message, naming the range. */
const wholeNumber = (min: number, max: number, what: string) => {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const timeoutMs = wholeNumber(50, 60_000, 'a whole number of milliseconds');

/**
 * SHARD_LIST: which shards this machine runs — ids and ranges, `0,2,5-7` — sorted, without repeats.
 * Whether each id exists depends on the shard count, which shard.ts checks once it knows it.
 */
const shardList = z.string().transform((raw, ctx) => {
  const ids = new Set<number>();
  for (const part of raw.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!match?.[1]) {
      ctx.addIssue({ code: 'custom', message: `"${part.trim()}" is not a shard id or a range like 0-3` });
      return z.NEVER;
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) {
      ctx.addIssue({ code: 'custom', message: `range ${from}-${to} runs backwards` });
      return z.NEVER;
    }
    for (let id = from; id <= to && id < 4096; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
});

const envSchema = z.object({
  DISCORD_TOKEN: optional(z.string().regex(/^\S+$/, 'expected a bot token without spaces')),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })),
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^(sqlite|redis|rediss|memory):\/\//, 'expected sqlite://path, redis://host:port or memory://'),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })),
  COMMENT_COOLDOWN_SECONDS: optional(wholeNumber(0, 3600, 'a whole number of seconds')),
  STORE_WRITE_TIMEOUT_MS: optional(timeoutMs),
  STORE_READ_TIMEOUT_MS: optional(timeoutMs),
  STORE_COUNT_TIMEOUT_MS: optional(timeoutMs),
  SHUTDOWN_TIMEOUT_MS: optional(wholeNumber(2_000, 600_000, 'a whole number of milliseconds')),
  ARTICLES_DIR: optional(z.string()),
  DEFAULT_ARTICLE: optional(
    z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an article id (its folder name)'),
  ),
  // Replaced by the library: refused with directions rather than silently ignored.
  ARTICLE_PATH: optional(
    z.never({
      error:
        'no longer used: articles live in ARTICLES_DIR (default data/articles/<id>/); remove it and set DEFAULT_ARTICLE to the id of the article you served',
    }),
  ),
  HEALTH_PORT: optional(wholeNumber(1, 65_535, 'a TCP port number')),
  METRICS_PORT: optional(wholeNumber(1, 65_535, 'a TCP port number')),
  OPS_HOST: optional(
    z.string().regex(/^[\w.:-]+$/, 'expected an address to listen on, e.g. 127.0.0.1 or 0.0.0.0'),
  ),
  SHARD_COUNT: optional(
    z.union([z.literal('auto'), wholeNumber(1, 4096, 'a whole number of shards')], {
      error: 'expected auto or a whole number of shards from 1 to 4096',
    }),
  ),
  SHARD_LIST: optional(shardList),
});

/** Deadlines of comment-store calls (comments/timeouts.ts). */
export interface StoreTimeouts {
  /** add, edit, remove, vote, flag, restore. On SQLite the wait for the write lock stays inside it. */
  writeMs: number;
  /** get, list, thread, recent, each batch of an export, ping. */
  readMs: number;
  /** The "N member comments" line on article answers, which goes without it when the count is late. */
  countMs: number;
}

export const DEFAULT_STORE_TIMEOUTS: StoreTimeouts = { writeMs: 5_000, readMs: 2_500, countMs: 500 };
/** SIGTERM/SIGINT must have finished in-flight work and closed the store by then (supervisors kill at 10 s). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;

export interface Config {
  /** Absent: run the offline sandbox. */
  token: string | undefined;
  clientId: string | undefined;
  guildId: string | undefined;
  /** REST base URL without the version, e.g. https://discord.com/api. */
  apiUrl: string | undefined;
  databaseUrl: string;
  logLevel: LogLevel;
  commentCooldownSeconds: number;
  /** A hung store fails fast instead of holding up the interaction. */
  storeTimeouts: StoreTimeouts;
  /** How long a stop may take (SHUTDOWN_TIMEOUT_MS): in-flight work gets all but the last second. */
  shutdownTimeoutMs: number;
  /** The article library: one folder per article (ARTICLES_DIR). */
  articlesDir: string;
  /** The article of a server that never chose one (DEFAULT_ARTICLE); the newest when absent. */
  defaultArticle: string | undefined;
  /** GET /healthz and /readyz on this port (src/ops/server.ts); off when undefined. */
  healthPort: number | undefined;
  /** GET /metrics (Prometheus) on this port; off when undefined. */
  metricsPort: number | undefined;
  /** The address both listen on. */
  opsHost: string;
  shardCount: number | 'auto';
  /** The shards this machine runs (SHARD_LIST); undefined: all of them. */
  shardList: number[] | undefined;
}

export const DEFAULT_DATABASE_URL = 'sqlite://data/parley.sqlite';
/** The offline sandbox's own file, so trying Parley never writes into the production database. */
export const SANDBOX_DATABASE_URL = 'sqlite://data/sandbox.sqlite';

/** Variables whose value is never repeated back (in a message, a log line, an error). */
const SECRET = new Set(['DISCORD_TOKEN']);

/** What was given, for an error message: secrets and URL credentials are never echoed. */
export function given(name: string, value: string | undefined): string {
  if (value === undefined) return 'it is not set';
  if (SECRET.has(name)) return `got a value of ${[...value].length} characters (not shown)`;
  // redis://user:password@host — the credentials are a secret too.
  const shown = value.replace(/\/\/[^@/\s]*@/, '//…@');
  const chars = [...shown];
  return `got ${JSON.stringify(chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : shown)}`;
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      return `${issue.path.join('.')}: ${issue.message}; ${given(name, env[name])}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    apiUrl: e.DISCORD_API_URL?.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
    commentCooldownSeconds: e.COMMENT_COOLDOWN_SECONDS ?? 10,
    storeTimeouts: {
      writeMs: e.STORE_WRITE_TIMEOUT_MS ?? DEFAULT_STORE_TIMEOUTS.writeMs,
      readMs: e.STORE_READ_TIMEOUT_MS ?? DEFAULT_STORE_TIMEOUTS.readMs,
      countMs: e.STORE_COUNT_TIMEOUT_MS ?? DEFAULT_STORE_TIMEOUTS.countMs,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    articlesDir: e.ARTICLES_DIR ?? 'data/articles',
    defaultArticle: e.DEFAULT_ARTICLE,
    healthPort: e.HEALTH_PORT,
    metricsPort: e.METRICS_PORT,
    opsHost: e.OPS_HOST ?? '127.0.0.1',
    shardCount: e.SHARD_COUNT ?? 'auto',
    shardList: e.SHARD_LIST,
  };
}
