import { type Emulator, EmulatorUsageError, manualClock, startEmulator } from '@parley/discord-emulator';
import { type DiscordAPIError, type Interaction, PermissionFlagsBits, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from './bot.js';

let emu: Emulator;
let bot: TestBot;

async function handle(i: Interaction): Promise<unknown> {
  if (!i.isChatInputCommand()) return;
  switch (i.commandName) {
    case 'perms':
      return i.reply(
        `ban=${i.memberPermissions?.has(PermissionFlagsBits.BanMembers)} admin=${i.memberPermissions?.has(PermissionFlagsBits.Administrator)} app=${i.appPermissions.has(PermissionFlagsBits.ManageMessages)}`,
      );
    default:
      // 'silent' is never answered.
      return;
  }
}

beforeAll(async () => {
  emu = await startEmulator({
    // A hand-driven clock: the 3 s window cannot expire because the machine is busy.
    now: manualClock().now,
    token: 'custom-token',
    applicationId: '1300000000000000000',
    bot: { username: 'Moderator Bot' },
    users: [
      { key: 'zoe', username: 'zoe', locale: 'fr' },
      { key: 'yan', username: 'yan' },
      { key: 'boss', username: 'boss' },
    ],
    guilds: [
      {
        key: 'club',
        name: 'Book Club',
        owner: 'boss',
        preferredLocale: 'fr',
        everyonePermissions: ['ViewChannel', 'SendMessages', 'UseApplicationCommands'],
        botPermissions: ['ViewChannel', 'SendMessages', 'ManageMessages'],
        roles: [{ key: 'admin', name: 'Admin', permissions: ['Administrator'] }],
        channels: [{ key: 'books', name: 'books' }],
        members: [
          { user: 'zoe', permissions: ['BanMembers'] },
          { user: 'yan', roles: ['admin'] },
          { user: 'boss' },
        ],
      },
    ],
  });
  bot = await startBot(emu, handle);
  const club = bot.client.guilds.cache.first();
  await club?.commands.set([
    { name: 'perms', description: 'Permissions' },
    {
      name: 'upload',
      description: 'Upload',
      options: [{ type: 11, name: 'file', description: 'A file', required: true }],
    },
    { name: 'silent', description: 'Never answers' },
  ]);
});

afterAll(async () => {
  await bot?.destroy();
  await emu?.close();
});

describe('a configured world', () => {
  it('uses the given token, application id, bot and guilds', () => {
    expect(bot.client.application?.id).toBe('1300000000000000000');
    expect(bot.client.user?.username).toBe('Moderator Bot');
    const club = bot.client.guilds.cache.first();
    expect(club?.name).toBe('Book Club');
    expect(club?.channels.cache.map((c) => c.name)).toEqual(['books']);
    expect(emu.commands.list(club?.id ?? null).map((c) => c.name)).toContain('perms');
  });

  it('computes permissions from @everyone, roles, per-member extras and Administrator', async () => {
    expect((await emu.command({ user: 'zoe', guild: 'club', name: 'perms' })).message?.content).toBe(
      'ban=true admin=false app=true',
    );
    expect((await emu.command({ user: 'yan', guild: 'club', name: 'perms' })).message?.content).toBe(
      'ban=true admin=true app=true',
    );
    const zoe = await emu.command({ user: 'zoe', guild: 'club', name: 'perms' });
    expect(zoe.payload).toMatchObject({ locale: 'fr', guild_locale: 'fr' });
  });

  it('registers any option type, but only types the ones the bot uses (no ATTACHMENT)', async () => {
    await expect(emu.command({ user: 'zoe', name: 'upload', options: { file: 'a.txt' } })).rejects.toThrow(
      /option "file" has option type 11, which this emulator does not support/,
    );
  });

  it('explains a bot that never answers', async () => {
    const error = await emu.command({ name: 'silent', timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect(String(error)).toMatch(
      /Bot did not respond to \/silent .* within 200 ms: it never answered; no REST errors/,
    );
  });

  it('answers invalid command registrations with 50035 that discord.js formats', async () => {
    const error = (await bot.client.rest
      .put(Routes.applicationCommands('1300000000000000000'), {
        body: [{ name: 'Bad Name', description: '' }],
      })
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect(error.message).toContain('0.name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid');
    expect(error.message).toContain('0.description[BASE_TYPE_BAD_LENGTH]');
    expect(() => emu.registerCommands([{ name: 'ok', description: '' }])).toThrow(/0.description/);
  });

  it('edits and deletes single commands, keeping ids like Discord', async () => {
    const club = bot.client.guilds.cache.first();
    const silent = club?.commands.cache.find((c) => c.name === 'silent');
    const edited = await club?.commands.edit(silent?.id ?? '', { description: 'Still silent' });
    expect(edited?.id).toBe(silent?.id);
    expect(emu.commands.get(club?.id ?? null, silent?.id ?? '')?.description).toBe('Still silent');
    const created = await club?.commands.create({ name: 'temp', description: 'Temporary' });
    await club?.commands.delete(created?.id ?? '');
    expect(emu.commands.list(club?.id ?? null).map((c) => c.name)).not.toContain('temp');
  });

  it('refuses another application id', async () => {
    const error = (await bot.client.rest
      .get(Routes.applicationCommands('1'))
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.code).toBe(50001);
  });
});
