import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { buildThread, flattenThread, type ThreadNode } from '../../src/comments/threading.js';

/**
 * A comment with just the fields threading looks at filled in meaningfully; `path` is its ancestry,
 * root first, of which a comment stores the ends (root and parent).
 */
function c(number: number, path: number[] = [], extra: Partial<Comment> = {}): Comment {
  return {
    guildId: 'g',
    number,
    articleId: 'an-article',
    parent: path.at(-1) ?? null,
    root: path[0] ?? null,
    anchor: 'article',
    stance: null,
    authorId: 'u',
    authorName: 'U',
    text: `#${number}`,
    createdAt: number,
    editedAt: null,
    deleted: false,
    replyCount: 0,
    votes: [],
    flags: [],
    hidden: false,
    restored: false,
    ...extra,
  };
}

/** Compact shape for assertions: "n" for a comment, "n?" missing, "n†" deleted. */
function shape(nodes: ThreadNode[]): unknown[] {
  return nodes.map((n) => {
    const label = n.comment === null ? `${n.number}?` : n.comment.deleted ? `${n.number}†` : `${n.number}`;
    return n.children.length ? [label, shape(n.children)] : label;
  });
}

describe('buildThread', () => {
  it('nests replies under their parents, children by number, with depths', () => {
    const tree = buildThread([c(5, [1, 2]), c(1), c(3, [1]), c(2, [1]), c(4)]);
    expect(shape(tree)).toEqual([['1', [['2', ['5']], '3']], '4']);
    const lines = flattenThread(tree);
    expect(lines.map((l) => [l.number, l.depth])).toEqual([
      [1, 0],
      [2, 1],
      [5, 2],
      [3, 1],
      [4, 0],
    ]);
    expect(lines[2]?.comment?.text).toBe('#5');
  });

  it('returns one subtree, rooted at depth 0, when given a root number', () => {
    const comments = [c(1), c(2, [1]), c(3, [1, 2]), c(4, [1])];
    expect(shape(buildThread(comments, 2))).toEqual([['2', ['3']]]);
    expect(buildThread(comments, 2)[0]?.depth).toBe(0);
    expect(buildThread(comments, 2)[0]?.children[0]?.depth).toBe(1);
    expect(buildThread(comments, 9)).toEqual([]);
    expect(buildThread([], 1)).toEqual([]);
  });

  it('keeps deleted comments with replies as placeholders and drops deleted leaves', () => {
    const comments = [
      c(1, [], { deleted: true }),
      c(2, [1], { deleted: true }),
      c(3, [1, 2]),
      c(4, [1], { deleted: true }),
      c(5, [], { deleted: true }),
    ];
    expect(shape(buildThread(comments))).toEqual([['1†', [['2†', ['3']]]]]);
    // A deleted root with nothing left below it disappears.
    expect(buildThread([c(1, [], { deleted: true }), c(2, [1], { deleted: true })], 1)).toEqual([]);
  });

  it('creates placeholders for missing parents and ancestors', () => {
    expect(shape(buildThread([c(1), c(3, [1, 2])]))).toEqual([['1', [['2?', ['3']]]]]);
    // Only root and parent are stored: the missing parent hangs under the root (what lay between is
    // known only from the missing comments' own links).
    expect(shape(buildThread([c(4, [1, 2, 3])]))).toEqual([['1?', [['3?', ['4']]]]]);
    expect(shape(buildThread([c(1), c(2, [1]), c(4, [1, 3])]))).toEqual([['1', ['2', ['3?', ['4']]]]]);
    // Two replies to the same missing parent share one placeholder.
    expect(shape(buildThread([c(1), c(3, [1, 2]), c(4, [1, 2])]))).toEqual([['1', [['2?', ['3', '4']]]]]);
    // Without a root, `parent` alone still places the reply.
    expect(shape(buildThread([c(1), c(2, [], { parent: 1 })]))).toEqual([['1', ['2']]]);
  });

  it('survives cycles, self-references, duplicates and garbage numbers', () => {
    const cyclic = [c(1, [2]), c(2, [1]), c(3, [3]), c(4, [4, 5, 4])];
    const tree = buildThread(cyclic);
    const numbers = flattenThread(tree).map((l) => l.number);
    for (const n of [1, 2, 3, 4]) expect(numbers.filter((x) => x === n)).toHaveLength(1);
    expect(shape(buildThread([c(1), c(1, [], { text: 'dup' }), c(2, [1])]))).toEqual([['1', ['2']]]);
    expect(buildThread([c(1)])[0]?.comment?.text).toBe('#1');
    const junk = [
      c(Number.NaN),
      c(-1),
      c(1.5),
      c(2, [Number.NaN as number, -4, 0]),
      null as unknown as Comment,
      { number: 3 } as unknown as Comment,
    ];
    expect(() => buildThread(junk)).not.toThrow();
    expect(flattenThread(buildThread(junk)).map((l) => l.number)).toEqual([2, 3]);
  });

  it('handles a 20,000-deep reply chain without overflowing the stack', () => {
    // As stored: parent and root only (a full ancestor list would make the input itself quadratic).
    const chain = Array.from({ length: 20_000 }, (_, i) => c(i + 1, i === 0 ? [] : [1, i]));
    const lines = flattenThread(buildThread(chain, 1));
    expect(lines).toHaveLength(20_000);
    expect(lines.at(-1)?.depth).toBe(19_999);
  });

  describe('properties', () => {
    /** Random flat comments: parents may be missing, roots may disagree, anything may be deleted. */
    const flatComments = fc
      .array(
        fc.record({
          number: fc.integer({ min: 1, max: 40 }),
          refs: fc.array(fc.integer({ min: -2, max: 45 }), { maxLength: 5 }),
          parent: fc.option(fc.integer({ min: 1, max: 45 })),
          deleted: fc.boolean(),
        }),
        { maxLength: 40 },
      )
      .map((rows) => rows.map((r) => c(r.number, r.refs, { parent: r.parent, deleted: r.deleted })));

    it('never throws; every live comment appears exactly once; no empty placeholders', () => {
      fc.assert(
        fc.property(flatComments, (comments) => {
          const tree = buildThread(comments);
          const lines = flattenThread(tree);
          const counts = new Map<number, number>();
          for (const l of lines) counts.set(l.number, (counts.get(l.number) ?? 0) + 1);
          for (const n of counts.values()) expect(n).toBe(1);
          const firstByNumber = new Map<number, Comment>();
          for (const x of comments) if (!firstByNumber.has(x.number)) firstByNumber.set(x.number, x);
          for (const x of firstByNumber.values()) if (!x.deleted) expect(counts.get(x.number)).toBe(1);
          const walk = (nodes: ThreadNode[], depth: number): void => {
            const numbers = nodes.map((n) => n.number);
            expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
            for (const n of nodes) {
              expect(n.depth).toBe(depth);
              if (n.comment === null || n.comment.deleted) expect(n.children.length).toBeGreaterThan(0);
              walk(n.children, depth + 1);
            }
          };
          walk(tree, 0);
        }),
        { numRuns: 500 },
      );
    });

    it('reproduces the stored shape exactly for well-formed threads', () => {
      const wellFormed = fc.array(fc.nat(), { maxLength: 60 }).map((picks) => {
        const out: Comment[] = [c(1)];
        picks.forEach((pick, i) => {
          const parent = out[pick % out.length] as Comment;
          out.push(c(i + 2, [parent.root ?? parent.number, parent.number]));
        });
        return out;
      });
      fc.assert(
        fc.property(wellFormed, (comments) => {
          const tree = buildThread([...comments].reverse(), 1);
          const lines = flattenThread(tree);
          expect(lines).toHaveLength(comments.length);
          const parentOf = new Map<number, number | null>();
          const record = (nodes: ThreadNode[], parent: number | null) => {
            for (const n of nodes) {
              parentOf.set(n.number, parent);
              record(n.children, n.number);
            }
          };
          record(tree, null);
          for (const x of comments) expect(parentOf.get(x.number)).toBe(x.parent);
        }),
      );
    });
  });
});
