/**
 * REST faults on the bot's answers (interaction callbacks, edits of the original, follow-ups, deletes):
 * discord.js waits out 429s and retries 5xx (3 retries, 4 attempts); nothing crashes, and the user
 * gets the answer or a clear error — never "This interaction failed".
 */

import type { InteractionResult } from '@parley/discord-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORE_UNAVAILABLE } from '../../src/comments/messages.js';
import type { CommentStore } from '../../src/comments/store.js';
import { DISCORD_FAILED } from '../../src/discord/messages.js';
import {
  acknowledgements,
  allComments,
  cardNumber,
  complete,
  expectEveryInteractionAnswered,
  type Mark,
  mark,
  privateText,
  type Rig,
  type StoreValve,
  startValvedRig,
} from './support.js';

const CALLBACK = /^POST \/interactions\/[^/]+\/[^/]+\/callback/;
const EDIT_ORIGINAL = /^PATCH \/webhooks\/[^/]+\/[^/]+\/messages\/@original/;
const DELETE_ORIGINAL = /^DELETE \/webhooks\/[^/]+\/[^/]+\/messages\/@original/;
const FOLLOW_UP = /^POST \/webhooks\/[^/]+\/[^/?]+(\?|$)/;

let rig: Rig;
let inner: CommentStore;
let valve: StoreValve;
let start: Mark;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ rig, valve, inner, close } = await startValvedRig({ autoDeferMs: 30 }));
});
afterAll(async () => {
  await close?.();
});
beforeEach(() => {
  valve.heal();
  rig.emu.faults.clear();
  start = mark(rig.emu);
});

const guildId = () => rig.emu.guild('main').id;
const statuses = (result: InteractionResult, route: RegExp) =>
  rig.emu.requests
    .filter((r) => r.interactionId === result.id && route.test(`${r.method} ${r.path}`))
    .map((r) => r.status);
const textsStored = async () => (await allComments(inner, guildId())).map((c) => c.text);

/** A /comment add whose store call is held until the bot has deferred, then released. */
async function slowAdd(text: string): Promise<InteractionResult> {
  valve.hold(['add']);
  const held = valve.held();
  const result = await rig.run('ana', 'comment add', { text }, { wait: false });
  await held;
  await result.waitFor((r) => r.type === 5, 10_000, 'the auto-defer');
  valve.release();
  return complete(result);
}

// A reply's callback asks for the message back (with_response, so a comment card can be found again):
// a successful one answers 200 with a body rather than 204.
describe('REST faults on the bot’s answers', () => {
  it('429 with retry_after on the callback: waited out, the reply lands once', async () => {
    const fault = rig.emu.faults.rateLimit(CALLBACK, 0.05);
    const result = await rig.run('ana', 'comment add', { text: 'after a 429' });
    expect(fault.hits).toBe(1);
    expect(statuses(result, CALLBACK)).toEqual([429, 200]);
    expect(cardNumber(result)).toBeGreaterThan(0);
    expect((await textsStored()).filter((t) => t === 'after a 429')).toHaveLength(1);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('a global 429 on the callback: waited out too', async () => {
    rig.emu.faults.rateLimit(CALLBACK, 0.05, 1, true);
    const result = await rig.run('ben', 'who', { name: 'Chase' });
    expect(statuses(result, CALLBACK)).toEqual([429, 200]);
    expect(result.message?.embeds[0]?.title).toContain('Michael Chase');
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('500 twice on the callback: retried, the reply lands once', async () => {
    rig.emu.faults.serverError(CALLBACK, 2);
    const result = await rig.run('ana', 'comment add', { text: 'after two 500s' });
    expect(statuses(result, CALLBACK)).toEqual([500, 500, 200]);
    expect(acknowledgements(result)).toBe(1);
    expect(result.message?.embeds[0]?.description).toBe('after two 500s');
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('500 on every attempt of the callback (4): the user gets a clear error, and is told the change may be saved', async () => {
    rig.emu.faults.serverError(CALLBACK, 4);
    const result = await rig.run('ana', 'comment add', { text: 'reply lost' });
    // The 5th callback is the error reply — or, if the retries outlasted the auto-defer, the defer
    // (then the public "thinking…" is deleted and the error follows up privately).
    const tried = statuses(result, CALLBACK);
    expect(tried.slice(0, 4)).toEqual([500, 500, 500, 500]);
    // 200: the error reply (it asks for the message back); 204: the defer.
    expect(tried).toHaveLength(5);
    expect([200, 204]).toContain(tried[4]);
    expect(acknowledgements(result)).toBe(1);
    expect(privateText(result)).toBe(DISCORD_FAILED);
    // The comment was saved before the reply failed: the message tells the user to check first.
    expect((await textsStored()).filter((t) => t === 'reply lost')).toHaveLength(1);
    expect(rig.logs.messages('error')).toContain('Discord server error while answering');
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('429 then 500 on the edit after an auto-defer: the edit lands', async () => {
    rig.emu.faults.rateLimit(EDIT_ORIGINAL, 0.05);
    rig.emu.faults.serverError(EDIT_ORIGINAL, 1);
    const result = await slowAdd('edited despite faults');
    expect(result.type).toBe(5);
    expect(statuses(result, EDIT_ORIGINAL)).toEqual([429, 500, 200]);
    expect(result.message?.embeds[0]?.description).toBe('edited despite faults');
    expect(result.message?.loading).toBe(false);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('500 on every attempt of the edit: the error reply replaces the "thinking…" instead', async () => {
    rig.emu.faults.serverError(EDIT_ORIGINAL, 4);
    const result = await slowAdd('edit lost');
    expect(statuses(result, EDIT_ORIGINAL)).toEqual([500, 500, 500, 500]);
    // The error is private, so the public "thinking…" is deleted and the error follows up.
    expect(result.message?.deleted).toBe(true);
    expect(privateText(result)).toBe(DISCORD_FAILED);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('500 on the delete and the follow-up of the private-error-after-public-defer path: retried, delivered', async () => {
    rig.emu.faults.serverError(DELETE_ORIGINAL, 1);
    rig.emu.faults.serverError(FOLLOW_UP, 2);
    valve.fail(['add']);
    const result = await slowAdd('store down');
    expect(statuses(result, DELETE_ORIGINAL)).toEqual([500, 204]);
    expect(statuses(result, FOLLOW_UP)).toEqual([500, 500, 200]);
    expect(result.message?.deleted).toBe(true);
    expect(privateText(result)).toBe(STORE_UNAVAILABLE);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('a vote button with 429 on the update and 500 on the follow-up: both land', async () => {
    const card = await rig.run('ben', 'comment add', { text: 'vote on me' });
    const message = card.message;
    if (!message) throw new Error('no card');
    rig.emu.faults.rateLimit(CALLBACK, 0.05);
    rig.emu.faults.serverError(FOLLOW_UP, 1);
    const click = await rig.emu.click(message, { user: 'ana', label: '👍 0' });
    await click.waitForFollowUps(1, 10_000);
    expect(statuses(click, CALLBACK)).toEqual([429, 204]);
    expect(statuses(click, FOLLOW_UP)).toEqual([500, 200]);
    expect(rig.emu.message(message.id)?.components).toBeDefined();
    expect(JSON.stringify(rig.emu.message(message.id)?.components)).toContain('👍 1');
    expect(click.followUps[0]?.content).toMatch(/You voted for #\d+/);
    expectEveryInteractionAnswered(rig.emu, start);
  });

  it('after all of that the bot still answers normally, and nothing was stored twice', async () => {
    const result = await rig.run('ana', 'who', { name: 'Song' });
    expect(result.message?.embeds[0]?.title).toContain('Song Yanchao');
    const texts = await textsStored();
    expect(new Set(texts).size).toBe(texts.length);
    expect(rig.emu.faults.pending).toEqual([]);
  });
});
