/** One entry of Discord's `_errors` arrays, e.g. `{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }`. */
export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested error tree: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export interface ErrorTree {
  _errors?: FieldError[];
  [key: string]: ErrorTree | FieldError[] | undefined;
}

/** A JSON error body as Discord sends it. */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: ErrorTree;
  retry_after?: number;
  global?: boolean;
}

export type FieldPath = readonly (string | number)[];

export interface FieldErrorEntry {
  path: string[];
  code: string;
  message: string;
}

/** Collects field errors while validating, then renders them as Discord's nested tree. */
export class FieldErrors {
  constructor(
    private readonly prefix: FieldPath = [],
    readonly list: FieldErrorEntry[] = [],
  ) {}

  add(path: FieldPath, code: string, message: string): void {
    this.list.push({ path: [...this.prefix, ...path].map(String), code, message });
  }

  /** A view that prefixes every path (errors land in the same list). */
  at(...path: FieldPath): FieldErrors {
    return new FieldErrors([...this.prefix, ...path], this.list);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  toTree(): ErrorTree {
    const root: ErrorTree = {};
    for (const { path, code, message } of this.list) {
      let node: ErrorTree = root;
      for (const key of path) {
        const next = node[key];
        if (next === undefined || Array.isArray(next)) {
          const created: ErrorTree = {};
          node[key] = created;
          node = created;
        } else {
          node = next;
        }
      }
      node._errors = [...(node._errors ?? []), { code, message }];
    }
    return root;
  }
}

/** Flattens an error tree to `{ 'data.embeds.0.title': ['BASE_TYPE_MAX_LENGTH: Must be …'] }`. */
export function flattenErrorTree(tree: unknown, prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof tree !== 'object' || tree === null) return out;
  for (const [key, value] of Object.entries(tree)) {
    if (key === '_errors' && Array.isArray(value)) {
      out[prefix || '(root)'] = value.map((e: unknown) =>
        typeof e === 'object' && e !== null && 'code' in e && 'message' in e
          ? `${String(e.code)}: ${String(e.message)}`
          : String(e),
      );
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      Object.assign(out, flattenErrorTree(value, prefix ? `${prefix}.${key}` : key));
    }
  }
  return out;
}

/** An HTTP error a route handler throws; the server turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code}: ${body.message}`);
    this.name = 'HttpError';
  }
}

export const DiscordErrors = {
  invalidFormBody: (errors: FieldErrors): HttpError =>
    new HttpError(400, { code: 50035, message: 'Invalid Form Body', errors: errors.toTree() }),
  emptyMessage: (): HttpError => new HttpError(400, { code: 50006, message: 'Cannot send an empty message' }),
  unknownInteraction: (): HttpError => new HttpError(404, { code: 10062, message: 'Unknown interaction' }),
  alreadyAcknowledged: (): HttpError =>
    new HttpError(400, { code: 40060, message: 'Interaction has already been acknowledged.' }),
  unknownWebhook: (): HttpError => new HttpError(404, { code: 10015, message: 'Unknown Webhook' }),
  invalidWebhookToken: (): HttpError => new HttpError(401, { code: 50027, message: 'Invalid Webhook Token' }),
  unknownMessage: (): HttpError => new HttpError(404, { code: 10008, message: 'Unknown Message' }),
  unknownApplication: (): HttpError => new HttpError(404, { code: 10002, message: 'Unknown Application' }),
  unknownCommand: (): HttpError =>
    new HttpError(404, { code: 10063, message: 'Unknown application command' }),
  unknownGuild: (): HttpError => new HttpError(404, { code: 10004, message: 'Unknown Guild' }),
  unknownChannel: (): HttpError => new HttpError(404, { code: 10003, message: 'Unknown Channel' }),
  missingAccess: (): HttpError => new HttpError(403, { code: 50001, message: 'Missing Access' }),
  unauthorized: (): HttpError => new HttpError(401, { code: 0, message: '401: Unauthorized' }),
  notFound: (): HttpError => new HttpError(404, { code: 0, message: '404: Not Found' }),
  methodNotAllowed: (): HttpError => new HttpError(405, { code: 0, message: '405: Method Not Allowed' }),
  payloadTooLarge: (): HttpError => new HttpError(413, { code: 40005, message: 'Request entity too large' }),
  badRequest: (message: string): HttpError => new HttpError(400, { code: 50109, message }),
} as const;

/**
 * Thrown to the test/sandbox author when a scenario helper is used wrongly (unknown command, bad option…)
 * or when Discord's client itself would refuse the input (a required option left empty…).
 * `reason` is the plain statement a person at the sandbox console can read; `hint` is advice for a test
 * author (e.g. `force: true`) and only appears in `message`.
 */
export class EmulatorUsageError extends Error {
  readonly reason: string;
  constructor(reason: string, hint?: string) {
    super(hint ? `${reason} (${hint})` : reason);
    this.name = 'EmulatorUsageError';
    this.reason = reason;
  }
}

/** The bot did not answer (or no bot session was there to receive the interaction) in time. */
export class EmulatorTimeoutError extends EmulatorUsageError {
  constructor(reason: string) {
    super(reason);
    this.name = 'EmulatorTimeoutError';
  }
}

/** The advice for test authors on checks Discord's client makes before sending. */
export const FORCE_HINT = 'pass force: true to send it anyway';
