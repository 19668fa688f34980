import type { Typefaces } from './font.js';
import { Drawing, heading, type Svg } from './svg.js';
import { wrap } from './text.js';
import { CARD, FONT, THEME } from './theme.js';

/** A positions grid as plain data: topics as rows, sides as columns. */
export interface GridStance {
  stance: string;
  cite: number;
  quote: boolean;
}

export interface GridColumn {
  name: string;
  color: string;
}

export interface GridRow {
  topic: string;
  /** One list per column; empty means the article states nothing for that side. */
  cells: GridStance[][];
}

export interface GridModel {
  title: string;
  subtitle: string;
  columns: GridColumn[];
  rows: GridRow[];
}

const PAD = 20;
const GAP = 6;
const TOPIC_WIDTH = 150;
const CELL_PAD = 8;
const LINE = 17;
const SMALL_LINE = 16;
const MAX_STANCE_LINES = 5;
const MAX_TOPIC_LINES = 4;
const BADGE_HEIGHT = 18;
const BLOCK_GAP = 10;
const EMPTY_TEXT = 'not stated in the article';

/** Wider columns when there are fewer of them, so a filtered grid stays readable. */
const columnWidth = (count: number) => (count >= 3 ? 224 : count === 2 ? 300 : 380);

/** Draws "¶n" and a quote/paraphrase badge (quotes filled, paraphrases outlined); returns the width. */
function stanceMark(d: Drawing, cite: number, quote: boolean, x: number, top: number): number {
  const base = top + BADGE_HEIGHT - 5;
  const w = d.text(`¶${cite}`, x, base, { size: FONT.small, weight: 'bold', fill: THEME.muted });
  const label = quote ? '❝ quote' : '≈ paraphrase';
  const bx = x + w + 8;
  const bw = d.faces.regular.width(label, FONT.small) + 12;
  if (quote) d.rect(bx, top, bw, BADGE_HEIGHT, { fill: THEME.badge.quote, radius: 9 });
  else
    d.rect(bx, top, bw, BADGE_HEIGHT, { fill: THEME.background, stroke: THEME.badge.paraphrase, radius: 9 });
  d.text(label, bx + 6, base, {
    size: FONT.small,
    fill: quote ? THEME.badge.quoteText : THEME.badge.paraphrase,
  });
  return bx + bw - x;
}

/** Renders the grid to SVG. Pure: same model, same picture. */
export function gridSvg(faces: Typefaces, model: GridModel): Svg {
  const colW = columnWidth(model.columns.length);
  const width = PAD * 2 + TOPIC_WIDTH + model.columns.length * (colW + GAP);
  const textW = colW - CELL_PAD * 2;
  const d = new Drawing(faces, width);
  const colX = (i: number) => PAD + TOPIC_WIDTH + GAP + i * (colW + GAP);

  const headerTop = heading(d, model.title, model.subtitle, PAD) + 16;
  // Column headers under a colour bar: the name says which side, the colour only helps scanning.
  let headerLines = 1;
  model.columns.forEach((c, i) => {
    d.rect(colX(i), headerTop, colW, 4, { fill: c.color, radius: 2 });
    const lines = wrap(faces.bold, c.name, FONT.header, textW, 2);
    headerLines = Math.max(headerLines, lines.length);
    lines.forEach((line, k) => {
      d.text(line, colX(i) + CELL_PAD, headerTop + 24 + k * 20, {
        size: FONT.header,
        weight: 'bold',
        fill: THEME.text,
      });
    });
  });
  d.text('Topic', PAD + CELL_PAD, headerTop + 24, { size: FONT.header, weight: 'bold', fill: THEME.muted });
  let y = headerTop + 16 + headerLines * 20;

  model.rows.forEach((row, r) => {
    const topicLines = wrap(faces.bold, row.topic, FONT.body, TOPIC_WIDTH - CELL_PAD * 2, MAX_TOPIC_LINES);
    const cells = row.cells.map((list) =>
      list.map((s) => ({ s, lines: wrap(faces.regular, s.stance, FONT.body, textW, MAX_STANCE_LINES) })),
    );
    const blockHeight = (lines: string[]) => lines.length * LINE + 4 + BADGE_HEIGHT;
    const cellHeight = (list: { lines: string[] }[]) =>
      list.length === 0
        ? 2 * SMALL_LINE
        : list.reduce((h, b) => h + blockHeight(b.lines), 0) + (list.length - 1) * BLOCK_GAP;
    const rowHeight = Math.max(topicLines.length * LINE, ...cells.map(cellHeight)) + CELL_PAD * 2;

    if (r % 2 === 1) d.rect(PAD, y - 4, width - PAD * 2, rowHeight + 8, { fill: THEME.rowAlt, radius: 6 });
    topicLines.forEach((line, k) => {
      d.text(line, PAD + CELL_PAD, y + CELL_PAD + 14 + k * LINE, {
        size: FONT.body,
        weight: 'bold',
        fill: THEME.text,
      });
    });
    cells.forEach((list, i) => {
      const x = colX(i);
      if (list.length === 0) {
        // Visibly empty: dashed outline, muted fill and a muted note.
        d.rect(x, y, colW, rowHeight, {
          fill: THEME.empty.fill,
          stroke: THEME.empty.stroke,
          radius: 6,
          dash: true,
        });
        wrap(faces.regular, EMPTY_TEXT, FONT.small, textW, 2).forEach((line, k) => {
          d.text(line, x + CELL_PAD, y + CELL_PAD + 13 + k * SMALL_LINE, {
            size: FONT.small,
            fill: THEME.empty.text,
          });
        });
        return;
      }
      d.rect(x, y, colW, rowHeight, { fill: THEME.background, stroke: THEME.border, radius: 6 });
      let cy = y + CELL_PAD;
      list.forEach(({ s, lines }, k) => {
        if (k > 0) {
          d.line(x + CELL_PAD, cy + BLOCK_GAP / 2, x + colW - CELL_PAD, cy + BLOCK_GAP / 2, THEME.border);
          cy += BLOCK_GAP;
        }
        lines.forEach((line, j) => {
          d.text(line, x + CELL_PAD, cy + 14 + j * LINE, { size: FONT.body, fill: THEME.text });
        });
        stanceMark(d, s.cite, s.quote, x + CELL_PAD, cy + lines.length * LINE + 4);
        cy += blockHeight(lines);
      });
    });
    y += rowHeight + GAP;
  });

  // Legend: what the two marks mean.
  const top = y + 4;
  let x = PAD;
  for (const [quote, text] of [
    [true, 'the article quotes the words'],
    [false, 'in the article’s own words'],
  ] as const) {
    x += stanceMark(d, 1, quote, x, top) + 6;
    x += d.text(text, x, top + BADGE_HEIGHT - 5, { size: FONT.small, fill: THEME.muted }) + 24;
  }
  const height = top + BADGE_HEIGHT + PAD;
  return { svg: d.toSvg(height, CARD), width, height };
}
