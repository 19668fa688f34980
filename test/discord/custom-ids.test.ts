import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { allAnchorKeys } from '../../src/comments/anchors.js';
import {
  type CommentButton,
  type CommentModal,
  commentButtons,
  commentModals,
  SORTS,
} from '../../src/comments/custom-ids.js';
import { STANCES } from '../../src/comments/domain.js';
import {
  CustomIdTooLongError,
  commandOf,
  customIds,
  rest,
  text,
  whole,
} from '../../src/discord/custom-ids.js';
import { LIMITS } from '../../src/discord/limits.js';
import { parsePageId } from '../../src/discord/pages.js';
import { hostileText } from '../fuzz/arbitraries.js';
import { loadMainArticle, loadSecondArticle } from '../helpers/articles.js';

let anchors: string[];
beforeAll(async () => {
  const articles: Article[] = [await loadMainArticle(), await loadSecondArticle()];
  anchors = articles.flatMap(allAnchorKeys);
});

const owner = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const page = fc.nat({ max: 9999 });
const n = fc.integer({ min: 1, max: 2 ** 31 - 1 });
/** Any text, with the separator and escape characters over-represented. */
const anyText = fc.oneof(
  hostileText(60),
  fc.string({ unit: fc.constantFrom(':', '%', '3', 'A', '2', '5', 'a', 'l', '-'), maxLength: 30 }),
);
/** Any anchor text but `all`, which stands for "every anchor" (and is refused as an anchor). */
const anyAnchor = anyText.filter((t) => t !== 'all');

/** Encodes, and either gets the same value back from a ≤ 100-character id, or a refusal for length. */
function roundTrips<T>(codec: { encode(v: T): string; decode(id: string): T | undefined }, value: T): void {
  let id: string;
  try {
    id = codec.encode(value);
  } catch (error) {
    expect(error).toBeInstanceOf(CustomIdTooLongError);
    expect((error as CustomIdTooLongError).id.length).toBeGreaterThan(LIMITS.customId);
    return;
  }
  expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
  expect(codec.decode(id)).toEqual(value);
}

/** An article's short reference (articleRef): 6 base64url characters. */
const REF = 'Ab-_09';
const ref = fc.stringMatching(/^[A-Za-z0-9_-]{6}$/);

describe('comment custom ids', () => {
  const anchorOf = (pick: number, free: string, all: boolean) =>
    all ? null : (anchors[pick % anchors.length] ?? free);

  it('every article anchor round-trips through every button kind, within 100 characters', () => {
    for (const anchor of [...anchors, null]) {
      const ids: CommentButton[] = [
        { kind: 'list', article: REF, anchor },
        ...SORTS.map((sort) => ({
          kind: 'pl' as const,
          owner: '1'.repeat(20),
          page: 9999,
          sort,
          article: REF,
          anchor,
        })),
      ];
      for (const id of ids) expect(commentButtons.decode(commentButtons.encode(id))).toEqual(id);
      for (const stance of [...STANCES, null]) {
        if (anchor === null) continue;
        const modal: CommentModal = { kind: 'add', stance, article: REF, anchor };
        expect(commentModals.decode(commentModals.encode(modal))).toEqual(modal);
      }
    }
  });

  it('any button round-trips (or is refused for length, never cut)', () => {
    const button: fc.Arbitrary<CommentButton> = fc.oneof(
      fc.record({
        kind: fc.constant('pl' as const),
        owner,
        page,
        sort: fc.constantFrom(...SORTS),
        article: ref,
        anchor: fc.tuple(fc.nat(), anyAnchor, fc.boolean()).map(([p, f, all]) => anchorOf(p, f, all)),
      }),
      fc.record({ kind: fc.constant('pt' as const), owner, page, n }),
      fc.record({
        kind: fc.constant('list' as const),
        article: ref,
        anchor: fc.option(anyAnchor, { nil: null }),
      }),
      fc.record({ kind: fc.constantFrom('reply' as const, 'vote' as const, 'flag' as const), n }),
    );
    fc.assert(fc.property(button, (id) => roundTrips(commentButtons, id)));
  });

  it('any form id round-trips', () => {
    const modal: fc.Arbitrary<CommentModal> = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        stance: fc.constantFrom(...STANCES, null),
        article: ref,
        anchor: fc.oneof(fc.constantFrom(...['article', 'topic:taiwan', 'p:5']), anyText),
      }),
      fc.record({ kind: fc.constant('reply' as const), n }),
    );
    fc.assert(fc.property(modal, (id) => roundTrips(commentModals, id)));
  });

  it('keeps the readable shapes the cards have always had', () => {
    expect(commentButtons.encode({ kind: 'vote', n: 12 })).toBe('comment:vote:12');
    expect(commentButtons.encode({ kind: 'list', article: REF, anchor: null })).toBe(
      `comment:list:${REF}:all`,
    );
    expect(
      commentModals.encode({ kind: 'add', stance: 'adds context', article: REF, anchor: 'topic:taiwan' }),
    ).toBe(`comment:add:adds context:${REF}:topic%3Ataiwan`);
  });

  it('rejects what it did not write: other commands, unknown kinds, bad fields, extra or missing parts', () => {
    for (const id of [
      'who:vote:12',
      'comment:nope:12',
      'comment:vote:x',
      'comment:vote:12:13',
      'comment:vote',
      'comment:pl:1:0:sideways:all',
      'comment:pt:1:10000:3',
      'comment:add:maybe:article',
      'comment:list:a:b:c',
      '',
    ]) {
      expect(commentButtons.decode(id) ?? commentModals.decode(id), id).toBeUndefined();
    }
    // `all` is "every anchor", so it cannot be an anchor.
    expect(() => commentButtons.encode({ kind: 'list', article: REF, anchor: 'all' })).toThrow('reserved');
    // A '%' not written by the codec stays as it is.
    expect(commentButtons.decode(`comment:list:${REF}:50%`)).toEqual({
      kind: 'list',
      article: REF,
      anchor: '50%',
    });
  });

  it('never throws on any incoming id', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText(120),
          anyText.map((t) => `comment:${t}`),
        ),
        (junk) => {
          commentButtons.decode(junk);
          commentModals.decode(junk);
          parsePageId(junk);
          expect(typeof commandOf(junk)).toBe('string');
        },
      ),
    );
  });
});

describe('the codec itself', () => {
  it('refuses to build an id over 100 characters', () => {
    const codec = customIds('x', { t: { a: text } });
    expect(codec.encode({ kind: 't', a: 'y'.repeat(96) })).toHaveLength(100);
    expect(() => codec.encode({ kind: 't', a: 'y'.repeat(97) })).toThrow(CustomIdTooLongError);
    // Escaping counts: 32 colons take exactly the 96 characters left, 33 are too many.
    expect(codec.encode({ kind: 't', a: ':'.repeat(32) })).toHaveLength(100);
    expect(() => codec.encode({ kind: 't', a: ':'.repeat(33) })).toThrow(CustomIdTooLongError);
  });

  it('a rest field takes every part left, including none', () => {
    const codec = customIds('x', { r: { n: whole(2), more: rest } });
    expect(codec.decode(codec.encode({ kind: 'r', n: 7, more: [] }))).toEqual({ kind: 'r', n: 7, more: [] });
    expect(codec.decode('x:r:7:a:b%3Ac')).toEqual({ kind: 'r', n: 7, more: ['a', 'b:c'] });
  });
});
