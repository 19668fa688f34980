import type { Typefaces } from './font.js';
import { Drawing, heading, type Svg } from './svg.js';
import { ellipsize } from './text.js';
import { CARD, FONT, THEME } from './theme.js';

/** A stacked-bar chart as plain data: sections of labelled rows, one count per series. */
export interface BarSeries {
  label: string;
  color: string;
  /** Text colour on the series' colour (chosen for contrast). */
  ink: string;
}

export interface BarRow {
  label: string;
  /** Muted text after the label (a paragraph's opening words). */
  detail?: string;
  /** One count per series, in series order. */
  counts: number[];
}

export interface BarSection {
  title: string;
  rows: BarRow[];
}

export interface BarChart {
  title: string;
  subtitle: string;
  series: BarSeries[];
  sections: BarSection[];
}

const WIDTH = 880;
const PAD = 20;
const LABEL_WIDTH = 330;
const TOTAL_WIDTH = 56;
const ROW = 28;
const BAR = 18;
const SECTION_GAP = 14;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** One row: label and detail cut to the label column, the bar split by series, its total at the end. */
function drawRow(d: Drawing, chart: BarChart, row: BarRow, y: number, scale: number): void {
  const { faces } = d;
  const base = y + ROW / 2 + 5;
  const label = ellipsize(faces.bold, row.label, FONT.body, LABEL_WIDTH - 20);
  const lw = d.text(label, PAD, base, { size: FONT.body, weight: 'bold', fill: THEME.text });
  if (row.detail) {
    const room = LABEL_WIDTH - 20 - lw - 8;
    if (room > 30) {
      d.text(ellipsize(faces.regular, row.detail, FONT.small, room), PAD + lw + 8, base, {
        size: FONT.small,
        fill: THEME.muted,
      });
    }
  }
  const top = y + (ROW - BAR) / 2;
  let x = PAD + LABEL_WIDTH;
  row.counts.forEach((count, i) => {
    const series = chart.series[i];
    if (count === 0 || !series) return;
    const w = count * scale;
    // A white seam between segments: the order (and the numbers) tell them apart, not colour alone.
    d.rect(x, top, Math.max(w - 1, 1), BAR, { fill: series.color });
    const text = String(count);
    if (faces.bold.width(text, FONT.small) + 6 <= w - 1) {
      d.text(text, x + (w - 1) / 2, top + BAR - 5, {
        size: FONT.small,
        weight: 'bold',
        fill: series.ink,
        anchor: 'middle',
      });
    }
    x += w;
  });
  const total = sum(row.counts);
  d.text(String(total), WIDTH - PAD, base, {
    size: FONT.body,
    weight: 'bold',
    fill: total === 0 ? THEME.empty.text : THEME.text,
    anchor: 'end',
  });
}

/** The legend: a swatch and a label per series, wrapping onto more lines when needed. */
function drawLegend(d: Drawing, series: BarSeries[], top: number): number {
  let x = PAD;
  let y = top;
  for (const s of series) {
    const w = 14 + 6 + d.faces.regular.width(s.label, FONT.small);
    if (x + w > WIDTH - PAD) {
      x = PAD;
      y += 20;
    }
    d.rect(x, y, 14, 14, { fill: s.color, radius: 3 });
    d.text(s.label, x + 20, y + 12, { size: FONT.small, fill: THEME.text });
    x += w + 18;
  }
  return y + 14;
}

/** Renders the chart to SVG. Bars share one scale (the largest row total), so rows compare. */
export function barsSvg(faces: Typefaces, chart: BarChart): Svg {
  const d = new Drawing(faces, WIDTH);
  let y = heading(d, chart.title, chart.subtitle, PAD) + 14;
  y = drawLegend(d, chart.series, y) + 12;
  const largest = Math.max(1, ...chart.sections.flatMap((s) => s.rows.map((r) => sum(r.counts))));
  const scale = (WIDTH - PAD * 2 - LABEL_WIDTH - TOTAL_WIDTH) / largest;
  for (const section of chart.sections) {
    y += SECTION_GAP;
    d.text(section.title, PAD, y + 12, { size: FONT.header, weight: 'bold', fill: THEME.muted });
    d.line(PAD, y + 20, WIDTH - PAD, y + 20, THEME.border);
    y += 24;
    section.rows.forEach((row, i) => {
      if (i % 2 === 1) d.rect(PAD - 6, y, WIDTH - PAD * 2 + 12, ROW, { fill: THEME.rowAlt, radius: 4 });
      drawRow(d, chart, row, y, scale);
      y += ROW;
    });
  }
  const height = y + PAD;
  return { svg: d.toSvg(height, CARD), width: WIDTH, height };
}
