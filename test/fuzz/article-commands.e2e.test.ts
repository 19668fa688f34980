import type { AutocompleteInput, CommandInput, EmulatedMessage } from '@parley/discord-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileInteger, hostileText } from './arbitraries.js';
import { RUNS as ALL_RUNS, params } from './budget.js';
import { type CleanOptions, expectClean, mark } from './checks.js';
import { type FuzzHarness, startFuzzHarness } from './harness.js';

/**
 * Every article command's options, fuzzed end to end: the real bot answers through the emulator,
 * which validates every request as Discord would. `force: true` sends what Discord's client would
 * block (over-long strings, values outside the choices, out-of-range integers), so these test the
 * bot's own defences. Each case runs in a server, the second server or a DM, as various members.
 */

const RUNS = ALL_RUNS.articleE2e;

let h: FuzzHarness;

beforeAll(async () => {
  h = await startFuzzHarness();
});
afterAll(async () => {
  await h?.close();
});

const place = fc.constantFrom(
  { guild: 'main', user: 'ana' },
  { guild: 'main', user: 'mod' },
  { guild: 'second', user: 'ben' },
  { guild: null, user: 'owner' },
);

type Place = { guild: string | null; user: string };

async function command(input: CommandInput, options: CleanOptions = {}): Promise<void> {
  const before = mark(h);
  const result = await h.emu.command({ force: true, ...input });
  expectClean(h, result, before, options);
  // Something the member can read: a message (or a modal).
  expect(result.message !== null || result.modal !== null).toBe(true);
}

async function autocomplete(input: AutocompleteInput): Promise<void> {
  const before = mark(h);
  const result = await h.emu.autocompleteResult({ force: true, ...input });
  expectClean(h, result, before);
  expect(result.choices).not.toBeNull();
}

function enabledButtons(message: EmulatedMessage): string[] {
  return message.components.flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) =>
          c.type === 2 && 'custom_id' in c && c.disabled !== true && c.custom_id ? [c.custom_id] : [],
        )
      : [],
  );
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
const defined = (options: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;

describe('article commands: hostile options end to end', () => {
  it(`/who name: (${RUNS.who} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, optional(hostileText()), async (where: Place, name) => {
        await command({ ...where, name: 'who', options: defined({ name }) });
      }),
      params('articleE2e', 'who'),
    );
  });

  it(`/positions side: topic: (${RUNS.positions} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        place,
        optional(hostileText()),
        optional(hostileText()),
        async (where: Place, side, topic) => {
          await command({ ...where, name: 'positions', options: defined({ side, topic }) });
        },
      ),
      params('articleE2e', 'positions'),
    );
  });

  it(`/quotes speaker: (${RUNS.quotes} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, optional(hostileText()), async (where: Place, speaker) => {
        await command({ ...where, name: 'quotes', options: defined({ speaker }) });
      }),
      params('articleE2e', 'quotes'),
    );
  });

  it(`/article paragraph: out-of-range integers (${RUNS.article} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, optional(hostileInteger), async (where: Place, paragraph) => {
        await command({ ...where, name: 'article', options: defined({ paragraph }) });
      }),
      params('articleE2e', 'article'),
    );
  });

  it(`/summary length: values outside the choices (${RUNS.summary} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, optional(hostileText(200)), async (where: Place, length) => {
        await command({ ...where, name: 'summary', options: defined({ length }) });
      }),
      params('articleE2e', 'summary'),
    );
  });

  it(`/ask question: (${RUNS.ask} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(place, hostileText(), async (where: Place, question) => {
        await command({ ...where, name: 'ask', options: { question } });
      }),
      params('articleE2e', 'ask'),
    );
  });

  it(`autocomplete: /who name, /positions side and topic, /quotes speaker (${RUNS.autocomplete} cases)`, async () => {
    const target = fc.constantFrom(
      { name: 'who', focused: 'name' },
      { name: 'positions', focused: 'side' },
      { name: 'positions', focused: 'topic' },
      { name: 'quotes', focused: 'speaker' },
    );
    await fc.assert(
      fc.asyncProperty(place, target, hostileText(), async (where: Place, t, value) => {
        await autocomplete({ ...where, ...t, options: { [t.focused]: value } });
      }),
      params('articleE2e', 'autocomplete'),
    );
  });

  it(`page and member-comment buttons on those answers, pressed by their owner or anyone else (${RUNS.buttons} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (pickMessage, pickButton, pickUser) => {
        const messages = h.emu.messages().filter((m) => !m.deleted && enabledButtons(m).length > 0);
        const message = messages[pickMessage % Math.max(messages.length, 1)];
        if (!message) return;
        const customId = enabledButtons(message)[pickButton % enabledButtons(message).length];
        // Private answers (and DMs) can only be pressed by whoever got them; shared ones by any member.
        const origin = h.emu.user(h.emu.interaction(message.interaction_id).record.userId).key;
        const members = message.guild_id
          ? h.emu
              .guild(message.guild_id)
              .members.filter((m) => !m.user.bot)
              .map((m) => m.user.key)
          : [];
        const users = message.ephemeral || members.length === 0 ? [origin] : members;
        const user = users[pickUser % users.length] ?? origin;
        const before = mark(h);
        const result = await h.emu.click(message, { user, ...(customId ? { customId } : {}) });
        await h.bot.router.drain();
        expectClean(h, result, before);
      }),
      params('articleE2e', 'buttons'),
    );
  });

  it('Discord refused nothing the bot sent', () => {
    h.emu.assertNoErrors();
  });
});
