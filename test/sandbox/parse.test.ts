import { crc32, deflateSync } from 'node:zlib';
import type { EmulatedModal } from '@parley/discord-emulator';
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { readCommandArgs, readFormArgs } from '../../sandbox/args.js';
import { formFields, renderForm } from '../../sandbox/form.js';
import { parseConsoleLine, tokenize } from '../../sandbox/parse.js';
import { buttonsOf, describeFile, fileSize, pngSize, renderMessage } from '../../sandbox/render.js';

const texts = (line: string) => tokenize(line).map((t) => t.text);

describe('tokenize', () => {
  it('keeps quoted values with spaces in one token', () => {
    expect(texts('/comment add text:"I disagree with ¶5" on:¶5')).toEqual([
      '/comment',
      'add',
      'text:I disagree with ¶5',
      'on:¶5',
    ]);
    expect(texts(`/who name:'Song Yanchao'`)).toEqual(['/who', 'name:Song Yanchao']);
    expect(texts('text:"say \\"hi\\"" b')).toEqual(['text:say "hi"', 'b']);
  });

  it('treats apostrophes and unclosed quotes as characters', () => {
    expect(texts(`question:What's China's position?`)).toEqual(["question:What's", "China's", 'position?']);
    expect(texts('name:"Chase')).toEqual(['name:"Chase']);
  });

  it('records where each word sits in the line', () => {
    expect(tokenize('a  bc')).toEqual([
      { text: 'a', start: 0, end: 1 },
      { text: 'bc', start: 3, end: 5 },
    ]);
  });
});

describe('parseConsoleLine', () => {
  it("keeps a command's arguments raw, to be read against its definition", () => {
    expect(parseConsoleLine('/Ask question:Who is Michael Chase?')).toEqual({
      kind: 'command',
      name: 'ask',
      args: 'question:Who is Michael Chase?',
    });
    expect(parseConsoleLine('complete /who name:ch')).toEqual({
      kind: 'complete',
      name: 'who',
      args: 'name:ch',
    });
  });

  it('understands the console verbs', () => {
    expect(parseConsoleLine('click 2')).toEqual({ kind: 'click', button: 2 });
    expect(parseConsoleLine('show #12')).toEqual({ kind: 'show', comment: 12 });
    expect(parseConsoleLine('show 3')).toEqual({ kind: 'show', comment: 3 });
    expect(parseConsoleLine('save')).toEqual({ kind: 'save', attachment: 1 });
    expect(parseConsoleLine('save 2')).toEqual({ kind: 'save', attachment: 2 });
    expect(parseConsoleLine('as mod')).toEqual({ kind: 'as', user: 'mod' });
    expect(parseConsoleLine('submit text:long comment')).toEqual({
      kind: 'submit',
      args: 'text:long comment',
    });
    expect(parseConsoleLine('  ')).toEqual({ kind: 'empty' });
    expect(parseConsoleLine('// a note')).toEqual({ kind: 'empty' });
    expect(parseConsoleLine('quit')).toEqual({ kind: 'quit' });
  });

  it('explains bad input instead of guessing', () => {
    for (const line of [
      'who name:Chase',
      'click zero',
      'show me',
      'save all',
      'as',
      'as two words',
      'complete who',
    ]) {
      expect(parseConsoleLine(line)).toMatchObject({ kind: 'error', message: expect.any(String) });
    }
  });
});

const T = ApplicationCommandOptionType;
const who: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'who',
  description: 'Who',
  options: [{ type: T.String, name: 'name', description: 'Name', autocomplete: true }],
};
const comment: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'comment',
  description: 'Comments',
  options: [
    {
      type: T.Subcommand,
      name: 'add',
      description: 'Add',
      options: [
        { type: T.String, name: 'text', description: 'Text' },
        { type: T.String, name: 'on', description: 'On' },
        {
          type: T.String,
          name: 'stance',
          description: 'Stance',
          choices: [
            { name: 'Supports', value: 'supports' },
            { name: 'Asks a question', value: 'question' },
          ],
        },
      ],
    },
    {
      type: T.Subcommand,
      name: 'list',
      description: 'List',
      options: [{ type: T.Integer, name: 'page', description: 'Page' }],
    },
  ],
};

describe('readCommandArgs', () => {
  it('lets a text option run to the next option, so examples need no quotes', () => {
    expect(readCommandArgs(who, 'name:Michael  Chase')).toMatchObject({
      ok: true,
      value: { name: 'who', options: { name: 'Michael  Chase' } },
    });
    expect(readCommandArgs(comment, 'add text:I disagree: see 10:30 on:¶5 stance:question')).toMatchObject({
      ok: true,
      value: {
        name: 'comment add',
        options: { text: 'I disagree: see 10:30', on: '¶5', stance: 'question' },
      },
    });
    expect(readCommandArgs(comment, 'add on:¶5 text:"quoted, with on:inside"')).toMatchObject({
      ok: true,
      value: { options: { on: '¶5', text: 'quoted, with on:inside' } },
    });
  });

  it('types numbers and accepts a choice by name or value in any case', () => {
    expect(readCommandArgs(comment, 'list page:2')).toMatchObject({
      ok: true,
      value: { options: { page: 2 } },
    });
    expect(readCommandArgs(comment, 'add stance:SUPPORTS')).toMatchObject({
      ok: true,
      value: { options: { stance: 'supports' } },
    });
    expect(readCommandArgs(comment, 'add stance:asks a question')).toMatchObject({
      ok: true,
      value: { options: { stance: 'question' } },
    });
  });

  it('records the options in the order written (the last is the one being typed)', () => {
    expect(readCommandArgs(comment, 'add on:¶2 text:x')).toMatchObject({
      value: { written: ['on', 'text'] },
    });
  });

  it('explains what is wrong', () => {
    const message = (def: typeof who, args: string) => {
      const read = readCommandArgs(def, args);
      return read.ok ? undefined : read.message;
    };
    expect(message(who, 'nme:x')).toBe('/who has no option “nme” (options: name).');
    expect(message(comment, '')).toBe('/comment needs one of: add, list.');
    expect(message(comment, 'remove')).toBe('/comment has no subcommand “remove” (subcommands: add, list).');
    expect(message(comment, 'list page:two')).toBe('page must be a whole number.');
    expect(message(comment, 'list page:1 2')).toMatch(/“2” is not an option/);
    expect(message(comment, 'add text:a text:b')).toBe('The option text is given twice.');
  });
});

describe('readFormArgs', () => {
  it('reads fields like text options, and names the form’s fields when one is wrong', () => {
    expect(readFormArgs(['text', 'stance'], 'text:I think so stance:supports')).toEqual({
      ok: true,
      value: { text: 'I think so', stance: 'supports' },
    });
    expect(readFormArgs(['text'], 'on:¶5')).toEqual({
      ok: false,
      message: 'The form has no field “on” (fields: text).',
    });
  });
});

describe('forms', () => {
  const modal = {
    interaction_id: '1',
    custom_id: 'comment:add',
    title: 'New comment',
    user_id: '2',
    guild_id: null,
    channel_id: '3',
    source_message_id: null,
    components: [
      {
        type: ComponentType.Label,
        label: 'Your comment',
        description: 'Up to 4000 characters.',
        component: { type: ComponentType.TextInput, custom_id: 'text', style: 2, max_length: 4000 },
      },
      {
        type: ComponentType.Label,
        label: 'Stance',
        component: {
          type: ComponentType.StringSelect,
          custom_id: 'stance',
          required: false,
          options: [
            { label: 'Supports', value: 'supports' },
            { label: 'Opposes', value: 'opposes' },
          ],
        },
      },
    ],
  } as unknown as EmulatedModal;

  it('lists each field with what it takes, and how to fill it in', () => {
    expect(formFields(modal).map((f) => [f.id, f.required])).toEqual([
      ['text', true],
      ['stance', false],
    ]);
    expect(renderForm(modal)).toBe(
      [
        '== Form: New comment ==',
        '  text — Your comment: Up to 4000 characters.',
        '  stance — Stance (optional): one of supports, opposes',
        'Fill it in with: submit text:… stance:supports',
      ].join('\n'),
    );
  });
});

/** A real PNG (signature, IHDR, IDAT, IEND with their CRCs) of width × height grey pixels. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.alloc(width + 1, 0x80)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('attachments', () => {
  it('shows a PNG image with its width × height from the header', () => {
    const image = png(640, 360);
    expect(pngSize(image)).toEqual({ width: 640, height: 360 });
    expect(describeFile({ filename: 'positions.png', size: image.length, data: image })).toBe(
      '📎 positions.png (640×360)',
    );
  });

  it('shows any other file with its size', () => {
    const text = Buffer.from('# Discussion\n');
    expect(pngSize(text)).toBeUndefined();
    expect(describeFile({ filename: 'discussion.md', size: text.length, data: text })).toBe(
      '📎 discussion.md (13 bytes)',
    );
    // A .png name is not enough: the bytes decide.
    expect(describeFile({ filename: 'fake.png', size: 2048, data: Buffer.alloc(2048) })).toBe(
      '📎 fake.png (2.0 KB)',
    );
    expect([fileSize(1), fileSize(1536), fileSize(3 * 1024 * 1024)]).toEqual(['1 byte', '1.5 KB', '3.0 MB']);
  });
});

describe('mentions', () => {
  const names = {
    user: (id: string) => (id === '11' ? 'Ana' : undefined),
    role: (id: string) => (id === '22' ? 'Moderator' : undefined),
    channel: (id: string) => (id === '33' ? 'general' : undefined),
  };

  it('prints user, role and channel mentions as names, and leaves unknown ids alone', () => {
    expect(renderMessage({ content: '<@11>, <@!11> and <@&22> in <#33>; <@99>' }, names)).toBe(
      '@Ana, @Ana and @Moderator in #general; <@99>',
    );
  });
});

describe('renderMessage', () => {
  const message = {
    flags: MessageFlags.Ephemeral,
    embeds: [
      {
        title: '**Michael Chase**',
        description: 'US official (¶4)',
        fields: [{ name: 'Role', value: 'Deputy Assistant Secretary of Defense (¶4)\n_Also_ \\*x' }],
        footer: { text: 'Defense News' },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: '◀',
            custom_id: 'who:pg:1:0',
            disabled: true,
          },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '▶', custom_id: 'who:pg:1:1' },
        ],
      },
    ],
    attachments: [{ filename: 'discussion.md', size: 120 }],
  };

  it('shows title, fields, footer, files and numbered buttons as plain text', () => {
    expect(renderMessage(message)).toBe(
      [
        '(only you can see this)',
        '== Michael Chase ==',
        'US official (¶4)',
        '-- Role',
        '  Deputy Assistant Secretary of Defense (¶4)',
        '  Also *x',
        '[Defense News]',
        '📎 discussion.md (120 bytes)',
        '[1] ◀ (disabled)   [2] ▶',
      ].join('\n'),
    );
  });

  it('numbers buttons in reading order with their ids', () => {
    expect(buttonsOf(message).map((b) => [b.number, b.customId])).toEqual([
      [1, 'who:pg:1:0'],
      [2, 'who:pg:1:1'],
    ]);
  });
});
