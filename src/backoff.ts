/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * min(maxMs, baseMs · 2^(n-1)). The floor of half keeps a failing loop from retrying faster than
 * maxMs / 2 once it reaches the cap (the point: Discord allows 1,000 IDENTIFYs a day); the random
 * half spreads restarts of many processes apart.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry `attempt` (1, 2, 3…); `random` returns [0, 1). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
