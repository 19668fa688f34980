/**
 * Process-level reliability for `npm start`: signal handling with a bounded shutdown, crash-free
 * unhandled rejections, and start-up retries with backoff that give up at once on fatal errors.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ArticleModelError } from './article/loader.js';
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import { StoreConfigError } from './comments/errors.js';
import { ConfigError, DEFAULT_SHUTDOWN_TIMEOUT_MS } from './config.js';
import { LibraryError } from './library/library.js';
import type { Logger } from './logger.js';
import { FatalDiscordError } from './start.js';

/** Start-up retries: 2.5–5 s, 5–10 s, … up to 150–300 s between attempts. */
export const START_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 300_000 };

const describe = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };

/** The subset of `process` the handlers use (tests pass an EventEmitter). */
export type ProcessLike = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

export interface ProcessHandlerOptions {
  proc?: ProcessLike;
  exit?: (code: number) => void;
  shutdownTimeoutMs?: number;
}

export interface ProcessHandlers {
  /** Stops (once; later calls share the first) and exits with `code`; a watchdog exits 1 after the timeout. */
  shutdown(code: number, reason: string): Promise<void>;
  uninstall(): void;
}

/**
 * SIGTERM/SIGINT: `stop()` (stop taking work, finish in-flight interactions, close the store),
 * then exit 0; a second signal exits at once (1, or the fatal status already under way), and a
 * stop that outlasts the timeout exits 1.
 * Unhandled rejections are logged and the process keeps serving (one failed promise must not
 * drop every conversation); an uncaught exception leaves the process in an unknown state, so it
 * is logged and the bot shuts down with status 1.
 */
export function installProcessHandlers(
  logger: Logger,
  stop: () => Promise<void>,
  options: ProcessHandlerOptions = {},
): ProcessHandlers {
  const proc: ProcessLike = options.proc ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let shutting: Promise<void> | undefined;
  let pendingCode = 0;

  function shutdown(code: number, reason: string): Promise<void> {
    shutting ??= (async () => {
      pendingCode = code;
      logger.info({ reason, exitCode: code }, 'shutting down');
      const watchdog = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown took too long; exiting anyway');
        exit(1);
      }, timeoutMs);
      let status = code;
      try {
        await stop();
      } catch (error) {
        logger.error({ err: describe(error) }, 'shutdown failed');
        status = 1;
      } finally {
        clearTimeout(watchdog);
      }
      exit(status);
    })();
    return shutting;
  }

  const onRejection = (reason: unknown) => {
    logger.error({ err: describe(reason) }, 'unhandled rejection (kept running)');
  };
  const onException = (error: Error) => {
    logger.error({ err: { ...describe(error), stack: error.stack } }, 'uncaught exception; shutting down');
    void shutdown(1, 'uncaught exception');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutting) {
      logger.warn({ signal }, 'second signal during shutdown: exiting at once');
      // Keep a fatal status (78: do not restart me) if that is why we were stopping.
      exit(pendingCode === 0 ? 1 : pendingCode);
      return;
    }
    void shutdown(0, signal);
  };

  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  proc.on('SIGTERM', onSignal);
  proc.on('SIGINT', onSignal);
  return {
    shutdown,
    uninstall() {
      proc.off('unhandledRejection', onRejection);
      proc.off('uncaughtException', onException);
      proc.off('SIGTERM', onSignal);
      proc.off('SIGINT', onSignal);
    },
  };
}

/** Errors no retry can fix: configuration, the article model, a refused token, fatal gateway close codes, a permanently unusable store. */
export function isFatalStartError(error: unknown): boolean {
  if (error instanceof ConfigError || error instanceof FatalDiscordError) return true;
  // A missing or broken article model stays broken until someone fixes the file.
  if (error instanceof ArticleModelError || error instanceof LibraryError) return true;
  return error instanceof StoreConfigError && error.permanent;
}

export interface RetryOptions {
  policy?: BackoffPolicy;
  /** Default: unlimited (the delay is capped instead). */
  maxAttempts?: number;
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * Runs `start` until it succeeds. Fatal errors (isFatalStartError) and an abort are thrown at
 * once; anything else (Discord or the store unreachable, 5xx) is retried with capped
 * exponential backoff and jitter, one warn line per failure. Retrying in-process, rather than
 * exiting into a supervisor's restart loop, keeps the backoff across attempts.
 */
export async function startWithRetry<T>(
  start: (attempt: number) => Promise<T>,
  logger: Logger,
  options: RetryOptions = {},
): Promise<T> {
  const policy = options.policy ?? START_BACKOFF;
  const pause = options.sleep ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(attempt);
    } catch (error) {
      if (isFatalStartError(error) || options.signal?.aborted) throw error;
      if (options.maxAttempts !== undefined && attempt >= options.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, policy, options.random);
      logger.warn({ attempt, delayMs, err: describe(error) }, 'start-up failed; retrying after a backoff');
      await pause(delayMs, options.signal);
    }
  }
}
