import { FieldErrors } from '@parley/discord-emulator/errors';
import { flattenErrorTree, validateAutocompleteData } from '@parley/discord-emulator/validation';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { paragraphPages } from '../../src/answers/article.js';
import { lookupActor, profilePages, unknownActorPages } from '../../src/answers/who.js';
import type { Article } from '../../src/article/article.js';
import { answerQuestion } from '../../src/ask/answer.js';
import { askReply } from '../../src/ask/reply.js';
import { toChoices } from '../../src/discord/autocomplete.js';
import { CustomIdTooLongError } from '../../src/discord/custom-ids.js';
import { clip, cutUnits, LIMITS } from '../../src/discord/limits.js';
import {
  buildPages,
  chunkLines,
  pageButtonId,
  pagedReply,
  pageIdOf,
  parsePageId,
} from '../../src/discord/pages.js';
import { toOptions } from '../../src/discord/responder.js';
import { isUserError } from '../../src/errors.js';
import { engineOf, loadMainArticle } from '../helpers/articles.js';
import { hostileInteger, hostileText } from './arbitraries.js';
import { RUNS as ALL_RUNS, params } from './budget.js';
import { embedProblems, illFormed, replyProblems } from './checks.js';

/**
 * The article answers and the Discord plumbing called directly with hostile input: page layout,
 * autocomplete shaping, cutting text to a limit, custom ids, /ask, /who and /article builders.
 */

const RUNS = ALL_RUNS.answersPure;

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

const userErrorProblems = (error: unknown): string[] =>
  isUserError(error)
    ? replyProblems({ content: error.message, ephemeral: true })
    : [`not a UserError: ${String(error)}`];

describe('cutting text to a limit', () => {
  it(`clip and cutUnits never split a character and respect the limit (${RUNS.clip} cases)`, () => {
    fc.assert(
      fc.property(hostileText(400), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const clipped = clip(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(illFormed(clipped)).toBeUndefined();
        expect(text.startsWith(clipped) || clipped.endsWith('…')).toBe(true);
        const cut = cutUnits(text, max);
        expect(text.startsWith(cut)).toBe(true);
        expect(cut.length === Math.min(max, text.length) || cut.length === max - 1).toBe(true);
        expect(illFormed(cut)).toBeUndefined();
      }),
      params('answersPure', 'clip'),
    );
  });
});

describe('pages', () => {
  const section = fc.record({
    name: hostileText(400).map((s) => s || '-'),
    lines: fc.array(hostileText(1500), { maxLength: 5 }),
    inline: fc.boolean(),
  });

  it(`buildPages lays anything out within every embed limit, losing nothing (${RUNS.pages} cases)`, () => {
    fc.assert(
      fc.property(
        hostileText(400).map((s) => s || 'Title'),
        fc.option(hostileText(5000), { nil: undefined }),
        fc.option(hostileText(3000), { nil: undefined }),
        fc.array(section, { maxLength: 5 }),
        fc.array(hostileText(5000), { maxLength: 3 }),
        (title, description, footer, sections, paragraphs) => {
          const head = {
            title,
            ...(description ? { description } : {}),
            ...(footer ? { footer } : {}),
          };
          const pages = buildPages(head, sections, paragraphs);
          for (const page of pages) expect(embedProblems([page])).toEqual([]);
          // Every character of the body text survives (splits only drop the spaces they break at).
          const squash = (s: string) => s.replace(/\s+/g, '');
          const shown = squash(pages.map((p) => p.description ?? '').join(''));
          expect(shown).toBe(squash([description ?? '', ...paragraphs].join('')));
        },
      ),
      params('answersPure', 'pages'),
    );
  });

  it('chunkLines never cuts an emoji in half', () => {
    const line = `${'a'.repeat(9)}${'😀'.repeat(20)}`;
    for (const chunk of chunkLines([line], 10)) expect(illFormed(chunk)).toBeUndefined();
    expect(chunkLines([line], 10).join('')).toBe(line);
  });
});

describe('autocomplete shaping', () => {
  it(`toChoices always fits Discord's choice limits (${RUNS.choices} cases)`, () => {
    const item = fc.record({
      name: hostileText(500).filter((s) => s.trim() !== ''),
      value: hostileText(500).filter((s) => s !== ''),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const choices = toChoices(items);
        const errs = new FieldErrors();
        validateAutocompleteData(errs, { choices });
        expect(flattenErrorTree(errs.toTree())).toEqual({});
        expect(illFormed(choices)).toBeUndefined();
      }),
      params('answersPure', 'choices'),
    );
  });
});

describe('article answers', () => {
  it(`/ask: an answer or a decline within Discord's limits, or a private error (${RUNS.ask} cases)`, () => {
    fc.assert(
      fc.property(hostileText(400), (question) => {
        try {
          expect(replyProblems(askReply(article, answerQuestion(engineOf(article), question)))).toEqual([]);
        } catch (error) {
          if (!isUserError(error)) throw error;
          expect(userErrorProblems(error)).toEqual([]);
        }
      }),
      params('answersPure', 'ask'),
    );
  });

  it(`/who: a profile or "not in the article", always a valid message (${RUNS.who} cases)`, () => {
    fc.assert(
      fc.property(hostileText(), (name) => {
        const found = lookupActor(article, name);
        const pages =
          found.kind === 'found'
            ? profilePages(article, found.actor)
            : unknownActorPages(article, name, found.suggestions);
        for (const page of pages) expect(embedProblems([page])).toEqual([]);
      }),
      params('answersPure', 'who'),
    );
  });

  it(`/article paragraph: any integer gives the paragraph or a private error (${RUNS.paragraph} cases)`, () => {
    fc.assert(
      fc.property(hostileInteger, (n) => {
        try {
          const pages = paragraphPages(article, n);
          expect(n >= 1 && n <= article.paragraphCount).toBe(true);
          for (const page of pages) expect(embedProblems([page])).toEqual([]);
        } catch (error) {
          expect(userErrorProblems(error)).toEqual([]);
        }
      }),
      params('answersPure', 'paragraph'),
    );
  });
});

describe('custom ids and reply options', () => {
  it(`page buttons: ids fit in 100 characters and parse back; any id parses without throwing (${RUNS.customIds} cases)`, () => {
    const owner = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);
    const statePart = fc.oneof(fc.stringMatching(/^[a-z0-9*_-]{0,20}$/), hostileText(20));
    fc.assert(
      fc.property(
        owner,
        fc.nat({ max: 9999 }),
        fc.array(statePart, { maxLength: 3 }),
        hostileText(200),
        (o, page, state, junk) => {
          const ref = { command: 'who', owner: o, state };
          let id: string;
          try {
            id = pageButtonId(ref, page);
          } catch (error) {
            // Refused at build time (a bug would be a silent cut); only possible past 100 characters.
            expect(error).toBeInstanceOf(CustomIdTooLongError);
            expect((error as CustomIdTooLongError).id.length).toBeGreaterThan(LIMITS.customId);
            return;
          }
          expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
          expect(parsePageId(id)).toEqual({ command: 'who', owner: o, page, state });
          // Whatever arrives as a custom id, parsing never throws.
          parsePageId(junk);
          const reply = pagedReply([{ title: 'a' }, { title: 'b' }], page, pageIdOf(ref));
          expect(replyProblems(reply)).toEqual([]);
        },
      ),
      params('answersPure', 'customIds'),
    );
  });

  it(`replies ping nobody unless they name one user (${RUNS.options} cases)`, () => {
    const user = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);
    fc.assert(
      fc.property(hostileText(1900), fc.option(user, { nil: undefined }), (content, pinged) => {
        const options = toOptions({
          content,
          ...(pinged ? { allowedMentions: { users: [pinged] } } : {}),
        });
        expect(options.allowedMentions).toEqual(pinged ? { users: [pinged] } : { parse: [] });
      }),
      params('answersPure', 'options'),
    );
  });
});
