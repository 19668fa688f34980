import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPages,
  chunkLines,
  pageButtonId,
  pagedReply,
  pageIdOf,
  parsePageId,
} from '../../src/discord/pages.js';
import { embedProblems } from '../helpers/embeds.js';

const ref = { command: 'who', owner: '123456789012345678', state: ['michael-chase'] };

describe('chunkLines', () => {
  it('never exceeds the limit and loses no character of content', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3000 }), { maxLength: 40 }),
        fc.integer({ min: 20, max: 2000 }),
        (lines, max) => {
          const chunks = chunkLines(lines, max);
          for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
          const squash = (s: string) => s.replace(/\s+/g, '');
          expect(squash(chunks.join(''))).toBe(squash(lines.join('')));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('buildPages', () => {
  it('spills long answers onto more pages instead of cutting them', () => {
    const sections = Array.from({ length: 40 }, (_, i) => ({
      name: `Section ${i}`,
      lines: Array.from({ length: 12 }, (_, j) => `Line ${i}.${j} ${'word '.repeat(15)}(¶${(j % 6) + 1})`),
    }));
    const pages = buildPages({ title: 'Long', footer: 'Source' }, sections, ['intro (¶1)']);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(embedProblems(page)).toEqual([]);
    const values = pages.flatMap((p) => (p.fields ?? []).map((f) => f.value)).join('\n');
    for (const s of sections) for (const line of s.lines) expect(values).toContain(line);
    expect(pages[0]?.footer?.text).toBe(`Source · Page 1/${pages.length}`);
  });

  it('always fits Discord limits, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.array(
          fc.record({
            name: fc.string({ maxLength: 400 }),
            lines: fc.array(fc.string({ maxLength: 1500 }), { maxLength: 8 }),
          }),
          { maxLength: 30 },
        ),
        (title, sections) => {
          const pages = buildPages({ title: title || 't', footer: 'f'.repeat(3000) }, sections);
          for (const page of pages) {
            // Empty field names are the caller's bug; here we only check sizes.
            expect(embedProblems(page).filter((p) => !p.endsWith('is empty'))).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('page buttons', () => {
  it('round-trip the owner, page and state through the custom id', () => {
    const id = pageButtonId(ref, 3);
    expect(parsePageId(id)).toEqual({ command: 'who', owner: ref.owner, page: 3, state: ['michael-chase'] });
  });

  it('reject malformed ids', () => {
    expect(parsePageId('who:pg:x')).toBeUndefined();
    expect(parsePageId('who:nope:1:2')).toBeUndefined();
    expect(parsePageId('who:pg:1:-2')).toBeUndefined();
  });

  it('refuse ids longer than Discord allows', () => {
    expect(() => pageButtonId({ ...ref, state: ['x'.repeat(90)] }, 0)).toThrow('custom id too long');
  });

  it('show ◀ ▶ only for several pages, disabled at the ends, with unique ids', () => {
    const pages = [{ title: 'a' }, { title: 'b' }, { title: 'c' }];
    expect(pagedReply([{ title: 'only' }], 0, pageIdOf(ref)).components).toEqual([]);
    for (const [page, prevDisabled, nextDisabled] of [
      [0, true, false],
      [1, false, false],
      [2, false, true],
      [9, false, true],
    ] as const) {
      const reply = pagedReply(pages, page, pageIdOf(ref));
      const row = reply.components?.[0];
      const buttons = row?.components ?? [];
      expect(buttons.map((b) => ('disabled' in b ? b.disabled : undefined))).toEqual([
        prevDisabled,
        nextDisabled,
      ]);
      const ids = buttons.map((b) => ('custom_id' in b ? b.custom_id : ''));
      expect(new Set(ids).size).toBe(2);
      expect(reply.embeds?.[0]?.title).toBe(pages[Math.min(page, 2)]?.title);
    }
  });
});
