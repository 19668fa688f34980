import { describe, expect, it } from 'vitest';
import { createCommentKeyv } from '../../src/comments/values.js';
import { makeComment } from '../comment-commands/fixtures.js';

/** A keyv storage that fails every write, like a store that lost its connection. */
class BrokenMap extends Map<string, unknown> {
  override set(): never {
    throw new Error('connection lost');
  }
}

describe('keyv errors', () => {
  it('reach the caller, and the event is logged at debug instead of swallowed', async () => {
    const seen: { details: object; message: string }[] = [];
    const keyv = createCommentKeyv(new BrokenMap(), {
      debug: (details, message) => seen.push({ details, message }),
    });
    await expect(keyv.set('k', makeComment({ number: 1 }))).rejects.toThrow('connection lost');
    expect(seen).toEqual([
      { details: { err: { name: 'Error', message: 'connection lost' } }, message: 'keyv error' },
    ]);
  });
});
