/**
 * A server's discussion as Markdown: grouped by anchor (in article order), each anchor quoted,
 * threads nested as lists. Comments are read from the store in batches and kept only as their
 * rendered lines; the walk is iterative (a 20,000-deep chain is a loop, not a stack), indentation
 * stops growing at the thread view's depth, and the output is split into files that each fit
 * Discord's upload limit. Past `maxParts` files the export stops at a comment number and says how
 * to get the rest (`from:`), so every comment is reachable and nothing is exported twice.
 */
import type { Article } from '../article/article.js';
import type { Reply } from '../discord/payload.js';
import { allAnchorKeys, anchorOrder, describeAnchor } from './anchors.js';
import type { AnchorKey, Comment } from './domain.js';
import { COMMENT_TEXT } from './messages.js';
import { FETCH_BATCH } from './model.js';
import { MAX_INDENT, STANCE_ICON, type Viewer } from './render.js';

export interface ExportHead {
  serverName: string;
  /** Milliseconds since the epoch (ctx.now()). */
  exportedAt: number;
  viewer: Viewer;
}

export const EXPORT_FILE_NAME = 'discussion.md';

const MIB = 1024 * 1024;

/**
 * Discord's upload limit for a server's boost level (guild premium_tier). Tier 1 is given the
 * default: sources disagree on whether it raises the limit, and a limit guessed too high costs a
 * failed upload where one guessed low costs an extra file.
 */
export function uploadLimit(premiumTier: number): number {
  if (premiumTier >= 3) return 100 * MIB;
  if (premiumTier === 2) return 50 * MIB;
  return 10 * MIB;
}

/** Room left in each file for the multipart framing and the message's own JSON. */
const REQUEST_OVERHEAD = 256 * 1024;

/** Files one export sends at most (each in its own message); the rest is a later `from:` export. */
export const MAX_EXPORT_FILES = 5;

/** Bytes a file may hold for a server at this boost level. */
export const exportFileBytes = (premiumTier: number) => uploadLimit(premiumTier) - REQUEST_OVERHEAD;

/** Text that must stay plain inside our Markdown: no raw HTML, links, code, headings or list items. */
function inline(text: string): string {
  return text
    .trimStart()
    .replace(/[\\`*_~<>[\]|#]/g, (ch) => `\\${ch}`)
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const bytes = (line: string) => Buffer.byteLength(line, 'utf8') + 1;
const count = (n: number) => n.toLocaleString('en-US');

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

/** One comment as the export needs it: its place in the tree and its lines, not yet indented. */
interface Block {
  number: number;
  parent: number | null;
  anchor: AnchorKey;
  deleted: boolean;
  header: string;
  text: string[];
  /** Upper bound of its bytes once written: deepest indentation and a "reply to" note included. */
  size: number;
}

const REPLY_NOTE_BYTES = 32;
/** The most one comment can take: 1,000 characters of up to 4 UTF-8 bytes, a line each at the deepest indentation, and its header. */
const MAX_BLOCK_BYTES = 1000 * (4 + 2 * MAX_INDENT + 3) + 1024;
const INDENT_BYTES = 2 * MAX_INDENT + 2;

function blockOf(c: Comment, viewer: Viewer): Block {
  const shows = !c.deleted && (!c.hidden || viewer.moderator);
  const text = shows ? c.text.split('\n').map((line) => (line.trim() === '' ? '' : inline(line))) : [];
  const head = header(c, viewer);
  let size = bytes(head) + REPLY_NOTE_BYTES + INDENT_BYTES;
  for (const line of text) size += bytes(line) + INDENT_BYTES;
  return {
    number: c.number,
    parent: c.parent,
    anchor: c.anchor,
    deleted: c.deleted,
    header: head,
    text,
    size,
  };
}

/** Heading and quote of each anchor, as written at its first appearance in a file. */
function anchorLines(article: Article, anchor: AnchorKey, continued: boolean): string[] {
  const { label, excerpt } = describeAnchor(article, anchor, 1000);
  if (continued) return [`## ${inline(label)} (continued)`, ''];
  return [`## ${inline(label)}`, '', ...(excerpt ? [`> ${inline(excerpt)}`, ''] : [])];
}

/** Fills files up to `limit` bytes each, starting a new one (with its own title) when the next comment would not fit. */
class FileWriter {
  readonly files: string[][] = [];
  private lines: string[] = [];
  private size = 0;
  private anchor: AnchorKey | undefined;
  /** Depth written as the left margin of this file: a file that starts mid-thread starts at depth 0. */
  private base = 0;
  private fresh = true;

  constructor(
    private readonly article: Article,
    private readonly limit: number,
    private readonly title: (part: number) => string[],
  ) {
    this.open();
  }

  private open(): void {
    this.lines = [];
    this.size = 0;
    this.fresh = true;
    this.base = 0;
    for (const line of this.title(this.files.length + 1)) this.push(line);
  }

  private push(line: string): void {
    this.lines.push(line);
    this.size += bytes(line);
  }

  enterAnchor(anchor: AnchorKey): void {
    if (this.anchor !== undefined) this.push('');
    this.anchor = anchor;
    for (const line of anchorLines(this.article, anchor, false)) this.push(line);
  }

  comment(block: Block, depth: number): void {
    if (!this.fresh && this.size + block.size > this.limit) {
      this.files.push(this.lines);
      this.open();
      if (this.anchor !== undefined)
        for (const line of anchorLines(this.article, this.anchor, true)) this.push(line);
      this.base = depth;
    }
    this.fresh = false;
    // A later comment shallower than this file's margin (a sibling of an ancestor) moves the margin up.
    if (depth < this.base) this.base = depth;
    const shown = Math.min(depth - this.base, MAX_INDENT);
    const note = shown !== depth && block.parent !== null ? ` · reply to #${block.parent}` : '';
    const pad = '  '.repeat(shown);
    this.push(`${pad}- ${block.header}${note}`);
    for (const line of block.text) this.push(line === '' ? '' : `${pad}  ${line}`);
  }

  note(lines: string[]): void {
    if (this.lines.at(-1) !== '') this.push('');
    for (const line of lines) this.push(line);
  }

  finish(): string[] {
    this.files.push(this.lines);
    return this.files.map((lines) => `${lines.join('\n').trimEnd()}\n`);
  }
}

export interface ExportOptions {
  head: ExportHead;
  /** The first comment number to export (1: from the start). */
  from: number;
  /** Bytes per file (exportFileBytes for the server's boost level). */
  fileBytes: number;
  /** Files at most; the comments that do not fit are left for a `from:` export. */
  maxFiles: number;
}

export interface ExportResult {
  /** The Markdown of each file, in order. */
  files: string[];
  /** Non-deleted comments in this export. */
  comments: number;
  /** Numbers of the first and last comment read (undefined: none). */
  first: number | undefined;
  last: number | undefined;
  /** The first comment left out for lack of room: `from:` this number gets the rest. */
  next: number | undefined;
}

/** Reads one batch: comments numbered above `after`, in order (CommentStore.exportBatch). */
export type BatchReader = (after: number, limit: number) => Promise<Comment[]>;

/**
 * Builds the export, reading `read` batch by batch and keeping only each comment's rendered lines.
 * Stops reading once what it holds would no longer fit `maxFiles` files.
 */
export async function buildExport(
  article: Article,
  read: BatchReader,
  options: ExportOptions,
): Promise<ExportResult> {
  const blocks: Block[] = [];
  // Room for each file's title and every anchor heading, plus one comment's worth of slack per file
  // (a file is closed when the next comment would not fit).
  const perFile = titleBytes(article, options, 1) + articleAnchorBytes(article) + MAX_BLOCK_BYTES;
  let budget = options.maxFiles * (options.fileBytes - perFile) - NOTE_BYTES;
  let next: number | undefined;
  let after = Math.max(0, Math.floor(options.from) - 1);
  reading: for (;;) {
    const batch = await read(after, FETCH_BATCH);
    const lastOfBatch = batch.at(-1);
    if (!lastOfBatch) break;
    for (const c of batch) {
      const block = blockOf(c, options.head.viewer);
      if (block.size > budget) {
        next = c.number;
        break reading;
      }
      budget -= block.size;
      blocks.push(block);
    }
    after = lastOfBatch.number;
  }
  return { ...write(article, blocks, options, next), next };
}

const NOTE_BYTES = 1024;

/** The first file's title block (the largest: it carries the server line). */
function titleBytes(article: Article, options: ExportOptions, part: number): number {
  return titleLines(article, options.head, part, 0, 'range').reduce((sum, line) => sum + bytes(line), 64);
}

/** Every anchor heading with its quote, once (an upper bound of the headings one file can hold). */
function articleAnchorBytes(article: Article): number {
  let sum = 0;
  for (const key of allAnchorKeys(article))
    for (const line of anchorLines(article, key, false)) sum += bytes(line);
  return sum;
}

function titleLines(
  article: Article,
  head: ExportHead,
  part: number,
  total: number,
  range: string,
): string[] {
  const title = `# Discussion: ${inline(article.model.headline)}`;
  if (part > 1) return [`${title} (part ${part})`, ''];
  const what = `${count(total)} comment${total === 1 ? '' : 's'}${range}`;
  return [title, '', `${inline(head.serverName)} · exported ${day(head.exportedAt)} UTC · ${what}`, ''];
}

/** Lays the blocks out as threads under their anchors, across as many files as they need. */
function write(
  article: Article,
  blocks: Block[],
  options: Pick<ExportOptions, 'head' | 'fileBytes' | 'from'>,
  next: number | undefined,
): Omit<ExportResult, 'next'> {
  const byNumber = new Map(blocks.map((b) => [b.number, b]));
  const children = new Map<number, Block[]>();
  const roots: Block[] = [];
  for (const b of blocks) {
    // A reply whose parent is not in this export (deleted long ago, or before `from`) stands as a root.
    const parent = b.parent !== null && b.parent < b.number ? byNumber.get(b.parent) : undefined;
    if (parent) {
      const list = children.get(parent.number) ?? [];
      list.push(b);
      children.set(parent.number, list);
    } else {
      roots.push(b);
    }
  }
  // Kept: not deleted, or a placeholder for kept replies. Replies have higher numbers than their
  // parents, so one pass from the highest number settles every comment before its parent.
  const kept = new Set<number>();
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i] as Block;
    const hasKeptChild = (children.get(b.number) ?? []).some((child) => kept.has(child.number));
    if (!b.deleted || hasKeptChild) kept.add(b.number);
  }

  const first = blocks[0]?.number;
  const last = blocks.at(-1)?.number;
  const total = blocks.filter((b) => !b.deleted).length;
  const partial = options.from > 1 || next !== undefined;
  const range = partial && first !== undefined ? ` (#${first}–#${last})` : '';
  const writer = new FileWriter(article, options.fileBytes, (part) =>
    titleLines(article, options.head, part, total, range),
  );

  const order = anchorOrder(article);
  const anchors = [...new Set(roots.filter((r) => kept.has(r.number)).map((r) => r.anchor))].sort(
    (a, b) => order(a) - order(b),
  );
  if (anchors.length === 0) {
    writer.note([options.from > 1 ? `_No comments from #${options.from} on._` : '_No comments yet._']);
  }
  for (const anchor of anchors) {
    writer.enterAnchor(anchor);
    for (const root of roots) {
      if (root.anchor !== anchor || !kept.has(root.number)) continue;
      // Depth-first with an explicit stack: no recursion, whatever the depth.
      const stack: { block: Block; depth: number }[] = [{ block: root, depth: 0 }];
      for (let item = stack.pop(); item; item = stack.pop()) {
        writer.comment(item.block, item.depth);
        const kids = children.get(item.block.number) ?? [];
        for (let k = kids.length - 1; k >= 0; k--) {
          const kid = kids[k] as Block;
          if (kept.has(kid.number)) stack.push({ block: kid, depth: item.depth + 1 });
        }
      }
    }
  }
  if (next !== undefined) {
    writer.note([
      `_This export holds comments #${first ?? options.from}–#${last ?? options.from}: the rest did not fit in ` +
        `the files Discord accepts from this server. Run /comment export from:${next} for comments from #${next} on._`,
    ]);
  }
  return { files: writer.finish(), comments: total, first, last };
}

/** The whole discussion in one document (no size limit), from comments already gathered. */
export function exportMarkdown(article: Article, comments: Comment[], head: ExportHead): string {
  const blocks = [...comments].sort((a, b) => a.number - b.number).map((c) => blockOf(c, head.viewer));
  return write(article, blocks, { head, fileBytes: Number.POSITIVE_INFINITY, from: 1 }, undefined).files.join(
    '\n',
  );
}

/**
 * The private messages carrying an export: the first says what it holds (and how to get the rest),
 * each carries one file, so no single upload exceeds the limit.
 */
export function exportReplies(result: ExportResult, from: number): Reply[] {
  const many = result.files.length > 1;
  const name = (i: number) =>
    many
      ? `discussion-${i + 1}-of-${result.files.length}.md`
      : from > 1
        ? `discussion-from-${from}.md`
        : EXPORT_FILE_NAME;
  const partial = result.first !== undefined && (from > 1 || result.next !== undefined);
  const content = COMMENT_TEXT.exported({
    comments: result.comments,
    range: partial ? ` (#${result.first}–#${result.last})` : '',
    files: result.files.length,
    next: result.next,
  });
  return result.files.map((markdown, i) => ({
    ...(i === 0 ? { content } : {}),
    files: [{ name: name(i), data: Buffer.from(markdown, 'utf8'), description: 'Member comments' }],
    ephemeral: true,
  }));
}
