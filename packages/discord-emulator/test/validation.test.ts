import { FieldErrors, flattenErrorTree } from '@parley/discord-emulator';
import {
  embedAttachmentErrors,
  isEmptyMessage,
  isValidChatInputName,
  validateAutocompleteData,
  validateCallbackBody,
  validateCommandList,
  validateMessageBody,
  validateModalData,
} from '@parley/discord-emulator/validation';
import { describe, expect, it } from 'vitest';

/** Flattened errors of a message body (as an interaction reply). */
function messageErrors(body: unknown, uploadedFiles = 0): Record<string, string[]> {
  const errs = new FieldErrors();
  validateMessageBody(errs, body, { mode: 'create', interaction: true, uploadedFiles });
  return flattenErrorTree(errs.toTree());
}

function commandErrors(commands: unknown[]): Record<string, string[]> {
  return flattenErrorTree(validateCommandList(commands).toTree());
}

function modalErrors(data: unknown): Record<string, string[]> {
  const errs = new FieldErrors();
  validateModalData(errs, data);
  return flattenErrorTree(errs.toTree());
}

function autocompleteErrors(data: unknown): Record<string, string[]> {
  const errs = new FieldErrors();
  validateAutocompleteData(errs, data);
  return flattenErrorTree(errs.toTree());
}

const x = (n: number) => 'x'.repeat(n);
const cmd = (extra: Record<string, unknown> = {}) => ({ name: 'who', description: 'Who is that?', ...extra });
const opt = (extra: Record<string, unknown> = {}) => ({
  type: 3,
  name: 'name',
  description: 'A name',
  ...extra,
});
const button = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 2,
  style: 1,
  custom_id: id,
  label: id,
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });
const textInput = (id: string, extra: Record<string, unknown> = {}) =>
  row({ type: 4, custom_id: id, style: 1, label: 'Label', ...extra });

describe('error tree', () => {
  it('nests errors like Discord and flattens to dotted paths', () => {
    const errs = new FieldErrors();
    errs.at('data').add(['embeds', 0, 'title'], 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    expect(errs.toTree()).toEqual({
      data: {
        embeds: {
          0: {
            title: {
              _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }],
            },
          },
        },
      },
    });
    expect(flattenErrorTree(errs.toTree())).toEqual({
      'data.embeds.0.title': ['BASE_TYPE_MAX_LENGTH: Must be 256 or fewer in length.'],
    });
  });
});

describe('command definitions', () => {
  it('accepts a valid command with options, choices, autocomplete and subcommands', () => {
    expect(
      commandErrors([
        cmd({
          options: [opt({ required: true }), opt({ name: 'page', type: 4, min_value: 1, max_value: 9 })],
        }),
        cmd({ name: 'pick', options: [opt({ choices: [{ name: 'A', value: 'a' }] })] }),
        cmd({ name: 'find', options: [opt({ autocomplete: true })] }),
        cmd({
          name: 'comments',
          options: [
            { type: 1, name: 'add', description: 'Add', options: [opt({ required: true })] },
            {
              type: 2,
              name: 'admin',
              description: 'Admin',
              options: [{ type: 1, name: 'purge', description: 'Purge' }],
            },
          ],
        }),
        cmd({ name: 'ünïcode-名前_1' }),
        { type: 2, name: 'User Info' },
      ]),
    ).toEqual({});
  });

  it('enforces the name pattern, lowercase and length', () => {
    expect(isValidChatInputName('who')).toBe(true);
    expect(isValidChatInputName('Who')).toBe(false);
    expect(isValidChatInputName('who is')).toBe(false);
    expect(commandErrors([cmd({ name: 'Who' })])).toEqual({
      '0.name': ['APPLICATION_COMMAND_INVALID_NAME: Command name is invalid'],
    });
    expect(commandErrors([cmd({ name: 'has space' })])['0.name']).toBeDefined();
    expect(commandErrors([cmd({ name: x(33) })])['0.name']).toEqual([
      'BASE_TYPE_BAD_LENGTH: Must be between 1 and 32 in length.',
    ]);
    expect(commandErrors([cmd({ name: x(32) })])).toEqual({});
    expect(commandErrors([cmd({ name: undefined })])['0.name']).toEqual([
      'BASE_TYPE_REQUIRED: This field is required',
    ]);
  });

  it('requires a description of 1–100 characters', () => {
    expect(commandErrors([cmd({ description: x(100) })])).toEqual({});
    expect(commandErrors([cmd({ description: x(101) })])['0.description']).toEqual([
      'BASE_TYPE_BAD_LENGTH: Must be between 1 and 100 in length.',
    ]);
    expect(commandErrors([cmd({ description: '' })])['0.description']).toBeDefined();
  });

  it('allows at most 25 options and 25 choices', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => opt({ name: `o${i}` }));
    const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    expect(commandErrors([cmd({ options: options(25) })])).toEqual({});
    expect(commandErrors([cmd({ options: options(26) })])['0.options']).toEqual([
      'BASE_TYPE_MAX_LENGTH: Must be 25 or fewer in length.',
    ]);
    expect(commandErrors([cmd({ options: [opt({ choices: choices(25) })] })])).toEqual({});
    expect(
      commandErrors([cmd({ options: [opt({ choices: choices(26) })] })])['0.options.0.choices'],
    ).toBeDefined();
  });

  it('checks choice names (1–100) and values by option type', () => {
    expect(
      commandErrors([cmd({ options: [opt({ choices: [{ name: x(101), value: 'a' }] })] })]),
    ).toHaveProperty(['0.options.0.choices.0.name']);
    expect(commandErrors([cmd({ options: [opt({ choices: [{ name: '', value: 'a' }] })] })])).toHaveProperty([
      '0.options.0.choices.0.name',
    ]);
    expect(
      commandErrors([cmd({ options: [opt({ type: 4, choices: [{ name: 'a', value: 1.5 }] })] })]),
    ).toHaveProperty(['0.options.0.choices.0.value']);
  });

  it('requires required options before optional ones', () => {
    expect(
      commandErrors([cmd({ options: [opt({ name: 'a' }), opt({ name: 'b', required: true })] })]),
    ).toEqual({
      '0.options': [
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID: Required options must be placed before non-required options',
      ],
    });
  });

  it('refuses autocomplete together with choices', () => {
    const errors = commandErrors([
      cmd({ options: [opt({ autocomplete: true, choices: [{ name: 'a', value: 'a' }] })] }),
    ]);
    expect(errors['0.options.0.autocomplete']?.[0]).toMatch(/AUTOCOMPLETE_WITH_CHOICES/);
  });

  it('enforces subcommand nesting rules', () => {
    const sub = { type: 1, name: 'add', description: 'Add' };
    expect(commandErrors([cmd({ options: [sub, opt()] })])['0.options']?.[0]).toMatch(/mutually exclusive/);
    expect(
      commandErrors([cmd({ options: [{ ...sub, options: [{ ...sub, name: 'deeper' }] }] })]),
    ).toHaveProperty(['0.options.0.options.0.type']);
    expect(
      commandErrors([cmd({ options: [{ type: 2, name: 'grp', description: 'G', options: [opt()] }] })]),
    ).toHaveProperty(['0.options.0.options.0.type']);
    expect(
      commandErrors([cmd({ options: [{ type: 2, name: 'grp', description: 'G', options: [] }] })]),
    ).toHaveProperty(['0.options.0.options']);
  });

  it('applies the name rule to options and wants unique option names', () => {
    expect(commandErrors([cmd({ options: [opt({ name: 'Bad Name' })] })])).toHaveProperty([
      '0.options.0.name',
    ]);
    expect(commandErrors([cmd({ options: [opt(), opt()] })])['0.options.1.name']?.[0]).toMatch(
      /DUPLICATE_NAME/,
    );
  });

  it('wants unique command names per type', () => {
    expect(commandErrors([cmd(), cmd()])['1.name']?.[0]).toMatch(/APPLICATION_COMMANDS_DUPLICATE_NAME/);
    expect(commandErrors([cmd(), { type: 2, name: 'who' }])).toEqual({});
  });
});

describe('message bodies', () => {
  it('limits content to 2000 characters', () => {
    expect(messageErrors({ content: x(2000) })).toEqual({});
    expect(messageErrors({ content: x(2001) })).toEqual({
      content: ['BASE_TYPE_MAX_LENGTH: Must be 2000 or fewer in length.'],
    });
  });

  it('counts content length in code points', () => {
    expect(messageErrors({ content: '😀'.repeat(2000) })).toEqual({});
  });

  it('allows at most 10 embeds', () => {
    const embeds = (n: number) => Array.from({ length: n }, () => ({ title: 't' }));
    expect(messageErrors({ embeds: embeds(10) })).toEqual({});
    expect(messageErrors({ embeds: embeds(11) })).toEqual({
      embeds: ['BASE_TYPE_MAX_LENGTH: Must be 10 or fewer in length.'],
    });
  });

  it.each([
    ['title', { title: x(256) }, { title: x(257) }, 'embeds.0.title'],
    ['description', { description: x(4096) }, { description: x(4097) }, 'embeds.0.description'],
    ['footer text', { footer: { text: x(2048) } }, { footer: { text: x(2049) } }, 'embeds.0.footer.text'],
    ['author name', { author: { name: x(256) } }, { author: { name: x(257) } }, 'embeds.0.author.name'],
    [
      'field name',
      { fields: [{ name: x(256), value: 'v' }] },
      { fields: [{ name: x(257), value: 'v' }] },
      'embeds.0.fields.0.name',
    ],
    [
      'field value',
      { fields: [{ name: 'n', value: x(1024) }] },
      { fields: [{ name: 'n', value: x(1025) }] },
      'embeds.0.fields.0.value',
    ],
    [
      'empty field value',
      { fields: [{ name: 'n', value: 'v' }] },
      { fields: [{ name: 'n', value: '' }] },
      'embeds.0.fields.0.value',
    ],
    ['color', { color: 0xffffff }, { color: 0x1000000 }, 'embeds.0.color'],
    ['url', { url: 'https://example.com' }, { url: 'not a url' }, 'embeds.0.url'],
  ])('limits embed %s', (_what, ok, bad, path) => {
    expect(messageErrors({ embeds: [ok] })).toEqual({});
    expect(messageErrors({ embeds: [bad] })).toHaveProperty([path]);
  });

  it('allows at most 25 fields per embed', () => {
    const fields = (n: number) => Array.from({ length: n }, () => ({ name: 'n', value: 'v' }));
    expect(messageErrors({ embeds: [{ fields: fields(25) }] })).toEqual({});
    expect(messageErrors({ embeds: [{ fields: fields(26) }] })).toHaveProperty(['embeds.0.fields']);
  });

  it('limits the total of all embeds to 6000 characters', () => {
    const full = { title: x(200), description: x(2800) };
    expect(messageErrors({ embeds: [full, full] })).toEqual({});
    expect(messageErrors({ embeds: [full, { ...full, footer: { text: 'x' } }] })).toEqual({
      embeds: ['BASE_TYPE_MAX_LENGTH: Embed size exceeds maximum size of 6000'],
    });
  });

  it('knows what an empty message is', () => {
    const empty = { content: '', embeds: [], components: [], attachments: [] };
    expect(isEmptyMessage(empty)).toBe(true);
    expect(isEmptyMessage({ ...empty, content: '   ' })).toBe(true);
    expect(isEmptyMessage({ ...empty, content: 'hi' })).toBe(false);
    expect(isEmptyMessage({ ...empty, embeds: [{}] })).toBe(false);
    expect(isEmptyMessage({ ...empty, attachments: [{}] })).toBe(false);
  });

  it('only allows the ephemeral flag on interaction messages, and no unknown flags', () => {
    expect(messageErrors({ content: 'a', flags: 64 })).toEqual({});
    expect(messageErrors({ content: 'a', flags: 1 << 20 })).toHaveProperty(['flags']);
    const errs = new FieldErrors();
    validateMessageBody(
      errs,
      { content: 'a', flags: 64 },
      { mode: 'create', interaction: false, uploadedFiles: 0 },
    );
    expect(errs.empty).toBe(false);
  });

  it('checks allowed_mentions', () => {
    expect(messageErrors({ content: 'a', allowed_mentions: { parse: [] } })).toEqual({});
    expect(
      messageErrors({ content: 'a', allowed_mentions: { parse: ['users'], users: ['1'] } }),
    ).toHaveProperty(['allowed_mentions']);
    expect(messageErrors({ content: 'a', allowed_mentions: { parse: ['nobody'] } })).toHaveProperty([
      'allowed_mentions.parse.0',
    ]);
  });

  it('checks that attachment:// urls in embeds name a file of the message', () => {
    const errors = (embeds: unknown[], files: string[]) =>
      flattenErrorTree(
        embedAttachmentErrors({ embeds, attachments: files.map((filename) => ({ filename })) }).toTree(),
      );
    const image = (url: string) => ({ image: { url } });
    expect(errors([image('attachment://a.png')], ['a.png'])).toEqual({});
    expect(errors([image('https://example.com/a.png')], [])).toEqual({});
    expect(errors([{ title: 't' }, image('attachment://b.png')], ['a.png'])).toHaveProperty([
      'embeds.1.image.url',
    ]);
    expect(errors([{ thumbnail: { url: 'attachment://a.png' } }], [])).toHaveProperty([
      'embeds.0.thumbnail.url',
    ]);
    expect(errors([{ footer: { text: 'f', icon_url: 'attachment://A.png' } }], ['a.png'])).toHaveProperty([
      'embeds.0.footer.icon_url',
    ]);
  });

  it('checks attachment references against uploaded files', () => {
    expect(messageErrors({ attachments: [{ id: '0', filename: 'a.md' }] }, 1)).toEqual({});
    expect(messageErrors({ attachments: [{ id: '1', filename: 'a.md' }] }, 1)).toHaveProperty([
      'attachments.0.id',
    ]);
  });
});

describe('components', () => {
  it('allows 5 action rows of 5 buttons', () => {
    const rows = (n: number, per: number) =>
      Array.from({ length: n }, (_, r) =>
        row(...Array.from({ length: per }, (_, b) => button(`b${r}-${b}`))),
      );
    expect(messageErrors({ components: rows(5, 5) })).toEqual({});
    expect(messageErrors({ components: rows(6, 1) })).toEqual({
      components: ['BASE_TYPE_MAX_LENGTH: Must be 5 or fewer in length.'],
    });
    expect(messageErrors({ components: rows(1, 6) })).toEqual({
      'components.0.components': ['BASE_TYPE_BAD_LENGTH: Must be between 1 and 5 in length.'],
    });
    expect(messageErrors({ components: [row()] })).toHaveProperty(['components.0.components']);
  });

  it('checks custom_id length and uniqueness within the message', () => {
    expect(messageErrors({ components: [row(button(x(100), { label: 'ok' }))] })).toEqual({});
    expect(messageErrors({ components: [row(button(x(101), { label: 'ok' }))] })).toHaveProperty([
      'components.0.components.0.custom_id',
    ]);
    expect(messageErrors({ components: [row(button('a')), row(button('a'))] })).toEqual({
      'components.1.components.0.custom_id': [
        'COMPONENT_CUSTOM_ID_DUPLICATED: Component custom id was already specified',
      ],
    });
    expect(messageErrors({ components: [row({ type: 2, style: 1, label: 'no id' })] })).toHaveProperty([
      'components.0.components.0.custom_id',
    ]);
  });

  it('limits button labels to 80 characters', () => {
    expect(messageErrors({ components: [row(button('a', { label: x(80) }))] })).toEqual({});
    expect(messageErrors({ components: [row(button('a', { label: x(81) }))] })).toHaveProperty([
      'components.0.components.0.label',
    ]);
  });

  it('wants link buttons with a url and without custom_id', () => {
    const link = { type: 2, style: 5, label: 'Open', url: 'https://example.com' };
    expect(messageErrors({ components: [row(link)] })).toEqual({});
    expect(messageErrors({ components: [row({ ...link, url: undefined })] })).toHaveProperty([
      'components.0.components.0.url',
    ]);
    expect(messageErrors({ components: [row({ ...link, custom_id: 'x' })] })).toHaveProperty([
      'components.0.components.0.custom_id',
    ]);
  });

  it('refuses what it does not emulate (Components V2, selects in messages) instead of half-checking it', () => {
    const text = { type: 10, content: 'Hello' };
    expect(messageErrors({ components: [text] })).toHaveProperty(['components.0.type']);
    expect(messageErrors({ flags: 1 << 15, components: [text] })).toMatchObject({
      flags: ['EMULATOR_UNSUPPORTED: Components V2 (IS_COMPONENTS_V2) is not emulated.'],
    });
    for (const type of [3, 5]) {
      expect(messageErrors({ components: [row({ type, custom_id: 'pick' })] })).toEqual({
        'components.0.components.0.type': [
          `EMULATOR_UNSUPPORTED: Component type ${type} is not emulated (the bot sends none).`,
        ],
      });
    }
    expect(messageErrors({ components: [row({ type: 2, style: 6, sku_id: '1' })] })).toHaveProperty([
      'components.0.components.0.style',
    ]);
  });
});

describe('modals', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    custom_id: 'm',
    title: 'Title',
    components: [textInput('a')],
    ...extra,
  });

  it('accepts a valid modal, also in the Label form, with a string select', () => {
    expect(modalErrors(modal())).toEqual({});
    const select = { type: 3, custom_id: 's', options: [{ label: 'A', value: 'a' }] };
    expect(
      modalErrors(
        modal({
          components: [
            { type: 18, label: 'Your comment', component: { type: 4, custom_id: 'c', style: 2 } },
            { type: 18, label: 'Stance', component: select },
          ],
        }),
      ),
    ).toEqual({});
    expect(
      modalErrors(
        modal({ components: [{ type: 18, label: 'File', component: { type: 19, custom_id: 'f' } }] }),
      ),
    ).toEqual({
      'components.0.component.type': [
        'EMULATOR_UNSUPPORTED: Component type 19 is not emulated (the bot sends none).',
      ],
    });
  });

  it('limits the title to 1–45 characters and requires a custom_id', () => {
    expect(modalErrors(modal({ title: x(45) }))).toEqual({});
    expect(modalErrors(modal({ title: x(46) }))).toEqual({
      title: ['BASE_TYPE_BAD_LENGTH: Must be between 1 and 45 in length.'],
    });
    expect(modalErrors(modal({ title: '' }))).toHaveProperty(['title']);
    expect(modalErrors(modal({ custom_id: undefined }))).toHaveProperty(['custom_id']);
  });

  it('wants 1–5 rows with exactly one text input each', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => textInput(`t${i}`));
    expect(modalErrors(modal({ components: rows(5) }))).toEqual({});
    expect(modalErrors(modal({ components: rows(6) }))).toHaveProperty(['components']);
    expect(modalErrors(modal({ components: [] }))).toHaveProperty(['components']);
    expect(
      modalErrors(
        modal({
          components: [
            row(
              { type: 4, custom_id: 'a', style: 1, label: 'A' },
              { type: 4, custom_id: 'b', style: 1, label: 'B' },
            ),
          ],
        }),
      ),
    ).toHaveProperty(['components.0.components']);
    expect(modalErrors(modal({ components: [row(button('x'))] }))).toHaveProperty([
      'components.0.components.0.type',
    ]);
  });

  // Discord's string select: 1–25 options with unique values; max_values ≤ 25 and ≤ the options.
  it('limits a string select in a modal to 25 options with unique values', () => {
    const select = (n: number, extra: Record<string, unknown> = {}) =>
      modal({
        components: [
          {
            type: 18,
            label: 'Pick',
            component: {
              type: 3,
              custom_id: 'pick',
              options: Array.from({ length: n }, (_, i) => ({ label: `L${i}`, value: `v${i}` })),
              ...extra,
            },
          },
        ],
      });
    expect(modalErrors(select(25))).toEqual({});
    expect(modalErrors(select(26))).toHaveProperty(['components.0.component.options']);
    expect(modalErrors(select(0))).toHaveProperty(['components.0.component.options']);
    expect(modalErrors(select(2, { max_values: 3 }))).toHaveProperty(['components.0.component.max_values']);
    expect(modalErrors(select(2, { min_values: 2, max_values: 1 }))).toHaveProperty([
      'components.0.component.min_values',
    ]);
    const twice = select(2, {
      options: [
        { label: 'A', value: 'same' },
        { label: 'B', value: 'same' },
      ],
    });
    expect(modalErrors(twice)).toHaveProperty(['components.0.component.options.1.value']);
  });

  it('limits text input labels to 45 and max_length to 4000', () => {
    expect(modalErrors(modal({ components: [textInput('a', { label: x(45), max_length: 4000 })] }))).toEqual(
      {},
    );
    expect(modalErrors(modal({ components: [textInput('a', { label: x(46) })] }))).toHaveProperty([
      'components.0.components.0.label',
    ]);
    expect(modalErrors(modal({ components: [textInput('a', { max_length: 4001 })] }))).toHaveProperty([
      'components.0.components.0.max_length',
    ]);
    expect(modalErrors(modal({ components: [textInput('a'), textInput('a')] }))).toHaveProperty([
      'components.1.components.0.custom_id',
    ]);
  });
});

describe('autocomplete results', () => {
  const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));

  it('allows at most 25 choices', () => {
    expect(autocompleteErrors({ choices: choices(25) })).toEqual({});
    expect(autocompleteErrors({ choices: choices(26) })).toEqual({
      choices: ['BASE_TYPE_MAX_LENGTH: Must be 25 or fewer in length.'],
    });
  });

  it('limits choice names and string values to 1–100 characters', () => {
    expect(autocompleteErrors({ choices: [{ name: x(100), value: x(100) }] })).toEqual({});
    expect(autocompleteErrors({ choices: [{ name: x(101), value: 'v' }] })).toHaveProperty([
      'choices.0.name',
    ]);
    expect(autocompleteErrors({ choices: [{ name: 'n', value: x(101) }] })).toHaveProperty([
      'choices.0.value',
    ]);
    expect(autocompleteErrors({ choices: [{ name: 'n', value: 3 }] })).toEqual({});
  });
});

describe('callback envelopes', () => {
  it('only allows response types that fit the interaction', () => {
    const check = (interactionType: number, type: number, hasMessage = false) =>
      validateCallbackBody(
        { type, data: type === 8 ? { choices: [] } : { content: 'x' } },
        { interactionType, hasMessage, uploadedFiles: 0 },
      ).empty;
    expect(check(2, 4)).toBe(true);
    expect(check(2, 7)).toBe(false);
    expect(check(4, 8)).toBe(true);
    expect(check(4, 4)).toBe(false);
    expect(check(3, 7, true)).toBe(true);
    expect(check(5, 7, false)).toBe(false);
    expect(check(5, 7, true)).toBe(true);
  });

  it('puts message errors under data', () => {
    const errs = validateCallbackBody(
      { type: 4, data: { content: x(2001) } },
      { interactionType: 2, hasMessage: false, uploadedFiles: 0 },
    );
    expect(flattenErrorTree(errs.toTree())).toEqual({
      'data.content': ['BASE_TYPE_MAX_LENGTH: Must be 2000 or fewer in length.'],
    });
  });
});
