/**
 * Slow work: a handler that would miss Discord's 3 s window (a slow store) defers in time and edits
 * its reply; it never acknowledges twice (40060) and never replies after deferring. The emulator's
 * clock is driven by hand: "3 s later" is clock.advance, so a busy machine cannot fake a timeout,
 * and the assertions are on callbacks and error codes, not on wall time.
 */

import type { InteractionResult } from '@parley/discord-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommentStore } from '../../src/comments/factory.js';
import { STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import type { CommentStore } from '../../src/comments/store.js';
import {
  acknowledgements,
  allComments,
  complete,
  controllable,
  expectEveryInteractionAnswered,
  type Mark,
  mark,
  privateText,
  type Rig,
  type StoreValve,
  startRig,
  startValvedRig,
} from './support.js';

let rig: Rig;
let inner: CommentStore;
let valve: StoreValve;
let start: Mark;

let close: () => Promise<void>;

beforeAll(async () => {
  // Real timers decide when the bot defers (30 ms here, 2 s in production); the emulator's clock
  // decides whether that was in time.
  ({ rig, valve, inner, close } = await startValvedRig({ autoDeferMs: 30 }));
});
afterAll(async () => {
  await close?.();
});
beforeEach(() => {
  valve.heal();
  start = mark(rig.emu);
});

const callbackTypes = (result: InteractionResult) => result.callbacks.map((c) => [c.type, c.status]);

/**
 * Runs `dispatch` with the store held: once the bot deferred, the emulator clock jumps `slowMs`
 * (the store "took" that long) and the store is released. Resolves with the full answer.
 */
async function slowly(
  dispatch: () => Promise<InteractionResult>,
  deferType: 5 | 6,
  slowMs = 10_000,
): Promise<InteractionResult> {
  const held = valve.held();
  const result = await dispatch();
  await held;
  await result.waitFor((r) => r.type !== null, 10_000, 'the auto-defer');
  expect(result.type).toBe(deferType);
  rig.clock.advance(slowMs);
  valve.release();
  return complete(result);
}

describe('a slow store: defer in time, then edit', () => {
  it('/comment add taking 10 s: deferred within 3 s, the card replaces "thinking…", one acknowledgement', async () => {
    valve.hold(['add']);
    const result = await slowly(
      () => rig.run('ana', 'comment add', { text: 'slow but safe' }, { wait: false }),
      5,
    );
    expect(result.inTime).toBe(true);
    expect(callbackTypes(result)).toEqual([[5, 204]]);
    expect(acknowledgements(result)).toBe(1);
    expect(result.message?.loading).toBe(false);
    expect(result.message?.ephemeral).toBe(false);
    expect(result.message?.embeds[0]?.description).toBe('slow but safe');
    expect(result.followUps).toEqual([]);
    expect(result.errorCodes).toEqual([]);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('a slow read (/comment list) is deferred and edited the same way', async () => {
    valve.hold(['list']);
    const result = await slowly(() => rig.run('ben', 'comment list', {}, { wait: false }), 5);
    expect(callbackTypes(result)).toEqual([[5, 204]]);
    expect(result.message?.embeds[0]?.title).toMatch(/comments/i);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('store down after a public defer: "thinking…" is deleted and the error follows up privately', async () => {
    valve.hold(['add']);
    valve.fail(['add']);
    const result = await slowly(
      () => rig.run('ana', 'comment add', { text: 'never stored' }, { wait: false }),
      5,
    );
    expect(callbackTypes(result)).toEqual([[5, 204]]);
    expect(result.message?.deleted).toBe(true);
    expect(result.followUps).toHaveLength(1);
    expect(result.followUps[0]?.ephemeral).toBe(true);
    expect(privateText(result)).toBe(STORE_UNAVAILABLE);
    expect((await allComments(inner, rig.emu.guild('main').id)).map((c) => c.text)).not.toContain(
      'never stored',
    );
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('a vote button on a slow store: deferred update, then the card is edited and the private note follows', async () => {
    const card = (await rig.run('ben', 'comment add', { text: 'vote slowly' })).message;
    if (!card) throw new Error('no card');
    valve.hold(['toggleVote']);
    const result = await slowly(() => rig.emu.click(card, { user: 'ana', label: '👍 0', wait: false }), 6);
    await result.waitForFollowUps(1, 10_000);
    expect(callbackTypes(result)).toEqual([[6, 204]]);
    expect(JSON.stringify(rig.emu.message(card.id)?.components)).toContain('👍 1');
    expect(result.followUps[0]?.content).toMatch(/You voted for/);
    expect(result.followUps[0]?.ephemeral).toBe(true);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('the Reply button on a slow store: the form can no longer open, and the member is told so', async () => {
    const card = (await rig.run('ben', 'comment add', { text: 'reply slowly' })).message;
    if (!card) throw new Error('no card');
    valve.hold(['get']);
    const result = await slowly(() => rig.emu.click(card, { user: 'ana', label: 'Reply', wait: false }), 6);
    await result.waitForFollowUps(1, 10_000);
    expect(result.modal).toBeNull();
    expect(privateText(result)).toMatch(/took too long.*form.*try again/);
    expect(rig.logs.messages('error')).not.toContain('interaction failed');
    expectEveryInteractionAnswered(rig.emu, start);
  });
});

describe('without the auto-defer the same slowness is "This interaction failed" (the control)', () => {
  it('a reply 10 s after dispatch is refused with 10062', async () => {
    const store = await createCommentStore('memory://');
    const controlled = controllable(store);
    const bare = await startRig({ comments: controlled.store, autoDeferMs: 600_000 });
    try {
      controlled.valve.hold(['add']);
      const held = controlled.valve.held();
      const result = await bare.run('ana', 'comment add', { text: 'too late' }, { wait: false });
      await held;
      bare.clock.advance(10_000);
      controlled.valve.release();
      await result.waitFor((r) => r.errorCodes.length >= 2, 10_000, 'the refusals');
      expect(result.type).toBeNull();
      expect(result.errorCodes).toEqual([10062, 10062]);
      // An expired interaction is a warning: nothing in the bot to fix.
      await expect.poll(() => bare.logs.messages('warn')).toContain('interaction failed');
      expect(bare.logs.messages('error')).toEqual([]);
    } finally {
      await bare.close();
      await store.close();
    }
  });
});

describe('a handler finishing right around the auto-defer never acknowledges twice', () => {
  it('random store delays around the defer timer: exactly one acknowledgement, an answer, no 40060', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.boolean(), async (delayMs, vote) => {
        valve.heal();
        valve.delay(delayMs, ['add', 'toggleVote', 'get']);
        const before = mark(rig.emu);
        n++;
        const result = await rig.run('ana', 'comment add', { text: `race ${n}` });
        expect(acknowledgements(result)).toBe(1);
        expect(result.message?.embeds[0]?.description).toBe(`race ${n}`);
        expect(result.message?.loading).toBe(false);
        if (vote && result.message) {
          const click = await rig.emu.click(result.message, { user: 'ben', label: '👍 0' });
          await click.waitForFollowUps(1, 10_000);
          expect(acknowledgements(click)).toBe(1);
          expect(JSON.stringify(rig.emu.message(result.message.id)?.components)).toContain('👍 1');
        }
        expectEveryInteractionAnswered(rig.emu, before);
      }),
      { numRuns: 30 },
    );
  });
});
