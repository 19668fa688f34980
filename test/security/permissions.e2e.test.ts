import { DEFAULT_GUILDS, DEFAULT_USERS, type GuildConfig } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/comments/domain.js';
import { FLAG_THRESHOLD } from '../../src/comments/policy.js';
import { expectClean, mark } from '../fuzz/checks.js';
import { type FuzzHarness, startFuzzHarness } from '../fuzz/harness.js';

/**
 * Every write checks who may do it, from the member's permissions as Discord reports them on the
 * interaction (never from an option): a table of actor × action → allowed or refused, and when
 * refused, a private answer and a store left exactly as it was.
 *
 * Actors in "Parley Test Server": ana (the author), ben (a regular member), mod (Moderator role:
 * Manage Messages), owner (the server owner: every permission), admin (a role with Administrator),
 * and helper (a role with Manage Server, Kick and Ban — but not Manage Messages).
 */

const MAIN: GuildConfig = {
  ...(DEFAULT_GUILDS[0] as GuildConfig),
  roles: [
    { key: 'moderator', name: 'Moderator', permissions: ['ManageMessages'] },
    { key: 'admin', name: 'Admin', permissions: ['Administrator'] },
    { key: 'helper', name: 'Helper', permissions: ['ManageGuild', 'KickMembers', 'BanMembers'] },
  ],
  members: [
    { user: 'ana' },
    { user: 'ben' },
    { user: 'mod', roles: ['moderator'] },
    { user: 'owner' },
    { user: 'admin', roles: ['admin'] },
    { user: 'helper', roles: ['helper'] },
  ],
};

type Actor = 'ana' | 'ben' | 'mod' | 'owner' | 'admin' | 'helper';
type Action = 'edit' | 'delete' | 'moderate restore' | 'moderate delete';

const ACTORS: Actor[] = ['ana', 'ben', 'mod', 'owner', 'admin', 'helper'];
const ACTIONS: Action[] = ['edit', 'delete', 'moderate restore', 'moderate delete'];

/** Who may do what to ana's comment. */
const ALLOWED: Record<Action, readonly Actor[]> = {
  edit: ['ana'],
  delete: ['ana', 'mod', 'owner', 'admin'],
  'moderate restore': ['mod', 'owner', 'admin'],
  'moderate delete': ['mod', 'owner', 'admin'],
};

const REFUSAL: Record<Action, RegExp> = {
  edit: /^Only its author can edit #\d+\.$/,
  delete: /^Only its author or a moderator \(Manage Messages\) can delete #\d+\. You can flag it instead\.$/,
  'moderate restore': /^Only moderators \(members with Manage Messages\) can moderate comments\.$/,
  'moderate delete': /^Only moderators \(members with Manage Messages\) can moderate comments\.$/,
};

let h: FuzzHarness;
const guildId = () => h.emu.guild('main').id;

beforeAll(async () => {
  h = await startFuzzHarness({
    emulator: {
      users: [...DEFAULT_USERS, { key: 'admin', username: 'admin' }, { key: 'helper', username: 'helper' }],
      guilds: [MAIN, ...DEFAULT_GUILDS.slice(1)],
    },
  });
});
afterAll(async () => {
  await h?.close();
});

/** A fresh comment by ana; hidden by members' flags when the action is a restore. */
async function target(action: Action): Promise<Comment> {
  const result = await h.emu.command({
    user: 'ana',
    guild: 'main',
    name: 'comment add',
    options: { text: `A comment for ${action}.` },
  });
  const n = Number(/^#(\d+)/.exec(result.message?.embeds[0]?.title ?? '')?.[1]);
  // The card's message is remembered just after it is posted: wait for that, so snapshots are settled.
  await expect.poll(async () => (await h.comments.get(guildId(), n))?.cards?.length ?? 0).toBe(1);
  if (action === 'moderate restore') {
    for (const flagger of ['ben', 'mod', 'owner'].slice(0, FLAG_THRESHOLD)) {
      await h.comments.flag(guildId(), n, h.emu.user(flagger).id, FLAG_THRESHOLD);
    }
  }
  const comment = await h.comments.get(guildId(), n);
  if (!comment) throw new Error('no comment');
  if (action === 'moderate restore') expect(comment.hidden).toBe(true);
  return comment;
}

function run(actor: Actor, action: Action, n: number) {
  const options: Record<string, string> =
    action === 'edit' ? { id: String(n), text: 'Rewritten by someone.' } : { id: String(n) };
  // /moderate restore|delete is its own command; /comment edit|delete.
  const name = action.startsWith('moderate') ? action : `comment ${action}`;
  // force: past Discord's default permissions (a server may change them); the bot itself must refuse.
  return h.emu.command({ user: actor, guild: 'main', name, options, force: true });
}

describe('who may edit, delete and moderate a comment (ana wrote it)', () => {
  it('the interactions carry the permissions the world gives each actor', async () => {
    const perms = async (user: Actor) => {
      const r = await h.emu.command({ user, guild: 'main', name: 'comment list' });
      return BigInt(r.payload.member?.permissions ?? '0');
    };
    const MANAGE_MESSAGES = 1n << 13n;
    expect((await perms('mod')) & MANAGE_MESSAGES).toBe(MANAGE_MESSAGES);
    expect((await perms('admin')) & MANAGE_MESSAGES).toBe(MANAGE_MESSAGES);
    expect((await perms('owner')) & MANAGE_MESSAGES).toBe(MANAGE_MESSAGES);
    expect((await perms('helper')) & MANAGE_MESSAGES).toBe(0n);
    expect((await perms('ben')) & MANAGE_MESSAGES).toBe(0n);
  });

  const cells = ACTIONS.flatMap((action) =>
    ACTORS.map((actor) => ({ action, actor, allowed: ALLOWED[action].includes(actor) })),
  );

  it.each(cells)('$actor · $action → allowed: $allowed', async ({ action, actor, allowed }) => {
    const before = await target(action);
    const marks = mark(h);
    const result = await run(actor, action, before.number);
    expectClean(h, result, marks);
    const after = await h.comments.get(guildId(), before.number);
    const message = result.message;
    expect(message?.ephemeral).toBe(true);
    if (!allowed) {
      expect(message?.content).toMatch(REFUSAL[action]);
      expect(after).toEqual(before);
      return;
    }
    switch (action) {
      case 'edit':
        expect(after?.text).toBe('Rewritten by someone.');
        expect(after?.editedAt).not.toBeNull();
        break;
      case 'delete':
      case 'moderate delete':
        expect(after?.deleted).toBe(true);
        expect(message?.content).toBe(`Deleted #${before.number}.`);
        break;
      case 'moderate restore':
        expect(after?.hidden).toBe(false);
        expect(after?.restored).toBe(true);
        break;
    }
  });

  it('a refused write leaves every comment of the server as it was', async () => {
    const all = async () => {
      const out: Comment[] = [];
      for await (const c of h.comments.exportAll(guildId())) out.push(c);
      return out;
    };
    const live = await target('edit');
    const snapshot = await all();
    for (const actor of ['ben', 'helper'] as const) {
      for (const action of ['edit', 'delete', 'moderate restore', 'moderate delete'] as const) {
        await run(actor, action, live.number);
      }
    }
    await run('mod', 'edit', live.number);
    await run('ana', 'moderate delete', live.number);
    expect(await all()).toEqual(snapshot);
  });

  it('hidden comments: members cannot reply, vote or see the text; moderators can, privately', async () => {
    const hidden = await target('moderate restore');
    const n = String(hidden.number);
    const reply = await h.emu.command({
      user: 'ben',
      guild: 'main',
      name: 'comment reply',
      options: { id: n, text: 'Hi' },
    });
    expect(reply.message?.content).toMatch(/is hidden while moderators review/);
    const thread = await h.emu.command({
      user: 'ben',
      guild: 'main',
      name: 'comment thread',
      options: { id: n },
    });
    expect(JSON.stringify(thread.message?.embeds)).not.toContain('A comment for');
    const modThread = await h.emu.command({
      user: 'admin',
      guild: 'main',
      name: 'comment thread',
      options: { id: n },
    });
    expect(modThread.message?.ephemeral).toBe(true);
    expect(JSON.stringify(modThread.message?.embeds)).toContain('A comment for moderate restore.');
    expect((await h.comments.get(guildId(), hidden.number))?.replyCount).toBe(0);
  });

  it('sent nothing Discord would refuse', () => {
    h.emu.assertNoErrors();
  });
});
