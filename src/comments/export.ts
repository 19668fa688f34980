/**
 * The whole discussion of a server as one Markdown document: grouped by anchor (in article
 * order), each anchor quoted, threads nested as lists. Pure: the caller gathers the comments.
 */
import type { Article } from '../article/article.js';
import { anchorOrder, describeAnchor } from './anchors.js';
import type { Comment } from './domain.js';
import { STANCE_ICON, type Viewer } from './render.js';

export interface ExportHead {
  serverName: string;
  /** Milliseconds since the epoch (ctx.now()). */
  exportedAt: number;
  viewer: Viewer;
}

export const EXPORT_FILE_NAME = 'discussion.md';

/** Text that must stay plain inside our Markdown: no raw HTML, links, code, headings or list items. */
function inline(text: string): string {
  return text
    .trimStart()
    .replace(/[\\`*_~<>[\]|#]/g, (ch) => `\\${ch}`)
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

function header(c: Comment, viewer: Viewer): string {
  if (c.deleted) return `**#${c.number}** [deleted]`;
  if (c.hidden && !viewer.moderator) return `**#${c.number}** [hidden: flagged by members]`;
  const parts = [
    `**#${c.number}**`,
    inline(c.authorName),
    c.stance ? `${STANCE_ICON[c.stance]} ${c.stance}` : '',
    `${day(c.createdAt)} UTC`,
    `👍 ${c.votes.length}`,
    c.editedAt !== null ? '(edited)' : '',
    c.hidden ? `🚩 hidden (${c.flags.length} flags)` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function showsText(c: Comment, viewer: Viewer): boolean {
  return !c.deleted && (!c.hidden || viewer.moderator);
}

/**
 * Builds the document. Deleted comments without (kept) replies are left out; deleted or hidden
 * ones with replies stay as placeholders so every thread keeps its shape.
 */
export function exportMarkdown(article: Article, comments: Comment[], head: ExportHead): string {
  const byNumber = new Map(comments.map((c) => [c.number, c]));
  const children = new Map<number, Comment[]>();
  const roots: Comment[] = [];
  for (const c of [...comments].sort((a, b) => a.number - b.number)) {
    // A reply whose parent is missing from the export still appears, as a root.
    if (c.parent !== null && byNumber.has(c.parent)) {
      const list = children.get(c.parent) ?? [];
      list.push(c);
      children.set(c.parent, list);
    } else {
      roots.push(c);
    }
  }

  const keep = new Map<number, boolean>();
  const kept = (c: Comment): boolean => {
    const known = keep.get(c.number);
    if (known !== undefined) return known;
    const value = !c.deleted || (children.get(c.number) ?? []).some(kept);
    keep.set(c.number, value);
    return value;
  };

  const lines: string[] = [];
  const write = (c: Comment, depth: number) => {
    if (!kept(c)) return;
    const pad = '  '.repeat(depth);
    lines.push(`${pad}- ${header(c, head.viewer)}`);
    if (showsText(c, head.viewer)) {
      for (const line of c.text.split('\n')) lines.push(`${pad}  ${line.trim() === '' ? '' : inline(line)}`);
    }
    for (const child of children.get(c.number) ?? []) write(child, depth + 1);
  };

  const order = anchorOrder(article);
  const anchors = [...new Set(roots.filter(kept).map((c) => c.anchor))].sort((a, b) => order(a) - order(b));
  const total = comments.filter((c) => !c.deleted).length;

  lines.push(
    `# Discussion: ${inline(article.model.headline)}`,
    '',
    `${inline(head.serverName)} · exported ${day(head.exportedAt)} UTC · ${total} comment${total === 1 ? '' : 's'}`,
    '',
  );
  if (anchors.length === 0) lines.push('_No comments yet._', '');
  for (const anchor of anchors) {
    const { label, excerpt } = describeAnchor(article, anchor, 1000);
    lines.push(`## ${inline(label)}`, '');
    if (excerpt) lines.push(`> ${inline(excerpt)}`, '');
    for (const root of roots) if (root.anchor === anchor) write(root, 0);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
