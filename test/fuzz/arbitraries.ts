import fc from 'fast-check';

/**
 * Hostile input for every option and modal field: random Unicode, huge strings, control and
 * zero-width characters, Markdown, mentions, malformed ids and out-of-range numbers — mixed with
 * near-valid values (names, anchors, ids) so the fuzz also reaches the code behind the checks.
 *
 * Inputs are well-formed Unicode (Discord delivers valid UTF-8); lone surrogates are never sent.
 */

export const MENTIONS = [
  '@everyone',
  '@here',
  '@EVERYONE',
  '@\u200Beveryone',
  '@\u2060here',
  '＠everyone',
  '<@&123456789012345678>',
  '<@&1>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '</comment add:123456789012345678>',
  '<t:0:R>',
] as const;

export const MARKDOWN = [
  '```',
  '```js\nx\n```',
  '# ',
  '## ',
  '### ',
  '-# ',
  '> ',
  '>>> ',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '*',
  '_',
  '\\',
  '[link](https://evil.example)',
  '<https://evil.example>',
  '- ',
  '1. ',
  '|',
  ':',
] as const;

export const INVISIBLE = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\n\n\n\n\n',
  '\u2028',
  '\u2029',
  '\u00AD',
  '\u034F',
  '\u061C',
  '\u180E',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202E',
  '\u2060',
  '\u2066',
  '\u2069',
  '\uFEFF',
  '\uFE0F',
  ' ',
  '\u3000',
] as const;

export const MALFORMED_IDS = [
  '',
  ' ',
  '#',
  '##1',
  '#0',
  '0',
  '00',
  '-1',
  '+1',
  '1.5',
  '1e9',
  '1e309',
  'Infinity',
  'NaN',
  '0x10',
  '٣',
  '１２',
  '²',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '99999999999',
  '#1 #2',
  '1,000',
  '__proto__',
  'constructor',
  'toString',
] as const;

export const NEAR_VALID = [
  'Chase',
  'chase',
  'Song',
  'the general',
  'PRC',
  'US',
  'China',
  'Taiwan',
  'both',
  'Both sides',
  'taiwan',
  'topic:taiwan',
  'actor:michael-chase',
  'position:china-taiwan-never-compromise',
  'p:5',
  'p:0',
  'p:99',
  '¶5',
  '¶0',
  '¶-1',
  'paragraph 3',
  'article',
  'Topic · Taiwan',
  'all',
  '*',
  '-',
  'supports',
  'adds context',
  'question',
  'brief',
  'full',
  'Who led the talks?',
  'What is the population of Taiwan?',
  'Why does the US want open communication lines?',
] as const;

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MENTIONS, ...MARKDOWN, ...INVISIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_IDS, ...NEAR_VALID) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('👍', '👨‍👩‍👧', '🏳️‍🌈', '🇹🇼', 'é', 'ß', 'İ', 'Ω', '中文', 'עברית', '𝕏'),
  },
);

/** A short mix of fragments (what people type, and what attackers paste). */
export const mixed = (maxParts = 10): fc.Arbitrary<string> =>
  fc.array(fragment, { maxLength: maxParts }).map((parts) => parts.join(''));

/** A fragment repeated up to `max` UTF-16 units (beyond every limit the option or field has). */
export const huge = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.oneof(fragment, fc.constant('a')), fc.integer({ min: 1, max }))
    .map(([piece, n]) => (piece === '' ? 'x' : piece).repeat(Math.ceil(n / Math.max(piece.length, 1))))
    .map((s) => {
      // Cut at a code point boundary: the input stays well-formed.
      const points = [...s];
      let out = '';
      for (const p of points) {
        if (out.length + p.length > max) break;
        out += p;
      }
      return out;
    });

/** Any text a member could put in a string option or modal field (up to `max` UTF-16 units when huge). */
export const hostileText = (max = 6000): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: mixed() },
    { weight: 2, arbitrary: fc.constantFrom(...MENTIONS, ...MALFORMED_IDS, ...NEAR_VALID) },
    { weight: 1, arbitrary: huge(max) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );

/** A comment id option: malformed ids, near-valid ids, numbers that may or may not exist. */
export const hostileId = (existing: () => number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_IDS) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.nat(), fc.constantFrom('', '#', ' #', ' ', '# '), fc.constantFrom('', ' ', '\t'))
        .map(([n, pre, post]) => `${pre}${(n % Math.max(existing() + 3, 1)) + 1}${post}`),
    },
    { weight: 2, arbitrary: hostileText(60) },
  );

/** Integers around and far beyond every limit (Discord allows −2^53…2^53 in integer options). */
export const hostileInteger = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.constantFrom(
    0,
    -1,
    999,
    1000,
    9999,
    10_000,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    2 ** 53 - 1,
    -(2 ** 53 - 1),
  ),
  fc.integer(),
  fc.maxSafeInteger(),
);
