import type { APIApplicationCommandOptionChoice, Snowflake } from 'discord.js';
import { EmulatorTimeoutError, flattenErrorTree } from './errors.js';
import type {
  CallbackAttempt,
  EmulatedMessage,
  EmulatedModal,
  InteractionRecord,
  InteractionStore,
} from './interactions.js';
import type { InteractionPayload } from './payloads.js';
import { errorCode, type RestLogEntry } from './rest-log.js';
import { isRecord } from './validation-core.js';

/** What the bot did with one interaction, read live from the emulator's state. */
export class InteractionResult {
  constructor(
    private readonly store: InteractionStore,
    readonly record: InteractionRecord,
  ) {}

  get id(): Snowflake {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** Callback type the bot used (4 reply, 5 defer, 6 deferred update, 7 update, 8 choices, 9 modal), or null. */
  get type(): number | null {
    return this.record.response?.type ?? null;
  }

  /** Whether the bot's answer arrived within 3 s of dispatch (null if it never answered). */
  get inTime(): boolean | null {
    return this.record.response?.inTime ?? null;
  }

  get deferred(): boolean {
    return this.type === 5 || this.type === 6;
  }

  /** The reply (or, after 6/7, the updated component message) as a user sees it now. */
  get message(): EmulatedMessage | null {
    return this.record.originalMessageId ? this.store.view(this.record.originalMessageId) : null;
  }

  get modal(): EmulatedModal | null {
    return this.record.modal ? structuredClone(this.record.modal) : null;
  }

  get choices(): APIApplicationCommandOptionChoice[] | null {
    return this.record.choices ? structuredClone(this.record.choices) : null;
  }

  get followUps(): EmulatedMessage[] {
    return this.record.followUpIds.flatMap((id) => this.store.view(id) ?? []);
  }

  /** REST responses ≥ 400 the bot got for this interaction (validation errors, 10062, 40060…). */
  get errors(): RestLogEntry[] {
    return [...this.record.errors];
  }

  /** Discord error codes of `errors` (e.g. `[50035]`). */
  get errorCodes(): number[] {
    return this.record.errors.flatMap((e) => errorCode(e) ?? []);
  }

  get callbacks(): CallbackAttempt[] {
    return [...this.record.callbacks];
  }

  /** The INTERACTION_CREATE payload that was dispatched. */
  get payload(): InteractionPayload {
    return this.record.payload;
  }

  /** Waits until `predicate` holds (checked on every change of this interaction). */
  waitFor(
    predicate: (result: InteractionResult) => boolean,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<this> {
    return waitForRecord(
      this.store,
      this.record,
      () => predicate(this),
      timeoutMs,
      `${what} on ${this.record.label}`,
    ).then(() => this);
  }

  /** Waits until the bot sent at least `count` follow-ups. */
  waitForFollowUps(count = 1, timeoutMs = 5000): Promise<this> {
    return this.waitFor((r) => r.record.followUpIds.length >= count, timeoutMs, `${count} follow-up(s)`);
  }

  /** Waits until the reply changed after `edits` edits (default: one more than now). */
  waitForEdit(timeoutMs = 5000): Promise<this> {
    const before = this.message?.edits ?? 0;
    return this.waitFor((r) => (r.message?.edits ?? 0) > before, timeoutMs, 'an edit of the reply');
  }
}

/** A readable summary of REST errors, for timeout messages. */
export function describeErrors(errors: readonly RestLogEntry[]): string {
  if (errors.length === 0) return 'no REST errors';
  return errors
    .map((e) => {
      const body = e.responseBody;
      const code = errorCode(e);
      const message = isRecord(body) && typeof body.message === 'string' ? body.message : '';
      const fields = isRecord(body) ? flattenErrorTree(body.errors) : {};
      const detail = Object.entries(fields)
        .map(([path, list]) => `${path}: ${list.join('; ')}`)
        .join(' | ');
      return `${e.method} ${e.route ?? e.path} → ${e.status} ${code ?? ''} ${message}${detail ? ` [${detail}]` : ''}`;
    })
    .join('\n  ');
}

function waitForRecord(
  store: InteractionStore,
  record: InteractionRecord,
  done: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onChange = (id: string) => {
      if (id !== record.id || !done()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new EmulatorTimeoutError(
          `Timed out after ${timeoutMs} ms waiting for ${what}; ${describeErrors(record.errors)}`,
        ),
      );
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      store.events.off('change', onChange);
    };
    store.events.on('change', onChange);
  });
}

const isRetried = (entry: RestLogEntry): boolean => entry.status === 429 || entry.status >= 500;

/**
 * Waits until the user sees the bot's complete answer: a reply/update/modal/choices, or — after a defer —
 * the edit or follow-up. If the bot only got errors, resolves `errorGraceMs` after the last final
 * refusal (so the result shows them; 429 and 5xx are retried by clients and don't count); rejects after `timeoutMs` with a clear message.
 */
export function waitForAnswer(
  store: InteractionStore,
  record: InteractionRecord,
  timeoutMs: number,
  errorGraceMs: number,
): Promise<void> {
  if (record.settled) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    let seenErrors = record.errors.length;
    const onChange = (id: string) => {
      if (id !== record.id) return;
      if (record.settled) {
        cleanup();
        resolve();
        return;
      }
      if (record.errors.length > seenErrors) {
        const fresh = record.errors.slice(seenErrors);
        seenErrors = record.errors.length;
        // A 429 or 5xx is retried by the client: only a final refusal starts the grace, so a slow
        // retry on a loaded machine is waited for instead of racing a wall-clock window.
        if (fresh.every(isRetried)) return;
        clearTimeout(grace);
        grace = setTimeout(() => {
          cleanup();
          resolve();
        }, errorGraceMs);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      const state = record.response
        ? `it acknowledged with type ${record.response.type} but never completed the reply`
        : 'it never answered';
      reject(
        new EmulatorTimeoutError(
          `Bot did not respond to ${record.label} (interaction ${record.id}) within ${timeoutMs} ms: ${state}; ${describeErrors(record.errors)}`,
        ),
      );
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      clearTimeout(grace);
      store.events.off('change', onChange);
    };
    store.events.on('change', onChange);
  });
}
