/**
 * Throughput contests: contenders take turns in short rounds (rotating order), so a slow moment of a
 * shared disk or CPU lands on all of them; a ratio is the median of the per-round ratios of adjacent
 * rounds, which a burst in one round cannot move much.
 */
import { median, opsPerSecond, rotate, runConcurrent, summarize } from './stats.js';

export interface Contender {
  name: string;
  add: (i: number) => Promise<unknown>;
}

export interface ContestResult {
  name: string;
  median: number;
  p99: number;
  /** Adds ÷ total wall time over all rounds. */
  opsPerSec: number;
  /** Throughput of each round, in round order. */
  perRound: number[];
}

export interface ContestPlan {
  concurrency: number;
  rounds: number;
  perRound: number;
  /** Untimed adds per contender first. */
  warmup: number;
}

/** `next()` hands out distinct indices for the contenders' adds. */
export async function contest(
  contenders: readonly Contender[],
  plan: ContestPlan,
  next: (count: number) => number,
): Promise<ContestResult[]> {
  for (const c of contenders) {
    const from = next(plan.warmup);
    await runConcurrent(plan.warmup, plan.concurrency, (k) => c.add(from + k));
  }
  const latencies = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const rounds = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const wall = new Map<string, number>(contenders.map((c) => [c.name, 0]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const c of rotate(contenders, round)) {
      const from = next(plan.perRound);
      const run = await runConcurrent(plan.perRound, plan.concurrency, (k) => c.add(from + k));
      latencies.get(c.name)?.push(...run.latencies);
      rounds.get(c.name)?.push(opsPerSecond(plan.perRound, run.wallMs));
      wall.set(c.name, (wall.get(c.name) ?? 0) + run.wallMs);
    }
  }
  return contenders.map((c) => {
    const s = summarize(latencies.get(c.name) ?? []);
    return {
      name: c.name,
      median: s.median,
      p99: s.p99,
      opsPerSec: opsPerSecond(plan.rounds * plan.perRound, wall.get(c.name) ?? 0),
      perRound: rounds.get(c.name) ?? [],
    };
  });
}

/** Median over rounds of a's throughput ÷ b's in the same round. */
export function roundRatio(a: ContestResult, b: ContestResult): number {
  return median(a.perRound.map((x, i) => x / (b.perRound[i] ?? Number.NaN)));
}
