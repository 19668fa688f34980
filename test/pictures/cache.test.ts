import { describe, expect, it } from 'vitest';
import type { Typefaces } from '../../src/pictures/font.js';
import { Pictures } from '../../src/pictures/pictures.js';
import { Drawing } from '../../src/pictures/svg.js';

describe('the picture cache', () => {
  const draw = (label: string) => (faces: Typefaces) => {
    const d = new Drawing(faces, 120);
    d.text(label, 10, 24, { size: 14, fill: '#000' });
    return { svg: d.toSvg(40, { fill: '#fff' }), width: 120, height: 40, alt: `says ${label}` };
  };

  it('renders a key once, shares a render in flight, and keeps the alt text', async () => {
    const pictures = new Pictures();
    let draws = 0;
    const counted = (faces: Typefaces) => {
      draws += 1;
      return draw('a')(faces);
    };
    const [a, b] = await Promise.all([pictures.get('k', counted), pictures.get('k', counted)]);
    const c = await pictures.get('k', counted);
    expect(draws).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.width).toBe(120);
    expect(a.alt).toBe('says a');
    expect(a.png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('forgets the least recently used picture beyond its size', async () => {
    const pictures = new Pictures(2);
    await pictures.get('a', draw('a'));
    await pictures.get('b', draw('b'));
    await pictures.get('a', draw('a')); // a is now the most recent
    await pictures.get('c', draw('c')); // evicts b
    expect(pictures.size).toBe(2);
    let redrawn = '';
    await pictures.get('b', (faces) => {
      redrawn = 'b';
      return draw('b')(faces);
    });
    expect(redrawn).toBe('b');
  });

  it('does not keep a failed render', async () => {
    const pictures = new Pictures();
    await expect(
      pictures.get('bad', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(pictures.size).toBe(0);
    await expect(pictures.get('bad', draw('ok'))).resolves.toMatchObject({ width: 120 });
  });
});
