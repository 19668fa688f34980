import { describe, expect, it } from 'vitest';
import { E2E_SUITES, RUNS, seedFor, total } from './budget.js';

describe('fuzz budget', () => {
  it('runs at least 10,000 cases in total, at least 2,000 of them end to end', () => {
    expect(total()).toBeGreaterThanOrEqual(10_000);
    expect(total(E2E_SUITES)).toBeGreaterThanOrEqual(2_000);
  });

  it('gives every property its own fixed seed', () => {
    const seeds = Object.entries(RUNS).flatMap(([suite, props]) =>
      Object.keys(props).map((p) => seedFor(suite as keyof typeof RUNS, p)),
    );
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0).toBe(true);
  });
});
