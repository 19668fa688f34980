import { FieldErrors } from '@parley/discord-emulator/errors';
import { flattenErrorTree, validateAutocompleteData } from '@parley/discord-emulator/validation';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { allAnchorKeys, anchorChoices, parseAnchorKey, resolveAnchor } from '../../src/comments/anchors.js';
import { type Comment, STANCES } from '../../src/comments/domain.js';
import { exportMarkdown } from '../../src/comments/export.js';
import { commentCard, listEmbed, threadPages } from '../../src/comments/render.js';
import { commentText, requireCommentId } from '../../src/comments/service.js';
import { COMMENT_MAX_LENGTH, normaliseCommentText, parseCommentId } from '../../src/comments/text.js';
import { buildThread, flattenThread } from '../../src/comments/threading.js';
import { toChoices } from '../../src/discord/autocomplete.js';
import { isUserError } from '../../src/errors.js';
import { loadMainArticle } from '../helpers/articles.js';
import { hostileText, MALFORMED_IDS } from './arbitraries.js';
import { RUNS as ALL_RUNS, params } from './budget.js';
import { embedProblems, illFormed, replyProblems } from './checks.js';

/**
 * The comment pipeline called directly with hostile input: text cleaning and checks, ids, anchors,
 * and every builder (card, list, thread, export) over arbitrary comments. Cheap, so most of the
 * fuzz budget is spent here; the e2e suites prove the same code is what the bot runs.
 */

const RUNS = ALL_RUNS.commentsPure;

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

const INVISIBLE_LEFT =
  /\u034F|[\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** What stored comment text may never contain, whatever was typed. */
function textProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.length === 0) problems.push('empty');
  if ([...text].length > COMMENT_MAX_LENGTH) problems.push(`length ${[...text].length}`);
  if (text !== text.trim()) problems.push('not trimmed');
  if (/(?!\n)\p{Cc}/u.test(text)) problems.push('control character');
  // The one invisible character allowed: the zero-width space that defuses `@everyone`/`@here`
  // (or its look-alike `＠everyone`, `﹫here`).
  if (INVISIBLE_LEFT.test(text.replace(/([@\uFF20\uFE6B])\u200B(?=everyone|here)/gi, '$1')))
    problems.push('invisible character');
  if (/[\r\u2028\u2029]/.test(text)) problems.push('non-\\n line break');
  if (/\n{4,}/.test(text)) problems.push('run of blank lines');
  if (/@(everyone|here)/i.test(text)) problems.push('live @everyone/@here');
  if (/(?<!\\)<@&\d+>/.test(text)) problems.push('live role mention');
  if (/(?<!\\)`{3,}/.test(text.replace(/\\`/g, ''))) problems.push('code fence');
  if (/^[ \t]*(#{1,3}|-#)[ \t]/m.test(text)) problems.push('heading');
  if (illFormed(text) !== undefined) problems.push('ill-formed');
  return problems;
}

/** A UserError's message as Discord would show it: a valid private reply. */
function userErrorProblems(error: unknown): string[] {
  if (!isUserError(error)) return [`not a UserError: ${String(error)}`];
  return replyProblems({ content: error.message, ephemeral: true });
}

const cleanText = hostileText(1200).map((raw) => {
  const r = normaliseCommentText(raw);
  return r.ok ? r.text : 'Plain text.';
});

const anchorKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('article', 'p:1', 'p:6', 'topic:taiwan', 'actor:michael-chase') },
  { weight: 1, arbitrary: fc.constantFrom('p:99', 'actor:nobody', 'position:gone', 'garbage') },
);

const snowflake = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);

/** An arbitrary stored comment (numbers 1…n; parents among earlier numbers). */
function commentArb(maxNumber: number): fc.Arbitrary<Comment> {
  return fc
    .record({
      number: fc.integer({ min: 1, max: maxNumber }),
      parentOffset: fc.option(fc.integer({ min: 1, max: maxNumber }), { nil: null }),
      anchor: anchorKey,
      stance: fc.option(fc.constantFrom(...STANCES), { nil: null }),
      authorId: snowflake,
      authorName: hostileText(200).map((s) => s || 'x'),
      text: cleanText,
      createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      edited: fc.boolean(),
      deleted: fc.boolean(),
      replyCount: fc.nat({ max: 10_000 }),
      votes: fc.array(snowflake, { maxLength: 30 }),
      flags: fc.array(snowflake, { maxLength: 5 }),
      hidden: fc.boolean(),
      restored: fc.boolean(),
    })
    .map((r) => {
      const parent = r.parentOffset !== null && r.parentOffset < r.number ? r.number - r.parentOffset : null;
      return {
        guildId: '1',
        number: r.number,
        articleId: 'taiwan-talks',
        parent,
        root: parent,
        anchor: r.anchor,
        stance: r.stance,
        authorId: r.authorId,
        authorName: r.authorName,
        text: r.text,
        createdAt: r.createdAt,
        editedAt: r.edited ? r.createdAt + 1 : null,
        deleted: r.deleted,
        replyCount: r.replyCount,
        votes: r.votes,
        flags: r.flags,
        hidden: r.hidden,
        restored: r.restored,
      };
    });
}

const viewer = fc.record({ moderator: fc.boolean() });

describe('comment text: whatever is typed, what is stored is safe', () => {
  it(`normaliseCommentText never throws and cleans everything it accepts (${RUNS.normalise} cases)`, () => {
    fc.assert(
      fc.property(hostileText(), (raw) => {
        const r = normaliseCommentText(raw);
        if (r.ok) expect(textProblems(r.text)).toEqual([]);
        else expect(replyProblems({ content: r.reason })).toEqual([]);
      }),
      params('commentsPure', 'normalise'),
    );
  });

  it(`commentText accepts only safe text and refuses the rest with a readable reason (${RUNS.commentText} cases)`, () => {
    fc.assert(
      fc.property(hostileText(), (raw) => {
        let text: string;
        try {
          text = commentText(raw);
        } catch (error) {
          expect(userErrorProblems(error)).toEqual([]);
          return;
        }
        expect(textProblems(text)).toEqual([]);
        // Escaping is for display only: a stored comment never smuggles a mass mention past the check.
        expect(text.replace(new RegExp(INVISIBLE_LEFT, 'g'), '')).not.toMatch(/@(everyone|here)\b/i);
      }),
      params('commentsPure', 'commentText'),
    );
  });
});

describe('comment ids', () => {
  it(`parseCommentId: whole numbers 1…2^31−1 only, "12" or "#12" (${RUNS.parseId} cases)`, () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText(40), fc.constantFrom(...MALFORMED_IDS), fc.nat().map(String)),
        (raw) => {
          const n = parseCommentId(raw);
          if (n === undefined) return;
          expect(Number.isSafeInteger(n) && n >= 1 && n <= 2 ** 31 - 1).toBe(true);
          expect(raw.trim()).toMatch(/^#?[0-9]+$/);
          expect(parseCommentId(`#${n}`)).toBe(n);
        },
      ),
      params('commentsPure', 'parseId'),
    );
    for (const raw of ['#', '#0', '-1', '1e9', '٣', '１２', '1.5', '0x10', '', ' ']) {
      expect(parseCommentId(raw)).toBeUndefined();
    }
  });

  it(`requireCommentId: a number, or a private error that echoes nothing pingable (${RUNS.requireId} cases)`, () => {
    fc.assert(
      fc.property(hostileText(200), (raw) => {
        try {
          expect(requireCommentId(raw)).toBe(parseCommentId(raw));
        } catch (error) {
          expect(userErrorProblems(error)).toEqual([]);
          expect((error as Error).message).not.toMatch(/<@|@everyone|@here/);
        }
      }),
      params('commentsPure', 'requireId'),
    );
  });
});

describe('anchors', () => {
  it(`resolveAnchor: a key of this article, or a private error within Discord's limits (${RUNS.resolveAnchor} cases)`, () => {
    fc.assert(
      fc.property(hostileText(), (raw) => {
        try {
          const key = resolveAnchor(article, raw);
          expect(parseAnchorKey(article, key)).toBeDefined();
        } catch (error) {
          expect(userErrorProblems(error)).toEqual([]);
        }
      }),
      params('commentsPure', 'resolveAnchor'),
    );
  });

  it(`anchor autocomplete: Discord accepts the choices and every value is a key (${RUNS.anchorChoices} cases)`, () => {
    const keys = new Set(allAnchorKeys(article));
    fc.assert(
      fc.property(hostileText(), (raw) => {
        const choices = toChoices(anchorChoices(article, raw));
        const errs = new FieldErrors();
        validateAutocompleteData(errs, { choices });
        expect(flattenErrorTree(errs.toTree())).toEqual({});
        expect(illFormed(choices)).toBeUndefined();
        for (const c of choices) expect(keys.has(String(c.value))).toBe(true);
      }),
      params('commentsPure', 'anchorChoices'),
    );
  });
});

describe('builders over arbitrary comments', () => {
  it(`the comment card is always a valid message that pings nobody (${RUNS.card} cases)`, () => {
    fc.assert(
      fc.property(
        commentArb(5000),
        fc.option(commentArb(5000), { nil: undefined }),
        viewer,
        (c, parent, v) => {
          expect(replyProblems(commentCard(article, c, { parent, viewer: v }))).toEqual([]);
        },
      ),
      params('commentsPure', 'card'),
    );
  });

  it(`a list page is always a valid embed (${RUNS.list} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(commentArb(10_000), { maxLength: 5 }),
        fc.nat({ max: 100_000 }),
        fc.option(anchorKey, { nil: undefined }),
        fc.constantFrom('newest', 'oldest', 'top') as fc.Arbitrary<'newest' | 'oldest' | 'top'>,
        fc.integer({ min: -5, max: 100_000 }),
        (items, extra, anchor, sort, page) => {
          const embed = listEmbed(article, { items, total: items.length + extra }, { anchor, sort, page });
          expect(embedProblems([embed])).toEqual([]);
        },
      ),
      params('commentsPure', 'list'),
    );
  });

  it(`every page of a thread is a valid embed, whatever the tree (${RUNS.thread} cases)`, () => {
    fc.assert(
      fc.property(fc.array(commentArb(60), { minLength: 1, maxLength: 60 }), viewer, (comments, v) => {
        const byNumber = new Map(comments.map((c) => [c.number, c]));
        const all = [...byNumber.values()];
        const root = Math.min(...all.map((c) => c.number));
        const pages = threadPages(article, flattenThread(buildThread(all, root)), v);
        expect(embedProblems(pages.slice(0, 1))).toEqual([]);
        for (const page of pages) expect(embedProblems([page])).toEqual([]);
      }),
      params('commentsPure', 'thread'),
    );
  });

  it(`the Markdown export never throws and user text cannot add headings or HTML (${RUNS.export} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(commentArb(200), { maxLength: 40 }),
        hostileText(120),
        viewer,
        (comments, serverName, v) => {
          const byNumber = new Map(comments.map((c) => [c.number, c]));
          const md = exportMarkdown(article, [...byNumber.values()], {
            serverName,
            exportedAt: 0,
            viewer: v,
          });
          const headings = md.split('\n').filter((l) => /^\s*#/.test(l));
          expect(headings[0]).toMatch(/^# Discussion: /);
          for (const h of headings.slice(1)) expect(h).toMatch(/^## /);
          expect(md).not.toMatch(/(?<!\\)</);
          expect(illFormed(md)).toBeUndefined();
        },
      ),
      params('commentsPure', 'export'),
    );
  });
});
