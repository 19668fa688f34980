import { Writable } from 'node:stream';
import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/comments/errors.js';
import { commentError } from '../../src/comments/messages.js';
import type { Command } from '../../src/discord/command.js';
import { genericFailure } from '../../src/discord/messages.js';
import { UserError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { type Harness, startHarness } from '../helpers/harness.js';

/** Two commands that fail on purpose: a bug, and a refusal from a catalogue. */
const failing: Command[] = [
  {
    data: new SlashCommandBuilder().setName('boom').setDescription('Fails like a bug'),
    async execute() {
      throw new Error('kaboom');
    },
  },
  {
    data: new SlashCommandBuilder().setName('refuse').setDescription('Fails like bad input'),
    async execute() {
      throw commentError('cooldown', { seconds: 7 });
    },
  },
];

/** Its autocomplete fails like a store outage while `storeDown` is set. */
let storeDown = false;
failing.push({
  data: new SlashCommandBuilder()
    .setName('lookup')
    .setDescription('Autocompletes from the store')
    .addStringOption((o) => o.setName('q').setDescription('Query').setAutocomplete(true)),
  async execute() {},
  async autocomplete(interaction) {
    if (storeDown) throw new StoreUnavailableError('Comment store failed to list: connection refused');
    await interaction.respond([{ name: 'one', value: '1' }]);
  },
});

let h: Harness;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  h = await startHarness({ start: { logger: createLogger('debug', sink), extraCommands: failing } });
});
afterAll(() => h.close());

describe('the one error path', () => {
  it('answers a bug generically with the interaction id, the same id the error log line carries', async () => {
    const result = await h.emu.command({ user: 'ana', guild: 'main', name: 'boom' });
    expect(result.message?.content).toBe(genericFailure(result.id));
    expect(result.message?.content).toContain(result.id);
    await expect
      .poll(() => logs.find((l) => l.msg === 'interaction failed'))
      .toMatchObject({ interactionId: result.id, level: 50, err: { message: 'kaboom' } });
  });

  it('answers a user error with its catalogue text, logging only its id at debug', async () => {
    const result = await h.emu.command({ user: 'ana', guild: 'main', name: 'refuse' });
    expect(result.message?.content).toBe(commentError('cooldown', { seconds: 7 }).message);
    await expect
      .poll(() => logs.find((l) => l.msg === 'user error' && l.interactionId === result.id))
      .toMatchObject({ reason: 'cooldown', level: 20 });
  });

  it('knows every id at compile time', () => {
    const error = commentError('unknown-comment', { n: 4 });
    expect(error.identifier).toBe('unknown-comment');
    // @ts-expect-error: an id no catalogue declares does not compile
    expect(new UserError('free-string', 'inline text').identifier).toBe('free-string');
  });

  it('logs an outage during autocomplete once per streak, not a stack per keystroke', async () => {
    const type = (q: string) =>
      h.emu.autocomplete({ user: 'ana', guild: 'main', name: 'lookup', focused: 'q', options: { q } });
    const failures = () => logs.filter((l) => String(l.msg).startsWith('autocomplete failed:'));
    storeDown = true;
    for (const q of ['c', 'ch', 'cha']) expect(await type(q)).toEqual([]);
    await expect.poll(() => failures().length).toBe(1);
    storeDown = false;
    expect(await type('chas')).toEqual([{ name: 'one', value: '1' }]);
    await expect.poll(() => logs.some((l) => l.msg === 'autocomplete works again')).toBe(true);
    storeDown = true;
    await type('chase');
    await expect.poll(() => failures().length).toBe(2);
    expect(failures().every((l) => l.level === 50)).toBe(true);
  });
});
