import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIM_TTL_MS, createInteractionClaims, MemoryClaims } from '../../src/comments/claims.js';
import { redisUrl, uniquePrefix } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-claims-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backends = [
  { name: 'sqlite', url: () => `sqlite://${join(dir, `${uniquePrefix()}.sqlite`)}`, prefix: undefined },
  { name: 'redis', url: () => redisUrl, prefix: uniquePrefix() },
];

describe.each(backends)('interaction claims on $name', ({ url, prefix }) => {
  it('exactly one of two connections wins each of 40 ids claimed at once from both', async () => {
    const databaseUrl = url();
    const opts = prefix === undefined ? {} : { keyPrefix: prefix };
    const a = await createInteractionClaims(databaseUrl, opts);
    const b = await createInteractionClaims(databaseUrl, opts);
    try {
      const ids = Array.from({ length: 40 }, () => uniquePrefix());
      const results = await Promise.all(ids.flatMap((id) => [a.claim(id), b.claim(id)]));
      for (let i = 0; i < ids.length; i++) {
        expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
      }
      // A later copy of a claimed id loses too.
      expect(await a.claim(ids[0] ?? '')).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('in one process (memory://)', () => {
  it('claims an id once, and forgets it after an interaction’s lifetime', async () => {
    let now = 1_000;
    const claims = new MemoryClaims(() => now);
    expect(await claims.claim('1')).toBe(true);
    expect(await claims.claim('1')).toBe(false);
    now += CLAIM_TTL_MS + 1;
    expect(await claims.claim('2')).toBe(true);
    expect(await claims.claim('1')).toBe(true);
  });
});
