import { type Emulator, EmulatorUsageError, manualClock, startEmulator } from '@parley/discord-emulator';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type Interaction,
  InteractionContextType,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, startBot, type TestBot } from './bot.js';

const clock = manualClock();
let emu: Emulator;
let bot: TestBot;
const slowGate = { current: gate() };

const commands = [
  new SlashCommandBuilder().setName('embed').setDescription('Reply with an embed and buttons'),
  new SlashCommandBuilder()
    .setName('slow')
    .setDescription('Defer, then edit')
    .addBooleanOption((o) => o.setName('private').setDescription('Ephemeral?')),
  new SlashCommandBuilder().setName('form').setDescription('Show a modal'),
  new SlashCommandBuilder().setName('vote').setDescription('A modal with string selects'),
  new SlashCommandBuilder()
    .setName('search')
    .setDescription('Autocomplete')
    .addStringOption((o) =>
      o.setName('query').setDescription('What').setAutocomplete(true).setRequired(true),
    ),
  new SlashCommandBuilder().setName('twice').setDescription('Acknowledge twice'),
  new SlashCommandBuilder().setName('late').setDescription('Answer after 3 s'),
  new SlashCommandBuilder().setName('gated').setDescription('Defer, wait for the test, then edit'),
  new SlashCommandBuilder().setName('big').setDescription('Too long, then a fallback'),
  new SlashCommandBuilder().setName('followups').setDescription('Defer and follow up'),
  new SlashCommandBuilder().setName('files').setDescription('Reply with a file'),
  new SlashCommandBuilder()
    .setName('picture')
    .setDescription('Reply with an embed showing an attached picture')
    .addStringOption((o) => o.setName('shown').setDescription('The file name the embed names')),
  new SlashCommandBuilder().setName('fetch').setDescription('Reply withResponse'),
  new SlashCommandBuilder()
    .setName('whoami')
    .setDescription('Who am I?')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  new SlashCommandBuilder()
    .setName('purge')
    .setDescription('Moderators only')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .setContexts(InteractionContextType.Guild),
  new SlashCommandBuilder()
    .setName('comments')
    .setDescription('Comments')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add one')
        .addStringOption((o) => o.setName('text').setDescription('Text').setRequired(true))
        .addIntegerOption((o) => o.setName('page').setDescription('Page').setMinValue(1))
        .addNumberOption((o) => o.setName('score').setDescription('Score'))
        .addStringOption((o) =>
          o
            .setName('sort')
            .setDescription('Sort')
            .addChoices({ name: 'New', value: 'new' }, { name: 'Top', value: 'top' }),
        ),
    )
    .addSubcommandGroup((g) =>
      g
        .setName('admin')
        .setDescription('Admin')
        .addSubcommand((s) =>
          s
            .setName('ban')
            .setDescription('Ban')
            .addStringOption((o) => o.setName('user').setDescription('Who').setRequired(true)),
        ),
    ),
];

function row(...buttons: ButtonBuilder[]) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(...buttons);
}

async function handle(i: Interaction): Promise<unknown> {
  if (i.isAutocomplete()) {
    const typed = i.options.getFocused();
    const all = ['alpha', 'beta', 'gamma', 'delta'].filter((w) => w.startsWith(typed));
    return i.respond(all.map((w) => ({ name: w.toUpperCase(), value: w })));
  }
  if (i.isButton()) {
    const [action, arg] = i.customId.split(':');
    if (action === 'more') {
      const page = Number(arg) + 1;
      return i.update({
        content: `page ${page}`,
        components: [
          row(new ButtonBuilder().setCustomId(`more:${page}`).setLabel('More').setStyle(ButtonStyle.Primary)),
        ],
      });
    }
    if (action === 'ask') {
      return i.showModal(
        new ModalBuilder()
          .setCustomId('note')
          .setTitle('A note')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('text').setLabel('Note').setStyle(TextInputStyle.Short),
            ),
          ),
      );
    }
    if (action === 'later') {
      await i.deferUpdate();
      return i.editReply({ content: 'updated later', components: [] });
    }
    return i.reply({ content: `clicked ${i.customId} by ${i.user.username}`, flags: MessageFlags.Ephemeral });
  }
  if (i.isModalSubmit()) {
    if (i.customId === 'vote') {
      const values = (id: string) => {
        const field = i.fields.fields.get(id);
        return field && 'values' in field ? [...(field.values as readonly string[])] : [];
      };
      return i.reply(`choice=${values('choice').join('+')} extra=${values('extra').join('+')}`);
    }
    if (i.customId === 'note' && i.isFromMessage())
      return i.update({ content: `note: ${i.fields.getTextInputValue('text')}`, components: [] });
    return i.reply({
      content: `topic=${i.fields.getTextInputValue('topic')} details=${i.fields.getTextInputValue('details')}`,
    });
  }
  if (!i.isChatInputCommand()) return;
  switch (i.commandName) {
    case 'embed':
      return i.reply({
        embeds: [
          new EmbedBuilder()
            .setTitle('Parley')
            .setDescription('An article')
            .addFields({ name: 'Comments', value: '3' }),
        ],
        components: [
          row(
            new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Primary),
            new ButtonBuilder().setCustomId('ask').setLabel('Ask').setStyle(ButtonStyle.Secondary),
            new ButtonBuilder().setCustomId('later').setLabel('Later').setStyle(ButtonStyle.Secondary),
            new ButtonBuilder().setCustomId('hello').setLabel('Hello').setStyle(ButtonStyle.Success),
            new ButtonBuilder().setURL('https://example.com').setLabel('Source').setStyle(ButtonStyle.Link),
          ),
        ],
        allowedMentions: { parse: [] },
      });
    case 'slow':
      await i.deferReply(i.options.getBoolean('private') ? { flags: MessageFlags.Ephemeral } : {});
      return i.editReply({ content: 'done thinking' });
    case 'vote': {
      const select = (id: string) =>
        new StringSelectMenuBuilder()
          .setCustomId(id)
          .addOptions({ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' });
      return i.showModal(
        new ModalBuilder()
          .setCustomId('vote')
          .setTitle('Vote')
          .addLabelComponents(
            // Required (the default in modals): exactly one choice.
            new LabelBuilder().setLabel('Choice').setStringSelectMenuComponent(select('choice')),
            new LabelBuilder()
              .setLabel('Extra (optional)')
              .setStringSelectMenuComponent(
                select('extra').setRequired(false).setMinValues(0).setMaxValues(2),
              ),
          ),
      );
    }
    case 'form':
      return i.showModal(
        new ModalBuilder()
          .setCustomId('topic-form')
          .setTitle('New topic')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId('topic')
                .setLabel('Topic')
                .setStyle(TextInputStyle.Short)
                .setMaxLength(50),
            ),
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId('details')
                .setLabel('Details')
                .setStyle(TextInputStyle.Paragraph)
                .setRequired(false),
            ),
          ),
      );
    case 'twice':
      await i.reply('first');
      // discord.js refuses a second reply itself, so go around it like a buggy bot would.
      return i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
        body: { type: 4, data: { content: 'second' } },
        auth: false,
      });
    case 'late':
      clock.advance(3001);
      return i.reply('too late');
    case 'gated':
      await i.deferReply();
      await slowGate.current.promise;
      return i.editReply('finally');
    case 'big':
      try {
        await i.reply({ content: 'x'.repeat(2001) });
      } catch {
        await i.reply({ content: 'That was too long.', flags: MessageFlags.Ephemeral });
      }
      return;
    case 'followups':
      await i.deferReply();
      await i.followUp({ content: 'first follow-up', flags: MessageFlags.Ephemeral });
      await i.followUp({ content: 'second follow-up', flags: MessageFlags.Ephemeral });
      return;
    case 'files':
      return i.reply({
        content: 'export',
        files: [new AttachmentBuilder(Buffer.from('# Notes\n'), { name: 'notes.md' })],
      });
    case 'picture': {
      const shown = i.options.getString('shown') ?? 'chart.png';
      try {
        return await i.reply({
          embeds: [new EmbedBuilder().setTitle('Chart').setImage(`attachment://${shown}`)],
          files: [new AttachmentBuilder(Buffer.from('png bytes'), { name: 'chart.png' })],
        });
      } catch {
        return await i.reply({ content: 'The picture went missing.', flags: MessageFlags.Ephemeral });
      }
    }
    case 'fetch': {
      const response = await i.reply({ content: 'fetched', withResponse: true });
      const fetched = await i.fetchReply();
      return i.followUp(`${response.resource?.message?.id ?? 'none'} ${fetched.id}`);
    }
    case 'whoami':
      return i.reply(
        [
          `user=${i.user.username}`,
          `guild=${i.guildId ?? 'dm'}`,
          `channel=${i.channelId}`,
          `perms=${i.memberPermissions?.bitfield ?? 'none'}`,
          `manage=${i.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false}`,
          `locale=${i.locale}`,
          `context=${i.context}`,
        ].join(' '),
      );
    case 'purge':
      return i.reply('purged');
    case 'comments': {
      const group = i.options.getSubcommandGroup(false);
      const sub = i.options.getSubcommand();
      if (group === 'admin') return i.reply(`ban ${i.options.getString('user', true)}`);
      return i.reply(
        JSON.stringify({
          sub,
          text: i.options.getString('text'),
          page: i.options.getInteger('page'),
          score: i.options.getNumber('score'),
          sort: i.options.getString('sort'),
        }),
      );
    }
    default:
      return i.reply(`unknown ${i.commandName}`);
  }
}

beforeAll(async () => {
  emu = await startEmulator({ now: clock.now });
  bot = await startBot(emu, handle);
  await bot.client.application?.commands.set(commands.map((c) => c.toJSON()));
});

afterAll(async () => {
  await bot?.destroy();
  await emu?.close();
});

describe('discord.js against the emulator', () => {
  it('logs in, gets guilds and registers commands', () => {
    expect(bot.client.guilds.cache.map((g) => g.name).sort()).toEqual([
      'Parley Second Server',
      'Parley Test Server',
    ]);
    const main = bot.client.guilds.cache.find((g) => g.name === 'Parley Test Server');
    expect(main?.roles.everyone.id).toBe(main?.id);
    expect(main?.members.me?.id).toBe(bot.client.user?.id);
    expect(emu.commands.list(null).map((c) => c.name)).toContain('comments');
  });

  it('replies with an embed and buttons', async () => {
    const reply = await emu.command({ user: 'ana', guild: 'main', name: 'embed' });
    expect(reply.type).toBe(4);
    expect(reply.inTime).toBe(true);
    expect(reply.message?.embeds[0]).toMatchObject({
      title: 'Parley',
      description: 'An article',
      fields: [{ name: 'Comments', value: '3' }],
    });
    expect(reply.message?.ephemeral).toBe(false);
    expect(reply.message?.allowed_mentions).toEqual({ parse: [] });
    expect(reply.errors).toEqual([]);
  });

  it('waits for the edit after a defer', async () => {
    const reply = await emu.command({ name: 'slow', options: { private: true } });
    expect(reply.type).toBe(5);
    expect(reply.message).toMatchObject({ content: 'done thinking', ephemeral: true, loading: false });
  });

  it('shows a modal and takes its submission', async () => {
    const reply = await emu.command({ user: 'ben', name: 'form' });
    expect(reply.type).toBe(9);
    expect(reply.modal?.title).toBe('New topic');
    const submitted = await emu.submitModal(reply.modal ?? never(), {
      values: { topic: 'Budget', details: 'Why?' },
    });
    expect(submitted.message?.content).toBe('topic=Budget details=Why?');
    await expect(emu.submitModal(reply.modal ?? never(), { values: { topic: 'again' } })).rejects.toThrow(
      /already submitted/,
    );
  });

  it('checks modal fields like the client does', async () => {
    const reply = await emu.command({ user: 'ben', name: 'form' });
    await expect(emu.submitModal(reply.modal ?? never(), { values: {} })).rejects.toThrow(
      /"topic" is required/,
    );
    await expect(
      emu.submitModal(reply.modal ?? never(), { values: { topic: 'x'.repeat(51) } }),
    ).rejects.toThrow(/0–50 characters/);
    await expect(
      emu.submitModal(reply.modal ?? never(), { user: 'ana', values: { topic: 'a' } }),
    ).rejects.toThrow(/Only ben/);
  });

  // Discord's string select docs: `values` are the chosen options' values; min_values defaults to 1 and
  // max_values to 1; in a modal `required` defaults to true. The client offers only the options given.
  it('checks string selects in modals like the client does', async () => {
    const open = async () => (await emu.command({ user: 'ben', name: 'vote' })).modal ?? never();
    await expect(emu.submitModal(await open(), { values: { choice: 'maybe' } })).rejects.toThrow(
      /"choice" has no option "maybe" \(options: yes, no\)/,
    );
    await expect(emu.submitModal(await open(), { values: {} })).rejects.toThrow(/"choice" is required/);
    await expect(emu.submitModal(await open(), { values: { choice: ['yes', 'no'] } })).rejects.toThrow(
      /"choice" takes 1 choice; got 2/,
    );
    await expect(
      emu.submitModal(await open(), { values: { choice: 'yes', extra: ['yes', 'no', 'yes'] } }),
    ).rejects.toThrow(/"extra" takes 0–2 choices; got 3/);
    const picked = await emu.submitModal(await open(), { values: { choice: 'no', extra: ['yes', 'no'] } });
    expect(picked.message?.content).toBe('choice=no extra=yes+no');
    const optionalLeft = await emu.submitModal(await open(), { values: { choice: 'yes' } });
    expect(optionalLeft.message?.content).toBe('choice=yes extra=');
    // force sends what the client would not, to test the bot's own defences.
    const forced = await emu.submitModal(await open(), { values: { choice: 'maybe' }, force: true });
    expect(forced.message?.content).toBe('choice=maybe extra=');
  });

  it('answers autocomplete', async () => {
    const choices = await emu.autocomplete({ name: 'search', focused: 'query', options: { query: 'g' } });
    expect(choices).toEqual([{ name: 'GAMMA', value: 'gamma' }]);
    const all = await emu.autocomplete({ name: 'search', focused: 'query' });
    expect(all).toHaveLength(4);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    const reply = await emu.command({ name: 'twice' });
    await reply.waitFor((r) => r.errors.length > 0);
    expect(reply.message?.content).toBe('first');
    expect(reply.errorCodes).toEqual([40060]);
    expect(reply.callbacks.map((c) => c.status)).toEqual([204, 400]);
  });

  it('refuses a callback after 3 s with 10062 (injected clock)', async () => {
    const reply = await emu.command({ name: 'late' });
    expect(reply.type).toBeNull();
    expect(reply.errorCodes).toEqual([10062]);
    expect(reply.callbacks[0]).toMatchObject({ inTime: false, status: 404, code: 10062 });
  });

  it('refuses webhook edits after 15 minutes with 10015', async () => {
    slowGate.current = gate();
    const reply = await emu.command({ name: 'gated', wait: false });
    await reply.waitFor((r) => r.type === 5);
    clock.advance(15 * 60 * 1000 + 1);
    slowGate.current.open();
    await reply.waitFor((r) => r.errors.length > 0);
    expect(reply.errorCodes).toEqual([10015]);
    expect(reply.message?.loading).toBe(true);
  });

  it('reports validation errors the bot hit and what it did instead', async () => {
    const reply = await emu.command({ name: 'big' });
    expect(reply.errorCodes).toEqual([50035]);
    expect(reply.errors[0]?.responseBody).toMatchObject({
      code: 50035,
      errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    expect(reply.message).toMatchObject({ content: 'That was too long.', ephemeral: true });
    expect(emu.errors(50035)).toHaveLength(1);
  });

  it('makes the first follow-up after a defer replace the deferred reply', async () => {
    const reply = await emu.command({ name: 'followups' });
    await reply.waitForFollowUps(1);
    // Like Discord: the first follow-up fills the "thinking…" message and keeps its (public) visibility.
    expect(reply.message).toMatchObject({ content: 'first follow-up', ephemeral: false });
    expect(reply.followUps.map((m) => [m.content, m.ephemeral])).toEqual([['second follow-up', true]]);
  });

  it('accepts multipart replies and keeps the files', async () => {
    const reply = await emu.command({ name: 'files' });
    const [file] = reply.message?.attachments ?? [];
    expect(file).toMatchObject({ filename: 'notes.md', size: 8 });
    expect(file?.data.toString()).toBe('# Notes\n');
    const download = await fetch(file?.url ?? '');
    expect(await download.text()).toBe('# Notes\n');
    expect(emu.requests.find((r) => r.files.length > 0)?.files).toEqual([
      { field: 'files[0]', name: 'notes.md', size: 8 },
    ]);
  });

  it('accepts an embed showing a file of its own message, and refuses one naming a missing file', async () => {
    const shown = await emu.command({ name: 'picture' });
    expect(shown.message?.embeds[0]?.image?.url).toBe('attachment://chart.png');
    expect(shown.message?.attachments.map((a) => a.filename)).toEqual(['chart.png']);

    const errorsBefore = emu.errors(50035).length;
    const missing = await emu.command({ name: 'picture', options: { shown: 'other.png' } });
    expect(missing.message).toMatchObject({ content: 'The picture went missing.', ephemeral: true });
    const refused = emu.errors(50035).slice(errorsBefore);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.responseBody).toMatchObject({
      errors: { embeds: { 0: { image: { url: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND' }] } } } } },
    });
  });

  it('honours with_response and serves @original', async () => {
    const reply = await emu.command({ name: 'fetch' });
    await reply.waitForFollowUps(1);
    const id = reply.message?.id;
    expect(reply.followUps[0]?.content).toBe(`${id} ${id}`);
  });

  it('types options from the registered definition, with subcommands and groups', async () => {
    const reply = await emu.command({
      name: 'comments add',
      options: { text: 'Nice', page: 2, score: 1.5, sort: 'top' },
    });
    expect(JSON.parse(reply.message?.content ?? '{}')).toEqual({
      sub: 'add',
      text: 'Nice',
      page: 2,
      score: 1.5,
      sort: 'top',
    });
    const ban = await emu.command({
      name: 'comments',
      group: 'admin',
      subcommand: 'ban',
      options: { user: 'ana' },
    });
    expect(ban.message?.content).toBe('ban ana');
  });

  it('throws clear errors for what a user could not send', async () => {
    await expect(emu.command({ name: 'nope' })).rejects.toThrow(/\/nope is not registered/);
    await expect(emu.command({ name: 'comments' })).rejects.toThrow(/needs a subcommand/);
    await expect(emu.command({ name: 'comments add', options: {} })).rejects.toThrow(/text is required/);
    // A required option left empty: Discord's client keeps Send disabled until it is filled in.
    await expect(emu.command({ name: 'comments add', options: { text: '' } })).rejects.toThrow(
      /text is required \(pass force: true/,
    );
    const blank = await emu.command({ name: 'comments add', options: { text: '' }, force: true });
    expect(JSON.parse(blank.message?.content ?? '{}')).toMatchObject({ text: '' });
    await expect(emu.command({ name: 'comments add', options: { text: 'a', page: 'two' } })).rejects.toThrow(
      /whole number/,
    );
    await expect(emu.command({ name: 'comments add', options: { text: 'a', sort: 'old' } })).rejects.toThrow(
      /must be one of/,
    );
    await expect(emu.command({ name: 'comments add', options: { text: 'a', page: 0 } })).rejects.toThrow(
      /≥ 1/,
    );
    await expect(
      emu.command({ name: 'comments add', options: { text: 'a', color: 'red' } }),
    ).rejects.toBeInstanceOf(EmulatorUsageError);
  });

  it('states what the client refuses plainly in `reason`, with advice for test authors only in `message`', async () => {
    const refused = async (run: Promise<unknown>) => {
      const error = await run.then(never, (e: unknown) => e);
      expect(error).toBeInstanceOf(EmulatorUsageError);
      return error as EmulatorUsageError;
    };
    const purge = await refused(emu.command({ user: 'ana', name: 'purge' }));
    expect(purge.reason).toBe('ana cannot use /purge: it needs the Manage Messages permission');
    expect(purge.message).toMatch(/default_member_permissions .*force: true/);
    const blank = await refused(emu.command({ name: 'comments add', options: { text: '' } }));
    expect(blank.reason).toBe('/comments add: text is required');
  });

  it('gives each member their own permissions', async () => {
    const ana = await emu.command({ user: 'ana', name: 'whoami' });
    const mod = await emu.command({ user: 'mod', name: 'whoami' });
    expect(ana.message?.content).toContain('manage=false');
    expect(mod.message?.content).toContain('manage=true');
    await expect(emu.command({ user: 'ana', name: 'purge' })).rejects.toThrow(/cannot use \/purge/);
    expect((await emu.command({ user: 'mod', name: 'purge' })).message?.content).toBe('purged');
    expect((await emu.command({ user: 'ana', name: 'purge', force: true })).message?.content).toBe('purged');
  });

  it('dispatches DM interactions with a user and no member', async () => {
    const reply = await emu.command({ user: 'ben', guild: null, name: 'whoami' });
    expect(reply.message?.content).toMatch(
      /^user=ben guild=dm channel=\d+ perms=none manage=false locale=en-GB context=1$/,
    );
    expect(reply.payload).toMatchObject({ user: { username: 'ben' }, context: 1 });
    expect(reply.payload).not.toHaveProperty('member');
    await expect(emu.command({ user: 'ben', guild: null, name: 'purge' })).rejects.toThrow(
      /not available in DMs/,
    );
  });

  it('routes the second guild too', async () => {
    const reply = await emu.command({ user: 'ana', guild: 'second', name: 'whoami' });
    expect(reply.message?.content).toContain(`guild=${emu.world.guild('second').id}`);
    await expect(emu.command({ user: 'mod', guild: 'second', name: 'whoami' })).rejects.toThrow(
      /not a member/,
    );
  });
});

describe('components', () => {
  it('clicks a button that updates the message', async () => {
    const reply = await emu.command({ name: 'embed' });
    const clicked = await emu.click(reply.message ?? never(), { customId: 'more:1' });
    expect(clicked.type).toBe(7);
    expect(clicked.message).toMatchObject({ id: reply.message?.id, content: 'page 2', edits: 1 });
    const again = await emu.click(clicked.message ?? never(), { label: 'More' });
    expect(again.message?.content).toBe('page 3');
  });

  it('clicks a button that replies ephemerally, by index, as another user', async () => {
    const reply = await emu.command({ user: 'ana', name: 'embed' });
    const clicked = await emu.click(reply.message ?? never(), { index: 3, user: 'ben' });
    expect(clicked.message).toMatchObject({ content: 'clicked hello by ben', ephemeral: true });
    expect(clicked.payload).toMatchObject({
      type: 3,
      data: { custom_id: 'hello', component_type: 2 },
      message: { id: reply.message?.id },
    });
  });

  it('handles deferUpdate followed by editReply', async () => {
    const reply = await emu.command({ name: 'embed' });
    const clicked = await emu.click(reply.message ?? never(), { customId: 'later' });
    expect(clicked.type).toBe(6);
    expect(clicked.message).toMatchObject({
      id: reply.message?.id,
      content: 'updated later',
      components: [],
    });
  });

  it('opens a modal from a button and updates the message on submit', async () => {
    const reply = await emu.command({ name: 'embed' });
    const clicked = await emu.click(reply.message ?? never(), { customId: 'ask' });
    const submitted = await emu.submitModal(clicked.modal ?? never(), { values: { text: 'hi' } });
    expect(submitted.type).toBe(7);
    expect(emu.message(reply.message?.id ?? '')?.content).toBe('note: hi');
  });

  it('refuses impossible clicks', async () => {
    const reply = await emu.command({ name: 'embed' });
    await expect(emu.click(reply.message ?? never(), { label: 'Source' })).rejects.toThrow(/link button/);
    await expect(emu.click(reply.message ?? never(), { customId: 'missing' })).rejects.toThrow(
      /No button missing/,
    );
    const secret = await emu.command({ user: 'ana', name: 'slow', options: { private: true } });
    await expect(emu.click(secret.message ?? never(), { user: 'ben' })).rejects.toThrow(/ephemeral/);
  });

  it('emits message events for the sandbox console', async () => {
    const seen: string[] = [];
    const listener = (e: { action: string; message: { content: string } }) =>
      seen.push(`${e.action}:${e.message.content}`);
    emu.on('message', listener);
    await emu.command({ name: 'slow' });
    emu.off('message', listener);
    expect(seen).toEqual(['create:', 'update:done thinking']);
  });
});

function never(): never {
  throw new Error('expected a value');
}
