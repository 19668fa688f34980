import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { parseConsoleLine, tokenize } from '../../sandbox/parse.js';
import { buttonsOf, renderMessage } from '../../sandbox/render.js';

describe('tokenize', () => {
  it('keeps quoted values with spaces in one token', () => {
    expect(tokenize('/comment add text:"I disagree with ¶5" on:¶5')).toEqual([
      '/comment',
      'add',
      'text:I disagree with ¶5',
      'on:¶5',
    ]);
    expect(tokenize(`/who name:'Song Yanchao'`)).toEqual(['/who', 'name:Song Yanchao']);
    expect(tokenize('a\\ b "" c')).toEqual(['a b', '', 'c']);
  });

  it('reports an unclosed quote', () => {
    expect(tokenize('/who name:"Chase')).toEqual({ error: 'Unclosed " quote.' });
  });
});

describe('parseConsoleLine', () => {
  it('parses commands, subcommands and options', () => {
    expect(parseConsoleLine('/who name:Chase')).toEqual({
      kind: 'command',
      name: 'who',
      words: [],
      options: { name: 'Chase' },
    });
    expect(parseConsoleLine('/comment reply id:#12 text:"yes, and"')).toEqual({
      kind: 'command',
      name: 'comment',
      words: ['reply'],
      options: { id: '#12', text: 'yes, and' },
    });
  });

  it('understands the console verbs', () => {
    expect(parseConsoleLine('click 2')).toEqual({ kind: 'click', button: 2 });
    expect(parseConsoleLine('as mod')).toEqual({ kind: 'as', user: 'mod' });
    expect(parseConsoleLine('submit text:"long comment"')).toEqual({
      kind: 'submit',
      values: { text: 'long comment' },
    });
    expect(parseConsoleLine('  ')).toEqual({ kind: 'empty' });
    expect(parseConsoleLine('quit')).toEqual({ kind: 'quit' });
  });

  it('explains bad input instead of guessing', () => {
    expect(parseConsoleLine('who name:Chase')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('slash'),
    });
    expect(parseConsoleLine('click zero')).toMatchObject({ kind: 'error' });
    expect(parseConsoleLine('/who name:a name:b')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('twice'),
    });
    expect(parseConsoleLine('/who name:a stray')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('stray'),
    });
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
