import { describe, expect, it } from 'vitest';
import { CommentCooldown } from '../../src/comments/cooldown.js';

describe('CommentCooldown', () => {
  it('lets the first comment through and makes the next wait, counting down in whole seconds', () => {
    const cd = new CommentCooldown();
    expect(cd.take('g1', 'u1', 1_000, 10)).toBe(0);
    expect(cd.take('g1', 'u1', 1_001, 10)).toBe(10);
    expect(cd.take('g1', 'u1', 6_500, 10)).toBe(5);
    expect(cd.remaining('g1', 'u1', 10_999)).toBe(1);
    expect(cd.take('g1', 'u1', 11_000, 10)).toBe(0);
  });

  it('is per member and per server', () => {
    const cd = new CommentCooldown();
    expect(cd.take('g1', 'u1', 0, 10)).toBe(0);
    expect(cd.take('g1', 'u2', 0, 10)).toBe(0);
    expect(cd.take('g2', 'u1', 0, 10)).toBe(0);
    expect(cd.take('g1', 'u1', 0, 10)).toBe(10);
  });

  it('remaining() does not claim a slot', () => {
    const cd = new CommentCooldown();
    expect(cd.remaining('g', 'u', 0)).toBe(0);
    expect(cd.take('g', 'u', 0, 5)).toBe(0);
  });

  it('gives the slot back when the comment was not stored', () => {
    const cd = new CommentCooldown();
    cd.take('g', 'u', 100, 10);
    cd.release('g', 'u', 100);
    expect(cd.take('g', 'u', 200, 10)).toBe(0);
    // A release for an older claim leaves the newer one alone.
    cd.release('g', 'u', 100);
    expect(cd.take('g', 'u', 300, 10)).toBe(10);
  });

  it('is disabled at 0 seconds', () => {
    const cd = new CommentCooldown();
    for (let i = 0; i < 5; i++) expect(cd.take('g', 'u', 0, 0)).toBe(0);
  });

  it('forgets expired members once many are tracked', () => {
    const cd = new CommentCooldown();
    for (let i = 0; i < 2_000; i++) cd.take('g', `u${i}`, 0, 1);
    cd.take('g', 'late', 5_000, 1);
    expect(cd.size).toBeLessThan(100);
  });
});
