import { defineConfig } from 'vitest/config';

/**
 * Four projects, so the default loop is fast and the heavy suites are named:
 * - unit: pure code, no sockets or child processes (a guard makes any attempt fail) — `npm run test:unit`;
 * - store: the comment stores on real SQLite files and a real redis-server;
 * - e2e: the real discord.js client through the emulator (packages/discord-emulator);
 * - slow: child processes, sharding, reliability faults, fuzz budgets, 100k-scale data.
 * `npm test` runs them all. New files land in `unit` unless their name or folder says otherwise.
 */
const SLOW = [
  'test/reliability/**/*.test.ts',
  'test/sharding/**/*.test.ts',
  'test/fuzz/*.e2e.test.ts',
  'test/**/*.slow.test.ts',
  'test/comments/scale.test.ts',
  'test/comments/multiprocess.test.ts',
  'test/security/token.test.ts',
];
const STORE = [
  'test/comments/store-contract.test.ts',
  'test/comments/factory.test.ts',
  'test/comments/failures.test.ts',
  'test/comments/write-queue.test.ts',
  'test/**/*.store.test.ts',
];
const E2E = [
  'test/**/*.e2e.test.ts',
  'packages/*/test/**/*.test.ts',
  'test/security/least-privilege.test.ts',
];

/** Projects that start the compiled bot get dist/ brought up to date once, before their tests. */
const BUILD = ['test/setup/redis.ts', 'test/setup/build.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/redis.ts'],
    // vitest's default for `run` is one worker fewer than the cores: on this 2-core machine, one file
    // at a time. Most slow files wait on child processes and the emulator, so a file per core overlaps
    // that waiting with the next file's work (221 s → 138 s for the whole suite, quiet machine).
    maxWorkers: '100%',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll's own default gives up after 1 s: a loaded machine can be slower than that without
    // anything being wrong. A generous bound that only a real hang reaches (a test may set its own).
    expect: { poll: { timeout: 30_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...SLOW, ...STORE, ...E2E],
          setupFiles: ['test/setup/unit-guard.ts'],
        },
      },
      { extends: true, test: { name: 'store', include: STORE, exclude: SLOW } },
      { extends: true, test: { name: 'e2e', include: E2E, exclude: SLOW, globalSetup: BUILD } },
      // Child processes and crash recoveries on a loaded machine: the bound is an upper limit that
      // only a hang reaches, never a window a healthy run must fit in.
      {
        extends: true,
        test: { name: 'slow', include: SLOW, globalSetup: BUILD, testTimeout: 120_000, hookTimeout: 120_000 },
      },
    ],
  },
});
