import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import {
  allAnchorKeys,
  anchorChoices,
  anchorLine,
  describeAnchor,
  parseAnchorKey,
  resolveAnchor,
} from '../../src/comments/anchors.js';
import { commentButtons } from '../../src/comments/custom-ids.js';
import { UserError } from '../../src/errors.js';
import { loadMainArticle, loadSecondArticle } from '../helpers/articles.js';

let article: Article;
let second: Article;
beforeAll(async () => {
  article = await loadMainArticle();
  second = await loadSecondArticle();
});

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('anchor keys', () => {
  it('parses every key of the article and round-trips it', () => {
    const keys = allAnchorKeys(article);
    expect(keys).toContain('article');
    expect(keys).toContain('p:5');
    expect(keys).toContain('actor:michael-chase');
    expect(keys).toContain('topic:taiwan');
    for (const key of keys) {
      expect(parseAnchorKey(article, key), key).toBeDefined();
      expect(resolveAnchor(article, key)).toBe(key);
    }
  });

  it('rejects malformed keys and keys the article does not have', () => {
    for (const key of [
      '',
      'p:',
      'p:0',
      'p:7',
      'p:5x',
      'actor:',
      'actor:nobody',
      'topic:x',
      'position:y',
      'para:1',
    ]) {
      expect(parseAnchorKey(article, key), key).toBeUndefined();
    }
  });

  it('fits every key in a list page button id with the longest owner id', () => {
    for (const key of allAnchorKeys(article)) {
      const id = {
        kind: 'pl',
        owner: '12345678901234567890',
        page: 9999,
        sort: 'newest',
        article: 'Ab-_09',
        anchor: key,
      } as const;
      expect(commentButtons.decode(commentButtons.encode(id))).toEqual(id);
    }
  });
});

describe('resolveAnchor (typed values)', () => {
  it.each([
    ['¶5', 'p:5'],
    ['5', 'p:5'],
    ['p5', 'p:5'],
    ['P 5', 'p:5'],
    ['paragraph 3', 'p:3'],
    ['Michael Chase', 'actor:michael-chase'],
    ['chase', 'actor:michael-chase'],
    ['General Song', 'actor:song-yanchao'],
    ['PRC', 'actor:china'],
    ['South China Sea', 'topic:south-china-sea'],
    ['Topic · South China Sea', 'topic:south-china-sea'],
    ['actor: south china sea', 'actor:south-china-sea'],
    ['whole article', 'article'],
  ])('%s → %s', (typed, key) => {
    expect(resolveAnchor(article, typed)).toBe(key);
  });

  it('prefers the topic when a name is both a topic and an actor', () => {
    expect(resolveAnchor(article, 'Taiwan')).toBe('topic:taiwan');
    expect(resolveAnchor(article, 'actor Taiwan')).toBe('actor:taiwan');
  });

  it('refuses a paragraph out of range with the range', () => {
    const error = userError(() => resolveAnchor(article, '¶9'));
    expect(error.identifier).toBe('unknown-anchor');
    expect(error.message).toContain('¶1–¶6');
  });

  it('refuses an unknown anchor with suggestions', () => {
    const error = userError(() => resolveAnchor(article, 'Chace'));
    expect(error.identifier).toBe('unknown-anchor');
    expect(error.message).toContain('Michael Chase');
  });

  it('never echoes Markdown from the typed value', () => {
    const error = userError(() => resolveAnchor(article, '**zzqx** `boom`'));
    expect(error.message).not.toMatch(/\*\*zzqx|`boom`/);
  });

  it('is total: any input resolves to a valid key or fails with a UserError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        try {
          const key = resolveAnchor(article, raw);
          expect(parseAnchorKey(article, key)).toBeDefined();
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
        }
      }),
    );
  });
});

describe('anchor choices and labels', () => {
  it('offers the article, paragraphs with opening words, then topics, with an empty query', () => {
    const choices = anchorChoices(article, '');
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'Whole article', value: 'article' });
    expect(choices[5]?.name).toMatch(/^¶5 · In response, the US stressed/);
    expect(choices.some((c) => c.name === 'Topic · Taiwan')).toBe(true);
  });

  it('finds actors, topics and positions by name', () => {
    expect(anchorChoices(article, 'chase')[0]).toEqual({
      name: 'Actor · Michael Chase',
      value: 'actor:michael-chase',
    });
    expect(anchorChoices(article, '5')[0]?.value).toBe('p:5');
    const positions = anchorChoices(article, 'never compromise');
    expect(positions.some((c) => c.value === 'position:china-taiwan-never-compromise')).toBe(true);
  });

  it('keeps every choice within Discord limits for any query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (q) => {
        const choices = anchorChoices(article, q);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('labels anchors with the paragraph opening words or the position text', () => {
    expect(describeAnchor(article, 'p:5').label).toBe('¶5');
    expect(describeAnchor(article, 'p:5').excerpt).toMatch(/^In response, the US stressed/);
    expect(anchorLine(article, 'actor:michael-chase')).toBe('Actor · Michael Chase');
    expect(anchorLine(article, 'topic:taiwan')).toBe('Topic · Taiwan');
    expect(anchorLine(article, 'position:china-taiwan-never-compromise')).toMatch(
      /^Position · Chinese delegation on Taiwan — “Beijing will "never compromise"/,
    );
    expect(anchorLine(article, 'article')).toBe('Whole article');
    // A key from another article (after the model changed) still shows, as itself.
    expect(anchorLine(article, 'actor:gone')).toBe('Actor · Gone');
    // Without its article (no longer served), still by name, never the raw key.
    expect(anchorLine(undefined, 'actor:michael-chase')).toBe('Actor · Michael Chase');
    expect(anchorLine(undefined, 'p:4')).toBe('¶4');
  });

  it('works on another article without hard-coded facts', () => {
    const keys = allAnchorKeys(second);
    expect(keys.length).toBeGreaterThan(second.paragraphCount);
    for (const key of keys) expect(resolveAnchor(second, key)).toBe(key);
    expect(resolveAnchor(second, '¶1')).toBe('p:1');
  });
});
