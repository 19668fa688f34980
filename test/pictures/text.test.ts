import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTypefaces, type Typefaces } from '../../src/pictures/font.js';
import { ellipsize, wrap } from '../../src/pictures/text.js';

let faces: Typefaces;
beforeAll(() => {
  faces = loadTypefaces();
});

describe('text in pictures', () => {
  it('measures with the shipped font: wider text, wider run; bold wider than regular', () => {
    const r = faces.regular;
    expect(r.width('', 14)).toBe(0);
    expect(r.width('WWW', 14)).toBeGreaterThan(r.width('iii', 14));
    expect(r.width('abc', 28)).toBeCloseTo(r.width('abc', 14) * 2, 5);
    expect(faces.bold.width('Positions', 14)).toBeGreaterThan(r.width('Positions', 14));
  });

  it('keeps text that fits, and ends text that does not with an ellipsis within the width', () => {
    expect(ellipsize(faces.regular, 'China', 14, 200)).toBe('China');
    const cut = ellipsize(faces.regular, 'Peace and stability across the Strait of Taiwan', 14, 120);
    expect(cut.endsWith('…')).toBe(true);
    expect(faces.regular.width(cut, 14)).toBeLessThanOrEqual(120);
    expect('Peace and stability across the Strait of Taiwan'.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('wraps every line within the width and the line budget, losing no word when it fits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z¶“”'é-]{1,24}$/), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 40, max: 400 }),
        fc.integer({ min: 1, max: 6 }),
        (words, width, maxLines) => {
          const text = words.join(' ');
          const lines = wrap(faces.regular, text, 14, width, maxLines);
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const line of lines) expect(faces.regular.width(line, 14)).toBeLessThanOrEqual(width);
          const last = lines.at(-1) ?? '';
          if (!last.endsWith('…')) expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('breaks a word longer than a line instead of overflowing', () => {
    const lines = wrap(faces.regular, 'Supercalifragilisticexpialidocious', 14, 60, 10);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('Supercalifragilisticexpialidocious');
  });

  it('draws outlines, so no text reaches the SVG as markup', () => {
    const d = faces.regular.path('<script>&"', 10, 20, 14);
    expect(d).toMatch(/^M[MmLlQqCcZz\d -]+$/);
  });
});
