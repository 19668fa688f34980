import type { Typefaces, Weight } from './font.js';
import { wrap } from './text.js';
import { FONT, THEME } from './theme.js';

/**
 * A tiny SVG builder. Text becomes outlines (font.ts), so no member-provided string ever lands in
 * the SVG as markup; colours and numbers come from code.
 */

/** An SVG document and its size in pixels. */
export interface Svg {
  svg: string;
  width: number;
  height: number;
}

export interface TextStyle {
  size: number;
  weight?: Weight;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
}

export interface RectStyle {
  fill: string;
  stroke?: string;
  radius?: number;
  dash?: boolean;
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

export class Drawing {
  readonly #parts: string[] = [];

  constructor(
    readonly faces: Typefaces,
    readonly width: number,
  ) {}

  rect(x: number, y: number, w: number, h: number, style: RectStyle): void {
    const attrs = [
      `x="${n(x)}" y="${n(y)}" width="${n(Math.max(w, 0))}" height="${n(Math.max(h, 0))}"`,
      `fill="${style.fill}"`,
      style.radius ? `rx="${n(style.radius)}"` : '',
      style.stroke ? `stroke="${style.stroke}" stroke-width="1"` : '',
      style.dash ? 'stroke-dasharray="4 3"' : '',
    ];
    this.#parts.push(`<rect ${attrs.filter(Boolean).join(' ')}/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string): void {
    this.#parts.push(`<path d="M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}" stroke="${stroke}" stroke-width="1"/>`);
  }

  /** Draws one line of text with its baseline at y; returns its width. */
  text(text: string, x: number, y: number, style: TextStyle): number {
    const face = this.faces[style.weight ?? 'regular'];
    const width = face.width(text, style.size);
    const left = style.anchor === 'end' ? x - width : style.anchor === 'middle' ? x - width / 2 : x;
    const d = face.path(text, left, y, style.size);
    if (d !== '') this.#parts.push(`<path transform="scale(.1)" d="${d}" fill="${style.fill}"/>`);
    return width;
  }

  /** The SVG document, on a rounded card of `card` style drawn beneath everything else. */
  toSvg(height: number, card: RectStyle): string {
    const h = Math.ceil(height);
    const w = this.width;
    const under = new Drawing(this.faces, w);
    under.rect(0.5, 0.5, w - 1, h - 1, card);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${under.#parts.join('')}${this.#parts.join('')}</svg>`;
  }
}

/** Title and subtitle lines from the top; returns the y below them. */
export function heading(d: Drawing, title: string, subtitle: string, pad: number): number {
  let y = pad;
  for (const line of wrap(d.faces.bold, title, FONT.title, d.width - pad * 2, 2)) {
    y += 24;
    d.text(line, pad, y, { size: FONT.title, weight: 'bold', fill: THEME.text });
  }
  for (const line of wrap(d.faces.regular, subtitle, FONT.subtitle, d.width - pad * 2, 2)) {
    y += 18;
    d.text(line, pad, y, { size: FONT.subtitle, fill: THEME.muted });
  }
  return y;
}
