import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, normaliseCommentText, parseCommentId } from '../../src/comments/text.js';

const ok = (raw: string): string => {
  const result = normaliseCommentText(raw);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.text;
};
const reason = (raw: string): string => {
  const result = normaliseCommentText(raw);
  if (result.ok) throw new Error(`accepted: ${result.text}`);
  return result.reason;
};

describe('normaliseCommentText', () => {
  it('trims and keeps ordinary text as it is', () => {
    expect(ok('  Hello, world!  ')).toBe('Hello, world!');
    expect(ok('Line one\nline two')).toBe('Line one\nline two');
    expect(ok('Ünïcödé — “quotes” 😀 and #hashtags, a # b')).toBe(
      'Ünïcödé — “quotes” 😀 and #hashtags, a # b',
    );
  });

  it('rejects empty, blank and invisible-only text', () => {
    for (const raw of ['', '   ', '\n\n\t', '\u200B\u200C\uFEFF', ' \u0000 \u0007 ']) {
      expect(reason(raw)).toMatch(/empty/);
    }
  });

  it('strips control and zero-width characters but keeps newlines and emoji joiners', () => {
    expect(ok('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef');
    expect(ok('in\u200Bvis\u2060ible\uFEFF')).toBe('invisible');
    expect(ok('right\u202Eleft')).toBe('rightleft');
    expect(ok('stray\u200Djoiner')).toBe('strayjoiner');
    expect(ok('family 👨‍👩‍👧 ok')).toBe('family 👨‍👩‍👧 ok');
    expect(ok('tab\there')).toBe('tab here');
  });

  it('normalises line endings, trailing spaces and long runs of blank lines', () => {
    expect(ok('a\r\nb\rc')).toBe('a\nb\nc');
    expect(ok('a   \nb')).toBe('a\nb');
    expect(ok('a\n\n\n\n\n\nb')).toBe('a\n\n\nb');
    expect(ok('a\n\n\nb')).toBe('a\n\n\nb');
    expect(ok('a\n \n \n \n \nb')).toBe('a\n\n\nb');
  });

  it(`accepts ${COMMENT_MAX_LENGTH} characters and rejects more, saying how many`, () => {
    expect(COMMENT_MAX_LENGTH).toBe(1000);
    expect(ok('x'.repeat(1000))).toHaveLength(1000);
    // Code points, as Discord counts: 1,000 emoji are 2,000 UTF-16 units and still fit.
    expect([...ok('😀'.repeat(1000))]).toHaveLength(1000);
    expect(reason('😀'.repeat(1001))).toContain('1,001');
    expect(ok(`  ${'x'.repeat(1000)}  `)).toHaveLength(1000);
    const why = reason('x'.repeat(1234));
    expect(why).toContain('1,234');
    expect(why).toContain('1,000');
    // Escaping can push text over the limit: still rejected, never stored longer.
    expect(reason(`${'x'.repeat(997)}\`\`\``)).toMatch(/escaped/);
  });

  it('escapes code fences, headings and subtext at line starts', () => {
    expect(ok('```js\nboom()\n```')).toBe('\\`\\`\\`js\nboom()\n\\`\\`\\`');
    expect(ok('`inline` code')).toBe('`inline` code');
    expect(ok('# Big\n## Bigger\n### Biggest\n#### four')).toBe(
      '\\# Big\n\\## Bigger\n\\### Biggest\n#### four',
    );
    expect(ok('-# tiny\n - # list')).toBe('\\-# tiny\n - # list');
    expect(ok('text\n  # indented')).toBe('text\n  \\# indented');
    expect(ok('#hashtag')).toBe('#hashtag');
  });

  it('neutralises @everyone, @here and role mentions, leaves member mentions', () => {
    expect(ok('hey @everyone and @here!')).toBe('hey @\u200Beveryone and @\u200Bhere!');
    expect(ok('@EVERYONE @Here')).toBe('@\u200BEVERYONE @\u200BHere');
    // A zero-width space typed by the member is stripped first, then ours is inserted.
    expect(ok('@\u200Beveryone')).toBe('@\u200Beveryone');
    // Look-alikes too: fullwidth and small @, and invisible tag characters or selectors in between.
    expect(ok('＠everyone ﹫here')).toBe('＠\u200Beveryone ﹫\u200Bhere');
    expect(ok('@\u{E0020}everyone @\uFE0Fhere')).toBe('@\u200Beveryone @\u200Bhere');
    expect(ok('ping <@&123456789012345678> now')).toBe('ping \\<@&123456789012345678> now');
    expect(ok('thanks <@123456789012345678>')).toBe('thanks <@123456789012345678>');
  });

  it('rejects non-strings instead of throwing', () => {
    expect(normaliseCommentText(undefined as unknown as string).ok).toBe(false);
  });

  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 1200 }),
      fc
        .array(
          fc.constantFrom(
            '@everyone',
            '@here',
            '<@&42>',
            '```',
            '# ',
            '-# ',
            '\n',
            '\u200B',
            '\u200D',
            'x',
            ' ',
            '👍',
            '\r',
          ),
          { maxLength: 400 },
        )
        .map((parts) => parts.join('')),
    );

    it('never throws, never exceeds the limit, never leaves a ping or an open fence', () => {
      fc.assert(
        fc.property(anyText, (raw) => {
          const result = normaliseCommentText(raw);
          if (!result.ok) return;
          const { text } = result;
          expect(text.length).toBeGreaterThan(0);
          expect([...text].length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
          expect(text).not.toMatch(/@(everyone|here)/i);
          expect(text).not.toMatch(/(?<!\\)<@&\d+>/);
          expect(text).not.toMatch(/(?<!\\)```/);
          expect(text).not.toMatch(/^[ \t]*(#{1,3}|-#) /m);
          expect(text).not.toMatch(/(?!\n)\p{Cc}/u);
          expect(text).toBe(text.trim());
        }),
        { numRuns: 500 },
      );
    });

    it('is idempotent, so re-saving an edited comment does not escape it twice', () => {
      fc.assert(
        fc.property(anyText, (raw) => {
          const once = normaliseCommentText(raw);
          if (!once.ok) return;
          expect(normaliseCommentText(once.text)).toEqual(once);
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('parseCommentId', () => {
  it('reads 12, #12 and padded forms', () => {
    expect(parseCommentId('12')).toBe(12);
    expect(parseCommentId('#12')).toBe(12);
    expect(parseCommentId(' #12 ')).toBe(12);
    expect(parseCommentId('007')).toBe(7);
    expect(parseCommentId('2147483647')).toBe(2147483647);
  });

  it('rejects zero, negatives, decimals, junk and huge numbers', () => {
    for (const raw of [
      '',
      '#',
      '0',
      '#0',
      '-3',
      '1.5',
      '1e3',
      '+4',
      '12a',
      '# 12',
      '##12',
      '2147483648',
      '99999999999',
      ' ',
    ]) {
      expect(parseCommentId(raw), raw).toBeUndefined();
    }
  });

  it('round-trips every valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (n) => {
        expect(parseCommentId(`#${n}`)).toBe(n);
        expect(parseCommentId(` ${n} `)).toBe(n);
      }),
    );
  });
});
