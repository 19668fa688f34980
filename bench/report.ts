/** Figures, the table printed on stdout, and the JSON results file with the machine they ran on. */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem } from 'node:os';

export interface Target {
  /** The target as a reader states it, e.g. "p99 < 1 ms". */
  text: string;
  pass: boolean;
}

export interface Figure {
  name: string;
  /** Latency in ms. */
  median?: number;
  p99?: number;
  /** Throughput. */
  opsPerSec?: number;
  /** Any other quantity (MB, s…). */
  value?: { amount: number; unit: string };
  /** A ratio measured in the same run, and what it is a ratio of. */
  ratio?: { value: number; of: string };
  target?: Target;
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  /** Lines printed under the section: what was measured, settings, skips. */
  notes: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memoryGB: number;
  commit: string | undefined;
}

export interface Results {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  sections: Section[];
  targets: { passed: number; missed: number };
}

export function machineInfo(): Machine {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    commit = undefined;
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    commit,
  };
}

/** Milliseconds to three significant figures (µs below 0.1 ms). */
export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 0.1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

export function fmtCount(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '';
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

function fmtValue(value: Figure['value']): string {
  if (!value) return '';
  const amount = value.amount >= 100 ? Math.round(value.amount).toString() : value.amount.toPrecision(3);
  return `${amount} ${value.unit}`;
}

function fmtRatio(ratio: Figure['ratio']): string {
  if (!ratio) return '';
  const v = ratio.value;
  const shown = v >= 100 ? Math.round(v).toString() : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${shown}${ratio.of}`;
}

const COLUMNS = ['figure', 'median', 'p99', 'ops/s | value', 'ratio', 'target', ''] as const;

function row(f: Figure): string[] {
  return [
    `  ${f.name}`,
    fmtMs(f.median),
    fmtMs(f.p99),
    f.opsPerSec === undefined ? fmtValue(f.value) : fmtCount(f.opsPerSec),
    fmtRatio(f.ratio),
    f.target?.text ?? '',
    f.target ? (f.target.pass ? 'PASS' : 'MISS') : '',
  ];
}

/** The readable table: one block per section, its notes under it. */
export function renderTable(results: Results): string {
  const rows = results.sections.flatMap((s) => s.figures.map(row));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `Parley benchmarks (${results.mode}) — ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}` +
      `${m.commit ? `, commit ${m.commit}` : ''} — ${results.startedAt}`,
  );
  out.push('');
  out.push(line(COLUMNS));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const s of results.sections) {
    out.push(`${s.id}. ${s.title}`);
    for (const f of s.figures) {
      out.push(line(row(f)));
      if (f.note) out.push(`      ↳ ${f.note}`);
    }
    for (const n of s.notes) out.push(`    · ${n}`);
  }
  out.push('');
  out.push(
    `Targets: ${results.targets.passed} met, ${results.targets.missed} missed. Took ${results.durationSeconds.toFixed(0)} s.`,
  );
  return out.join('\n');
}

export function countTargets(sections: readonly Section[]): Results['targets'] {
  const targets = sections.flatMap((s) => s.figures.flatMap((f) => (f.target ? [f.target] : [])));
  const passed = targets.filter((t) => t.pass).length;
  return { passed, missed: targets.length - passed };
}

export async function writeResults(path: string, results: Results): Promise<void> {
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`);
}
