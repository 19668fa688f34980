import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatedMessage, InteractionResult } from '@parley/discord-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import type { CommentStore } from '../../src/comments/store.js';
import { parseCommentId } from '../../src/comments/text.js';
import { hostileId, hostileInteger, hostileText, NEAR_VALID } from './arbitraries.js';
import { RUNS as ALL_RUNS, params } from './budget.js';
import { expectClean, mark } from './checks.js';
import { type FuzzHarness, startFuzzHarness } from './harness.js';

const RUNS = ALL_RUNS.deferredE2e;

/**
 * The same hostile input with a responder that defers at once (autoDeferMs 0), as it does when
 * a store or the machine is slow: every answer then goes through deferReply/deferUpdate and
 * editReply, deleteReply + followUp (a private error after a public defer) or followUp. The
 * deferral races the handler's own reply, so this also checks the responder never answers twice.
 */

/** A store whose every call takes a few milliseconds, so the deferral usually wins the race. */
function slow(store: CommentStore): CommentStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'exportAll' || key === 'close') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        await sleep(3);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let h: FuzzHarness;
let highest = 0;
const guildId = () => h.emu.guild('main').id;

beforeAll(async () => {
  h = await startFuzzHarness({ autoDeferMs: 0, comments: slow(await createCommentStore('memory://')) });
  await h.emu.command({ user: 'ben', guild: 'main', name: 'comment add', options: { text: 'Seed.' } });
  highest = 1;
});
afterAll(async () => {
  await h?.close();
});

const user = fc.constantFrom('ana', 'ben', 'mod', 'owner');
const text = hostileText();
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

type Step =
  | { kind: 'article'; name: string; options: Record<string, string | number | undefined> }
  | { kind: 'comment'; sub: string; options: Record<string, string | number | undefined> }
  | { kind: 'click'; message: number; button: number };

const id = hostileId(() => highest);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      kind: fc.constant('article' as const),
      name: fc.constantFrom('who', 'positions', 'quotes', 'summary', 'ask', 'topics', 'help', 'article'),
      value: text,
      int: maybe(hostileInteger),
    })
    .map(({ kind, name, value, int }): Step => {
      const option: Record<string, string> = {
        who: 'name',
        positions: 'topic',
        quotes: 'speaker',
        summary: 'length',
        ask: 'question',
      };
      const key = option[name];
      const options = name === 'article' ? { paragraph: int } : key ? { [key]: value } : {};
      return { kind, name, options };
    }),
  fc
    .record({
      kind: fc.constant('comment' as const),
      sub: fc.constantFrom('add', 'reply', 'list', 'thread', 'edit', 'delete', 'moderate', 'export'),
      text: maybe(text),
      on: maybe(fc.constantFrom(...NEAR_VALID)),
      id,
      page: maybe(hostileInteger),
      action: fc.constantFrom('restore', 'delete', 'nope'),
    })
    .map(({ kind, sub, text: t, on, id: i, page, action }): Step => {
      const options: Record<string, Record<string, string | number | undefined>> = {
        add: { text: t ?? 'Plain.', on },
        reply: { id: i, text: t ?? 'Plain reply.' },
        list: { on, page },
        thread: { id: i },
        edit: { id: i, text: t ?? 'Edited.' },
        delete: { id: i },
        moderate: { id: i, action },
        export: {},
      };
      return { kind, sub, options: options[sub] ?? {} };
    }),
  fc.record({ kind: fc.constant('click' as const), message: fc.nat(), button: fc.nat() }),
);

const defined = (options: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;

function buttonsOf(message: EmulatedMessage): string[] {
  return message.components.flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) =>
          c.type === 2 && 'custom_id' in c && c.disabled !== true && c.custom_id ? [c.custom_id] : [],
        )
      : [],
  );
}

async function perform(
  who: string,
  s: Step,
): Promise<{ result: InteractionResult; pingable: string[] } | null> {
  if (s.kind === 'article') {
    const result = await h.emu.command({
      user: who,
      guild: 'main',
      name: s.name,
      options: defined(s.options),
      force: true,
    });
    return { result, pingable: [] };
  }
  if (s.kind === 'comment') {
    let pingable: string[] = [];
    if (s.sub === 'reply') {
      const n = parseCommentId(String(s.options.id));
      const parent = n === undefined ? undefined : await h.comments.get(guildId(), n);
      if (parent && parent.authorId !== h.emu.user(who).id) pingable = [parent.authorId];
    }
    const result = await h.emu.command({
      user: who,
      guild: 'main',
      // /moderate restore|delete is its own command (moderators only).
      name:
        s.sub === 'moderate'
          ? `moderate ${s.options.action === 'restore' ? 'restore' : 'delete'}`
          : `comment ${s.sub}`,
      options: defined(s.sub === 'moderate' ? { id: s.options.id } : s.options),
      force: true,
    });
    return { result, pingable };
  }
  const messages = h.emu.messages().filter((m) => !m.deleted && !m.ephemeral && buttonsOf(m).length > 0);
  const message = messages[s.message % Math.max(messages.length, 1)];
  if (!message) return null;
  const buttons = buttonsOf(message).filter((b) => !b.startsWith('comment:reply:'));
  const customId = buttons[s.button % Math.max(buttons.length, 1)];
  if (!customId) return null;
  return { result: await h.emu.click(message, { user: who, customId }), pingable: [] };
}

describe('hostile input with a responder that defers at once', () => {
  it(`article commands, /comment and buttons, mixed (${RUNS.mixed} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(user, step, async (who, s) => {
        const before = mark(h);
        const done = await perform(who, s);
        if (!done) return;
        await h.bot.router.drain();
        expectClean(h, done.result, before, { pingable: done.pingable });
        // Whatever happened, the member is not left with "thinking…".
        for (const m of [done.result.message, ...done.result.followUps]) {
          if (m && !m.deleted) expect(m.loading).toBe(false);
        }
        const [latest] = await h.comments.recent(guildId(), 1);
        highest = Math.max(highest, latest?.number ?? 0);
      }),
      params('deferredE2e', 'mixed'),
    );
  });

  it('a reply answered after the defer still notifies its author: it is a new message, not an edit', async () => {
    const parent = await h.emu.command({
      user: 'ana',
      guild: 'main',
      name: 'comment add',
      options: { text: 'Ping me.' },
    });
    const n = /^#(\d+)/.exec(parent.message?.embeds[0]?.title ?? '')?.[1] ?? '';
    const before = mark(h);
    const reply = await h.emu.command({
      user: 'ben',
      guild: 'main',
      name: 'comment reply',
      options: { id: n, text: 'Hi Ana.' },
    });
    await h.bot.router.drain();
    expectClean(h, reply, before, { pingable: [h.emu.user('ana').id] });
    expect(reply.type).toBe(5);
    const [ping] = reply.followUps;
    expect(ping?.allowed_mentions).toEqual({ users: [h.emu.user('ana').id] });
    expect(ping?.content).toMatch(/^<@\d+>, Ben replied to your comment #/);
    expect(ping?.edits).toBe(0);
    expect(reply.message?.deleted).toBe(true);
  });

  it('Discord refused nothing the bot sent', () => {
    h.emu.assertNoErrors();
  });
});
