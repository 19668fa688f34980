/**
 * Input at the edges, through the real client and the emulator: lengths as Discord counts them,
 * look-alike mentions, pages that do not exist, oversized autocomplete input, a display name shaped
 * like a role mention in the reply-ping line, and an export from a given comment.
 */
import { DEFAULT_GUILDS, DEFAULT_USERS, type GuildConfig } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedOf, type Harness, messageOf, startHarness } from '../helpers/harness.js';
import { captureLogs, type LogCapture } from '../reliability/support.js';

const ROLE_NAME = '<@&123456789012345678>';
const MAIN: GuildConfig = {
  ...(DEFAULT_GUILDS[0] as GuildConfig),
  members: [...(DEFAULT_GUILDS[0]?.members ?? []), { user: 'pill', nick: ROLE_NAME }],
};

let h: Harness;
let logs: LogCapture;
beforeAll(async () => {
  logs = captureLogs();
  h = await startHarness({
    emulator: {
      users: [...DEFAULT_USERS, { key: 'pill', username: 'pill', globalName: 'Pill' }],
      guilds: [MAIN, ...DEFAULT_GUILDS.slice(1)],
    },
    start: { logger: logs.logger },
  });
});
afterAll(async () => {
  await h?.close();
});

const run = (user: string, sub: string, options: Record<string, string | number> = {}) =>
  h.emu.command({ user, guild: 'main', name: `comment ${sub}`, options });

describe('input at the edges', () => {
  it('600 emoji are 600 characters, as Discord counts them: posted', async () => {
    const card = messageOf(await run('ana', 'add', { text: '😀'.repeat(600) }));
    expect(card.ephemeral).toBe(false);
    expect([...(embedOf(card).description ?? '')]).toHaveLength(600);
  });

  it('look-alike mass mentions are refused privately', async () => {
    h.cooldownPasses();
    for (const text of ['hi ＠everyone', 'hi @\u{E0020}everyone', 'hi @\uFE0Fhere']) {
      const refusal = messageOf(await run('ben', 'add', { text }));
      expect(refusal.ephemeral).toBe(true);
      expect(refusal.content).toContain('cannot mention @everyone or @here');
    }
  });

  it('a page that does not exist is answered clearly, never another page', async () => {
    const one = messageOf(await run('ben', 'list', { page: 99 }));
    expect(one.ephemeral).toBe(true);
    expect(one.content).toBe('There is only one page of comments here, so there is no page 99.');
    for (let i = 0; i < 6; i++) {
      h.cooldownPasses();
      messageOf(await run('owner', 'add', { text: `Filler ${i}` }));
    }
    const two = messageOf(await run('ben', 'list', { page: 3 }));
    expect(two.content).toBe('There are only 2 pages of comments here, so there is no page 3. Try page:2.');
    expect(embedOf(messageOf(await run('ben', 'list', { page: 2 }))).title).toMatch(/comments/i);
  });

  it('a 100,000-character autocomplete input is cut to 100 before any search', async () => {
    for (const [name, focused] of [
      ['who', 'name'],
      ['comment reply', 'id'],
      ['comment add', 'on'],
    ] as const) {
      const choices = await h.emu.autocomplete({
        user: 'ana',
        guild: 'main',
        name,
        focused,
        options: { [focused]: 'x'.repeat(100_000) },
      });
      expect(Array.isArray(choices)).toBe(true);
    }
    expect(logs.messages('warn')).not.toContain('autocomplete failed');
  });

  it('a display name shaped like a role mention is text in the reply-ping line, not a pill', async () => {
    h.cooldownPasses();
    const reply = messageOf(await run('pill', 'reply', { id: '#1', text: 'Agreed.' }));
    expect(reply.content).toContain('\\<@&123456789012345678>');
    expect(reply.content).not.toMatch(/(^|[^\\])<@&/);
    expect(reply.content).toMatch(new RegExp(`^<@${h.emu.world.user('ana').id}>`));
  });

  it('export from: starts at that comment and says which ones it holds', async () => {
    const result = await run('ben', 'export', { from: 3 });
    const message = messageOf(result);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(/^The discussion so far: \d+ comments \(#3–#\d+\), as Markdown\.$/);
    const [file] = message.attachments;
    expect(file?.filename).toBe('discussion-from-3.md');
    const md = file?.data.toString('utf8') ?? '';
    expect(md).not.toContain('**#1**');
    expect(md).toContain('**#3**');
  });
});
