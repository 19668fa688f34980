import { escapeMarkdown } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/discord/markdown.js';

describe('escapeText', () => {
  it('escapes as discord.js escapeMarkdown does', () => {
    expect(escapeText('a *b* _c_ ~~d~~ ||e|| `f` \\g')).toBe(escapeMarkdown('a *b* _c_ ~~d~~ ||e|| `f` \\g'));
    expect(escapeText('snake_case and https://x.test/a_b')).toBe(
      escapeMarkdown('snake_case and https://x.test/a_b'),
    );
  });

  it('returns every text exactly as escapeMarkdown would, markdown or not', () => {
    const piece = fc.constantFrom(
      'a',
      ' ',
      '*',
      '**',
      '_',
      '__',
      '~',
      '~~',
      '|',
      '||',
      '`',
      '```',
      '\\',
      '<a:x:1>',
      'https://',
      '#',
      '- ',
      '[l](u)',
      '1. ',
      '\n',
      'é',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(escapeText(text)).toBe(escapeMarkdown(text));
      }),
      { numRuns: 3000 },
    );
  });
});
