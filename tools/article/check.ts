/**
 * `npm run article -- check`: every check the loader runs (schema and integrity together, in one
 * pass), reported for the person editing the model: JSON syntax errors by line and column, paths by
 * item id (`actors[michael-chase].roles[0]`), where an edited paragraph departs from the text,
 * suggested ids for unknown references, quoted passages missing from `quotes`, and the drafts left.
 */
import { closest } from 'fastest-levenshtein';
import { checkIntegrity, normalizeForMatch, quotedSegments } from '../../src/article/integrity.js';
import { articleModelSchema } from '../../src/article/schema.js';

export interface Finding {
  path: string;
  message: string;
}

export interface CheckReport {
  errors: Finding[];
  warnings: Finding[];
  /** Items still marked `draft: true`, by path. */
  drafts: string[];
}

const DRAFT = /^is still a draft/;

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Where JSON.parse stopped: V8 says "at position N" (newer versions add line and column). */
function jsonError(raw: string, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (!at?.[1]) return { path: '(file)', message: `invalid JSON: ${message}` };
  const { line, column } = lineColumn(raw, Number(at[1]));
  const reason = message
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  return { path: `line ${line}, column ${column}`, message: `invalid JSON: ${reason}` };
}

type Json = unknown;

/** `['actors', 3, 'roles', 0]` → `actors[michael-chase].roles[0]`: items with an id are named by it. */
export function pathWithIds(root: Json, path: ReadonlyArray<PropertyKey>): string {
  let node: Json = root;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      const item: Json = Array.isArray(node) ? node[key] : undefined;
      const id =
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? item.id : undefined;
      out += `[${id ?? key}]`;
      node = item;
    } else {
      out += `${out === '' ? '' : '.'}${String(key)}`;
      node = node && typeof node === 'object' ? (node as Record<string, Json>)[String(key)] : undefined;
    }
  }
  return out;
}

/** The integrity checks' own paths (`actors[3].mentions`) back into keys, then named by id. */
function renamePath(root: Json, path: string): string {
  if (path === '') return '(file)';
  const keys: PropertyKey[] = [];
  for (const part of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    keys.push(part[2] !== undefined ? Number(part[2]) : (part[1] ?? ''));
  }
  return pathWithIds(root, keys);
}

const idsOf = (root: Json, collection: string): string[] => {
  const list = root && typeof root === 'object' ? (root as Record<string, Json>)[collection] : undefined;
  return Array.isArray(list)
    ? list.flatMap((item: Json) =>
        item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' ? [item.id] : [],
      )
    : [];
};

/** "unknown actor "x"" → the closest id there is, as a suggestion. */
function suggestion(root: Json, message: string): string {
  const unknown = /unknown (actor|topic|side) "([^"]+)"/.exec(message);
  if (!unknown?.[1] || !unknown[2]) return '';
  const collection = { actor: 'actors', topic: 'topics', side: 'sides' }[unknown[1]] ?? '';
  const ids = idsOf(root, collection).concat(unknown[1] === 'side' ? ['both'] : []);
  return ids.length > 0 ? ` (did you mean "${closest(unknown[2], ids)}"?)` : '';
}

/** Where an edited paragraph first departs from the closest paragraph of the text. */
function paragraphDifference(edited: string, text: string): string {
  const candidates = text.split(/\n\s*\n/).map((p) => p.trim());
  let best = { common: -1, original: '' };
  for (const original of candidates) {
    let common = 0;
    while (common < original.length && original[common] === edited[common]) common++;
    if (common > best.common) best = { common, original };
  }
  if (best.common < 0) return '';
  const at = best.common;
  const show = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 20), at + 20));
  return ` — differs from the text at character ${at + 1}: the model has ${show(edited)}, the text has ${show(best.original)}`;
}

export function checkModel(raw: string, text: string): CheckReport {
  const report: CheckReport = { errors: [], warnings: [], drafts: [] };
  let json: Json;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    report.errors.push(jsonError(raw, error));
    return report;
  }
  const parsed = articleModelSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      report.errors.push({ path: pathWithIds(json, issue.path), message: issue.message });
    }
    return report;
  }
  const model = parsed.data;
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  for (const problem of checkIntegrity(model, source)) {
    const path = renamePath(json, problem.path);
    if (DRAFT.test(problem.reason)) {
      report.drafts.push(path);
      continue;
    }
    const paragraph = /^paragraphs\[(\d+)\]\.text$/.exec(problem.path);
    const extra = paragraph?.[1]
      ? paragraphDifference(model.paragraphs[Number(paragraph[1])]?.text ?? '', source)
      : suggestion(json, problem.reason);
    report.errors.push({ path, message: problem.reason + extra });
  }
  // Every passage the text puts in quotation marks should be a quote (or be left out on purpose).
  const modelled = model.quotes.map((q) => normalizeForMatch(q.text));
  model.paragraphs.forEach((p, i) => {
    for (const passage of quotedSegments(p.text)) {
      if (passage.split(/\s+/).length < 2) continue; // single words are scare quotes, not quotes
      if (modelled.some((q) => q.includes(passage) || passage.includes(q))) continue;
      report.warnings.push({
        path: pathWithIds(json, ['paragraphs', i]),
        message: `quoted passage "${passage}" (¶${p.n}) is not in quotes`,
      });
    }
  });
  return report;
}

/** The report as the command prints it. */
export function formatReport(name: string, report: CheckReport): string {
  const lines: string[] = [];
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (report.errors.length === 0 && report.drafts.length === 0) lines.push(`✔ ${name}: ready to serve`);
  else
    lines.push(
      `✘ ${name}: ${count(report.errors.length, 'problem')}, ${count(report.drafts.length, 'draft item')} left`,
    );
  for (const e of report.errors) lines.push(`  ✘ ${e.path}: ${e.message}`);
  for (const w of report.warnings) lines.push(`  ⚠ ${w.path}: ${w.message}`);
  if (report.drafts.length > 0) {
    lines.push('  drafts to confirm (edit, then remove "draft": true):');
    for (const d of report.drafts) lines.push(`    · ${d}`);
  }
  return lines.join('\n');
}
