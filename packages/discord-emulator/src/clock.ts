/** A clock the emulator reads for every lifecycle check (3 s to acknowledge, 15 min of webhook). */
export type Clock = () => number;

/** A hand-driven clock for tests: starts at `start` (default: the real time) and only moves on `advance`. */
export interface ManualClock {
  /** Pass this as the emulator's `now` option. */
  readonly now: Clock;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start: number = Date.now()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}
