/** REST fault injection: the next N matching requests get a 429/5xx (or a delay) instead of the real answer. */

export interface RestFaultRule {
  /**
   * Which requests: a string matches when the path below `/api/v10` contains it or the route pattern equals it
   * (`'/interactions/:id/:token/callback'`); a RegExp is tested against `"METHOD /path"`. Omit to match all.
   */
  route?: string | RegExp;
  method?: string;
  /** How many matching requests to fault (default 1). */
  times?: number;
  /** Status to answer with. Default: 429 when `retryAfter` is set, else 500 (unless only `delayMs` is given). */
  status?: number;
  /** Seconds for 429 answers (`Retry-After` header and `retry_after` body). Default 0.05. */
  retryAfter?: number;
  /** Mark a 429 as the global rate limit. */
  global?: boolean;
  /** Wait this long before answering (with the fault status, or normally if no status applies). */
  delayMs?: number;
  /** Custom response body. */
  body?: unknown;
}

export interface RestFault {
  readonly rule: RestFaultRule;
  /** Requests still to fault. */
  remaining: number;
  /** Requests faulted so far. */
  hits: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  label: string;
}

export class RestFaults {
  readonly #queue: RestFault[] = [];

  /** Queues a fault; returns a handle whose `hits`/`remaining` show what happened. */
  add(rule: RestFaultRule): RestFault {
    const fault: RestFault = { rule, remaining: rule.times ?? 1, hits: 0 };
    this.#queue.push(fault);
    return fault;
  }

  /** Shorthand: the next `times` matching requests get 429 with `retryAfter` seconds. */
  rateLimit(route: string | RegExp, retryAfter = 0.05, times = 1, global = false): RestFault {
    return this.add({ route, retryAfter, times, status: 429, global });
  }

  /** Shorthand: the next `times` matching requests get a 5xx. */
  serverError(route: string | RegExp, times = 1, status = 500): RestFault {
    return this.add({ route, times, status });
  }

  clear(): void {
    this.#queue.length = 0;
  }

  get pending(): readonly RestFault[] {
    return this.#queue.filter((f) => f.remaining > 0);
  }

  /** Takes the first matching fault for this request, if any. */
  take(method: string, path: string, route: string | null): RestFault | null {
    for (const fault of this.#queue) {
      if (fault.remaining <= 0) continue;
      const { rule } = fault;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.route !== undefined) {
        const matches =
          typeof rule.route === 'string'
            ? path.includes(rule.route) || route === rule.route
            : rule.route.test(`${method.toUpperCase()} ${path}`);
        if (!matches) continue;
      }
      fault.remaining--;
      fault.hits++;
      return fault;
    }
    return null;
  }
}

/** The response a fault produces, or null if it only delays. */
export function faultResponse(rule: RestFaultRule): FaultResponse | null {
  const status =
    rule.status ?? (rule.retryAfter !== undefined ? 429 : rule.delayMs !== undefined ? null : 500);
  if (status === null) return null;
  if (status === 429) {
    const retryAfter = rule.retryAfter ?? 0.05;
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': rule.global ? 'global' : 'user',
    };
    if (rule.global) headers['x-ratelimit-global'] = 'true';
    return {
      status,
      headers,
      body: rule.body ?? {
        message: 'You are being rate limited.',
        retry_after: retryAfter,
        global: rule.global ?? false,
      },
      label: `429 retry_after=${retryAfter}`,
    };
  }
  return {
    status,
    headers: {},
    body: rule.body ?? { message: `${status}: Internal Server Error`, code: 0 },
    label: String(status),
  };
}
