/**
 * Turns a flat list of comments into a reply tree, after the Hypothesis client's buildThread:
 * each comment names its parent and its thread's root (the top-level comment). The input may be messy —
 * deleted comments, ancestors that are missing, duplicates, even cycles — and this must never throw.
 *
 * - A missing ancestor becomes a placeholder node (`comment: null`) so its replies keep their place.
 * - A deleted comment stays as a placeholder (renderers show "[deleted]") only while it has replies.
 * - A link that would close a cycle is dropped: that comment becomes a root instead.
 * - Roots and children are ordered by number.
 * Iterative throughout, so a 10,000-deep reply chain cannot overflow the stack.
 */
import type { Comment } from './domain.js';

export interface ThreadNode {
  /** null when the comment is missing (only known as its replies' parent or root). */
  comment: Comment | null;
  number: number;
  children: ThreadNode[];
  /** 0 for a root. */
  depth: number;
}

export interface ThreadLine {
  comment: Comment | null;
  number: number;
  depth: number;
}

interface Draft {
  comment: Comment | null;
  number: number;
  parent: Draft | null;
  children: Draft[];
}

const validNumber = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/**
 * Ancestors nearest-last, as the comment claims them: its root, then its parent. Only the parent is
 * needed while it is present; the root places the reply's missing parent, as a placeholder, in the
 * right thread. Anything deeper is known from the ancestors' own parent links.
 */
function ancestorsOf(c: Comment): number[] {
  const out: number[] = [];
  const parent = validNumber(c.parent) && c.parent !== c.number ? c.parent : undefined;
  if (validNumber(c.root) && c.root !== c.number && c.root !== parent) out.push(c.root);
  if (parent !== undefined) out.push(parent);
  return out;
}

/** True when `ancestor` is `node` or above it. */
function isAncestor(ancestor: Draft, node: Draft): boolean {
  for (let at: Draft | null = node; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

/**
 * Builds the forest of threads. With `rootNumber`, returns just that comment's subtree (as the only
 * root, depth 0), or [] when it is absent or pruned.
 */
export function buildThread(comments: readonly Comment[], rootNumber?: number): ThreadNode[] {
  const nodes = new Map<number, Draft>();
  const real: Draft[] = [];
  for (const c of comments) {
    if (typeof c !== 'object' || c === null || !validNumber(c.number) || nodes.has(c.number)) continue;
    const node: Draft = { comment: c, number: c.number, parent: null, children: [] };
    nodes.set(c.number, node);
    real.push(node);
  }
  real.sort((a, b) => a.number - b.number);

  // Links from a comment to a lower-numbered parent can never close a cycle, and well-formed threads
  // have only those; the O(depth) cycle check is needed only once a link points to a higher number.
  let upward = false;
  for (const node of real) {
    const ancestors = ancestorsOf(node.comment as Comment);
    // Walk up the claimed ancestry: attach to the nearest ancestor; when that one is missing, create
    // a placeholder for it and continue by attaching the placeholder to the next one up.
    let child = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const id = ancestors[i] as number;
      let parent = nodes.get(id);
      const missing = parent === undefined;
      if (!parent) {
        parent = { comment: null, number: id, parent: null, children: [] };
        nodes.set(id, parent);
      }
      if (child.parent !== null) break;
      const up = parent.number >= child.number;
      if ((upward || up) && isAncestor(child, parent)) break;
      upward ||= up;
      child.parent = parent;
      parent.children.push(child);
      if (!missing) break;
      child = parent;
    }
  }

  let roots: Draft[];
  if (rootNumber === undefined) {
    roots = [...nodes.values()].filter((n) => n.parent === null);
  } else {
    const start = nodes.get(rootNumber);
    roots = start ? [start] : [];
  }
  roots.sort((a, b) => a.number - b.number);

  // Pre-order walk, then prune bottom-up (reverse pre-order sees children before their parent).
  const order: Draft[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Draft;
    order.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Draft);
  }
  const kept = new Set<Draft>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as Draft;
    node.children = node.children.filter((c) => kept.has(c)).sort((a, b) => a.number - b.number);
    if (node.children.length > 0 || (node.comment !== null && !node.comment.deleted)) kept.add(node);
  }

  // Copy into the public shape with depths, top-down.
  const out: ThreadNode[] = [];
  const todo: { draft: Draft; into: ThreadNode[]; depth: number }[] = [];
  for (const root of roots) if (kept.has(root)) todo.push({ draft: root, into: out, depth: 0 });
  for (let i = 0; i < todo.length; i++) {
    const { draft, into, depth } = todo[i] as (typeof todo)[number];
    const node: ThreadNode = { comment: draft.comment, number: draft.number, children: [], depth };
    into.push(node);
    for (const child of draft.children) todo.push({ draft: child, into: node.children, depth: depth + 1 });
  }
  return out;
}

/** Depth-first lines for rendering: each node followed by its replies. */
export function flattenThread(tree: ThreadNode | readonly ThreadNode[]): ThreadLine[] {
  const lines: ThreadLine[] = [];
  const stack: ThreadNode[] = Array.isArray(tree) ? [...tree].reverse() : [tree as ThreadNode];
  while (stack.length > 0) {
    const node = stack.pop() as ThreadNode;
    lines.push({ comment: node.comment, number: node.number, depth: node.depth });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as ThreadNode);
  }
  return lines;
}
