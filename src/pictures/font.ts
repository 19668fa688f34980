import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create, type Font, type PathCommand } from 'fontkit';

/**
 * Text for pictures is drawn as outlines from a font shipped as a package dependency (DejaVu Sans),
 * shaped by fontkit. The PNG therefore never depends on the fonts a machine has, and the widths used
 * to wrap text are exactly the widths drawn.
 */

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type Weight = keyof typeof FONT_FILES;

/** Laid-out strings kept per face; pictures only draw article text, so this stays small. */
const MAX_RUNS = 4_000;

interface Run {
  glyphs: number[];
  /** Pen position of each glyph and its offsets, in font units. */
  x: number[];
  dy: number[];
  width: number;
}

export class Typeface {
  readonly #font: Font;
  readonly #outlines = new Map<number, PathCommand[]>();
  readonly #runs = new Map<string, Run>();
  /** Outlines at a size, as relative path commands (key: glyph id × 1000 + size). */
  readonly #scaled = new Map<number, string>();

  constructor(font: Font) {
    this.#font = font;
  }

  #run(text: string): Run {
    const cached = this.#runs.get(text);
    if (cached) return cached;
    const layout = this.#font.layout(text);
    const run: Run = { glyphs: [], x: [], dy: [], width: 0 };
    let pen = 0;
    layout.glyphs.forEach((glyph, i) => {
      const pos = layout.positions[i];
      if (!this.#outlines.has(glyph.id)) this.#outlines.set(glyph.id, glyph.path.commands);
      run.glyphs.push(glyph.id);
      run.x.push(pen + (pos?.xOffset ?? 0));
      run.dy.push(pos?.yOffset ?? 0);
      pen += pos?.xAdvance ?? 0;
    });
    run.width = pen;
    if (this.#runs.size >= MAX_RUNS) this.#runs.clear();
    this.#runs.set(text, run);
    return run;
  }

  /** Width in pixels of `text` at `size` px. */
  width(text: string, size: number): number {
    return (this.#run(text).width * size) / this.#font.unitsPerEm;
  }

  /**
   * SVG path data drawing `text` with its baseline starting at (x, y), in tenths of a pixel (draw
   * it under scale(0.1)): integer coordinates keep the SVG small and each glyph's outline at a size
   * is built once and reused as relative commands.
   */
  path(text: string, x: number, y: number, size: number): string {
    const run = this.#run(text);
    const s = size / this.#font.unitsPerEm;
    let d = '';
    run.glyphs.forEach((id, i) => {
      const outline = this.#outline(id, size);
      if (outline === '') return;
      d += `M${Math.round((x + (run.x[i] ?? 0) * s) * 10)} ${Math.round((y - (run.dy[i] ?? 0) * s) * 10)}${outline}`;
    });
    return d;
  }

  /** A glyph's outline at `size` as relative commands from its origin, in tenths of a pixel. */
  #outline(id: number, size: number): string {
    const key = id * 1000 + size;
    const cached = this.#scaled.get(key);
    if (cached !== undefined) return cached;
    const s = (size / this.#font.unitsPerEm) * 10;
    let d = '';
    let cx = 0;
    let cy = 0;
    let startX = 0;
    let startY = 0;
    for (const c of this.#outlines.get(id) ?? []) {
      if (c.command === 'closePath') {
        d += 'z';
        cx = startX;
        cy = startY;
        continue;
      }
      const a = c.args;
      const pts: string[] = [];
      let px = cx;
      let py = cy;
      for (let k = 0; k + 1 < a.length; k += 2) {
        // Rounded absolute points, then differences: relative steps never accumulate rounding.
        px = Math.round((a[k] ?? 0) * s);
        py = Math.round(-(a[k + 1] ?? 0) * s);
        pts.push(`${px - cx} ${py - cy}`);
      }
      // Control points of a curve are relative to the segment's start, like its end point.
      d += `${COMMAND[c.command]}${pts.join(' ')}`;
      cx = px;
      cy = py;
      if (c.command === 'moveTo') {
        startX = px;
        startY = py;
      }
    }
    this.#scaled.set(key, d);
    return d;
  }
}

const COMMAND: Record<PathCommand['command'], string> = {
  moveTo: 'm',
  lineTo: 'l',
  quadraticCurveTo: 'q',
  bezierCurveTo: 'c',
  closePath: 'z',
};

export type Typefaces = Record<Weight, Typeface>;

/** Loads the shipped faces (once per process: the caller keeps the result in ctx). */
export function loadTypefaces(): Typefaces {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const load = (file: string) => new Typeface(create(readFileSync(path.join(dir, file))));
  return { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
}
