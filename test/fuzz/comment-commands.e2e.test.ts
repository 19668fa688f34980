import {
  type AutocompleteInput,
  type CommandInput,
  DEFAULT_GUILDS,
  DEFAULT_USERS,
  type EmulatedMessage,
  type GuildConfig,
  type InteractionResult,
  type UserConfig,
} from '@parley/discord-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { parseCommentId } from '../../src/comments/text.js';
import { hostileId, hostileInteger, hostileText, NEAR_VALID } from './arbitraries.js';
import { RUNS as ALL_RUNS, params } from './budget.js';
import { type CleanOptions, expectClean, mark, mentionProblem, messageBodyOf } from './checks.js';
import { type FuzzHarness, startFuzzHarness } from './harness.js';

const RUNS = ALL_RUNS.commentE2e;

/**
 * /comment fuzzed end to end: every subcommand's options, both modals, the card and pager buttons
 * and both autocompletes, by members with and without Manage Messages, in two servers. `force`
 * sends what Discord's client would block. Beyond the shared invariants (checks.ts), a reply may
 * ping only the author it answers, and whatever was stored is clean text.
 */

/**
 * Members whose names are themselves hostile (Discord allows 1–32 characters of nearly anything in
 * a display name or nickname): they end up in card titles, reply pings, modal titles, suggestions.
 */
const HOSTILE_NAMES = [
  '@everyone',
  '<@&123456789012345678>',
  '**bold** __under__ ~~x~~',
  '𝕏'.repeat(32),
  '👨‍👩‍👧'.repeat(4),
  '```',
  '# Heading',
  'left\u202Eright',
  '\\',
  '||spoiler||',
] as const;
const NAMED: UserConfig[] = HOSTILE_NAMES.map((name, i) => ({
  key: `named${i}`,
  username: `named${i}`,
  globalName: i % 2 === 0 ? name : `named${i}`,
}));
const MAIN: GuildConfig = {
  ...(DEFAULT_GUILDS[0] as GuildConfig),
  members: [
    ...(DEFAULT_GUILDS[0]?.members ?? []),
    // Odd ones carry the hostile name as their server nickname instead.
    ...NAMED.map((u, i) => ({ user: u.key, ...(i % 2 === 1 ? { nick: HOSTILE_NAMES[i] } : {}) })),
  ],
};

let h: FuzzHarness;
const guildId = (key: string) => h.emu.guild(key).id;
const userId = (key: string) => h.emu.user(key).id;

/** The highest comment number in a server (for ids that exist). */
let highest = 0;

beforeAll(async () => {
  h = await startFuzzHarness({
    emulator: { users: [...DEFAULT_USERS, ...NAMED], guilds: [MAIN, ...DEFAULT_GUILDS.slice(1)] },
  });
  for (const [user, text] of [
    ['ana', 'A first comment.'],
    ['ben', 'A second one.'],
    ['mod', 'From a moderator.'],
    ['owner', 'From the owner.'],
  ] as const) {
    await h.emu.command({ user, guild: 'main', name: 'comment add', options: { text, on: '¶2' } });
    await h.emu.command({
      user: user === 'mod' ? 'ana' : user,
      guild: 'second',
      name: 'comment add',
      options: { text },
    });
  }
  highest = 4;
});
afterAll(async () => {
  await h?.close();
});

type Place = { guild: 'main' | 'second'; user: string };
const place: fc.Arbitrary<Place> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom('ana', 'ben', 'mod', 'owner', ...NAMED.map((u) => u.key))
      .map((user) => ({ guild: 'main' as const, user })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('ana', 'ben', 'owner').map((user) => ({ guild: 'second' as const, user })),
  },
);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
const defined = (options: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;

const stance = fc.oneof(
  fc.constantFrom('supports', 'challenges', 'adds context', 'question'),
  hostileText(120),
);
const id = () => hostileId(() => highest);

async function newest(guild: string): Promise<Comment | undefined> {
  const [latest] = await h.comments.recent(guildId(guild), 1);
  return latest;
}

/** After a write: what the store holds is clean text, and numbering keeps up. */
async function checkStored(guild: string): Promise<void> {
  const latest = await newest(guild);
  if (!latest) return;
  highest = Math.max(highest, latest.number);
  expect(latest.text.length).toBeGreaterThan(0);
  // Discord counts characters as code points, and so does the limit (an emoji is one).
  expect([...latest.text].length).toBeLessThanOrEqual(1000);
  expect(latest.text).not.toMatch(/@(everyone|here)|(?<!\\)<@&\d+>|(?!\n)\p{Cc}/iu);
}

async function run(
  send: () => Promise<InteractionResult>,
  options: CleanOptions = {},
): Promise<InteractionResult> {
  const before = mark(h);
  const result = await send();
  // Follow-ups (the private note after a 👍) come after the update the click resolved with.
  await h.bot.router.drain();
  expectClean(h, result, before, options);
  expect(result.message !== null || result.modal !== null || result.choices !== null).toBe(true);
  return result;
}

const command = (input: CommandInput, options: CleanOptions = {}) =>
  run(() => h.emu.command({ force: true, ...input }), options);
const autocomplete = (input: AutocompleteInput) =>
  run(() => h.emu.autocompleteResult({ force: true, ...input }));

/** Who a reply to `rawId` may ping: the parent's author, unless they reply to themselves. */
async function pingableFor(guild: string, user: string, rawId: string): Promise<string[]> {
  const n = parseCommentId(rawId);
  const parent = n === undefined ? undefined : await h.comments.get(guildId(guild), n);
  return parent && parent.authorId !== userId(user) ? [parent.authorId] : [];
}

/** Public messages of a server with a clickable button (cards, lists, pagers). */
function clickable(guild: string): EmulatedMessage[] {
  return h.emu
    .messages()
    .filter(
      (m) =>
        !m.deleted &&
        !m.ephemeral &&
        m.guild_id === guildId(guild) &&
        m.components.some(
          (row) =>
            'components' in row &&
            row.components.some((c) => c.type === 2 && 'custom_id' in c && c.disabled !== true),
        ),
    );
}

describe('/comment: hostile options end to end', () => {
  it(`add text: on: stance: (${RUNS.add} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        place,
        optional(hostileText()),
        optional(fc.oneof(hostileText(), fc.constantFrom(...NEAR_VALID))),
        optional(stance),
        async (where, text, on, st) => {
          await command({ ...where, name: 'comment add', options: defined({ text, on, stance: st }) });
          await checkStored(where.guild);
        },
      ),
      params('commentE2e', 'add'),
    );
  });

  it(`reply id: text: stance: pings the replied-to author only (${RUNS.reply} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, id(), hostileText(), optional(stance), async (where, rawId, text, st) => {
        const pingable = await pingableFor(where.guild, where.user, rawId);
        const result = await command(
          { ...where, name: 'comment reply', options: defined({ id: rawId, text, stance: st }) },
          { pingable },
        );
        const pinged = result.message?.allowed_mentions?.users ?? [];
        if (pinged.length > 0) expect(result.message?.content).toMatch(new RegExp(`^<@${pinged[0]}>, `));
        await checkStored(where.guild);
      }),
      params('commentE2e', 'reply'),
    );
  });

  it(`list on: sort: page: (${RUNS.list} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        place,
        optional(fc.oneof(hostileText(), fc.constantFrom(...NEAR_VALID))),
        optional(fc.oneof(fc.constantFrom('newest', 'oldest', 'top'), hostileText(100))),
        optional(hostileInteger),
        async (where, on, sort, page) => {
          await command({ ...where, name: 'comment list', options: defined({ on, sort, page }) });
        },
      ),
      params('commentE2e', 'list'),
    );
  });

  it(`thread / edit / delete / moderate by id, by members with and without Manage Messages (${RUNS.byId} cases)`, async () => {
    const sub = fc.constantFrom('thread', 'edit', 'delete', 'moderate');
    const action = fc.oneof(fc.constantFrom('restore', 'delete'), hostileText(50));
    await fc.assert(
      fc.asyncProperty(place, sub, id(), hostileText(), action, async (where, s, rawId, text, act) => {
        const options = s === 'edit' ? { id: rawId, text } : { id: rawId };
        const n = parseCommentId(rawId);
        const before = n === undefined ? undefined : await h.comments.get(guildId(where.guild), n);
        // /moderate restore|delete is its own command; a hostile action falls back to delete.
        const name =
          s === 'moderate' ? `moderate ${act === 'restore' ? 'restore' : 'delete'}` : `comment ${s}`;
        const result = await command({ ...where, name, options });
        const after = n === undefined ? undefined : await h.comments.get(guildId(where.guild), n);
        // A refusal is private and changes nothing.
        if (
          result.message?.ephemeral &&
          result.message.embeds.length === 0 &&
          s !== 'delete' &&
          s !== 'moderate'
        )
          expect(after).toEqual(before);
        if (s === 'edit' && before && after?.text !== before.text)
          expect(before.authorId).toBe(userId(where.user));
        if (s === 'delete' && before && after?.deleted && !before.deleted) {
          expect(
            before.authorId === userId(where.user) || where.user === 'mod' || where.user === 'owner',
          ).toBe(true);
        }
        if (s === 'moderate' && before && JSON.stringify(after) !== JSON.stringify(before)) {
          expect(['mod', 'owner']).toContain(where.user);
        }
      }),
      params('commentE2e', 'byId'),
    );
  });

  it(`autocomplete on: and id: (${RUNS.autocomplete} cases)`, async () => {
    const target = fc.constantFrom(
      { name: 'comment add', focused: 'on' },
      { name: 'comment list', focused: 'on' },
      { name: 'comment reply', focused: 'id' },
      { name: 'comment thread', focused: 'id' },
      { name: 'comment edit', focused: 'id' },
      { name: 'comment delete', focused: 'id' },
      { name: 'moderate restore', focused: 'id' },
    );
    await fc.assert(
      fc.asyncProperty(place, target, fc.oneof(hostileText(), id()), async (where, t, value) => {
        const result = await autocomplete({ ...where, ...t, options: { [t.focused]: value } });
        // Only this server's comments are ever suggested.
        if (t.focused === 'id') {
          for (const choice of result.choices ?? []) {
            const n = Number(choice.value);
            const typed = parseCommentId(value);
            if (n !== typed) expect(await h.comments.get(guildId(where.guild), n)).toBeDefined();
          }
        }
      }),
      params('commentE2e', 'autocomplete'),
    );
  });

  it(`add without text: the modal, submitted with hostile text and stance (${RUNS.addModal} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        place,
        optional(fc.constantFrom(...NEAR_VALID)),
        optional(fc.constantFrom('supports', 'question')),
        hostileText(),
        fc.array(fc.oneof(fc.constantFrom('supports', 'adds_context', '-'), hostileText(40)), {
          maxLength: 2,
        }),
        async (where, on, st, text, picked) => {
          const opened = await command({
            ...where,
            name: 'comment add',
            options: defined({ on, stance: st }),
          });
          const modal = opened.modal;
          if (!modal) return; // refused before the modal (bad anchor): already checked
          const hasStance = JSON.stringify(modal.components).includes('"custom_id":"stance"');
          await run(() =>
            h.emu.submitModal(modal, {
              values: { text, ...(hasStance ? { stance: picked } : {}) },
              force: true,
            }),
          );
          await checkStored(where.guild);
        },
      ),
      params('commentE2e', 'addModal'),
    );
  });

  it(`the Reply button's modal, submitted with hostile text, pings the parent's author only (${RUNS.replyModal} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, fc.nat(), hostileText(), async (where, pick, text) => {
        const cards = clickable(where.guild).filter((m) =>
          m.components.some(
            (row) =>
              'components' in row &&
              row.components.some((c) => 'label' in c && c.label === 'Reply' && !c.disabled),
          ),
        );
        const card = cards[pick % Math.max(cards.length, 1)];
        if (!card) return;
        const opened = await run(() => h.emu.click(card, { user: where.user, label: 'Reply' }));
        const modal = opened.modal;
        if (!modal) return; // the comment is gone or hidden: a private refusal, already checked
        const parentNumber = Number(/^comment:reply:(\d+)$/.exec(modal.custom_id)?.[1]);
        const parent = await h.comments.get(guildId(where.guild), parentNumber);
        const pingable = parent && parent.authorId !== userId(where.user) ? [parent.authorId] : [];
        await run(() => h.emu.submitModal(modal, { values: { text }, force: true }), { pingable });
        await checkStored(where.guild);
      }),
      params('commentE2e', 'replyModal'),
    );
  });

  it(`👍, Flag and page buttons pressed by anyone (${RUNS.buttons} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, fc.nat(), fc.nat(), async (where, pickMessage, pickButton) => {
        const messages = clickable(where.guild);
        const message = messages[pickMessage % Math.max(messages.length, 1)];
        if (!message) return;
        const buttons = message.components.flatMap((row) =>
          'components' in row
            ? row.components.filter(
                (c) =>
                  c.type === 2 &&
                  'custom_id' in c &&
                  c.disabled !== true &&
                  !('label' in c && c.label === 'Reply'),
              )
            : [],
        );
        const button = buttons[pickButton % Math.max(buttons.length, 1)];
        if (!button || !('custom_id' in button)) return;
        await run(() => h.emu.click(message, { user: where.user, customId: button.custom_id }));
      }),
      params('commentE2e', 'buttons'),
    );
  });

  it('Discord refused nothing the bot sent, and no message could ping more than one member', () => {
    h.emu.assertNoErrors();
    const humans = h.emu.users.filter((u) => !u.bot).map((u) => u.id);
    for (const entry of h.emu.requests) {
      const body = messageBodyOf(entry);
      if (body) expect(mentionProblem(body, humans)).toBeUndefined();
    }
  });
});
