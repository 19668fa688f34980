import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSandbox } from '../../sandbox/console.js';
import { loadConfig } from '../../src/config.js';

/** The ↑ key as a terminal sends it. */
const UP = '\x1b[A';

/** Pipes `lines` into the sandbox (the real bot and the emulator, in this process); its output and exit code. */
async function converse(
  lines: readonly string[],
  interactive = false,
): Promise<{ output: string; code: number }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  if (interactive) {
    // A terminal sends each key as it is pressed (readline completes on Tab only outside a paste),
    // ↑ as one escape sequence, and a carriage return for Enter.
    for (const line of lines) {
      for (const key of line === UP ? [UP] : [...line]) input.write(key);
      input.write('\r');
    }
    input.end();
  } else {
    input.end(`${lines.join('\n')}\n`);
  }
  const config = loadConfig({
    DATABASE_URL: 'memory://',
    LOG_LEVEL: 'warn',
    COMMENT_COOLDOWN_SECONDS: '0',
    // The answers checked below are the Taiwan article's.
    DEFAULT_ARTICLE: 'taiwan-talks',
  });
  const code = await runSandbox(config, { input, output, interactive });
  return { output: text, code };
}

/** The answer printed after each echoed line (`ana> /who name:Chase`), in order. */
function exchanges(output: string): { who: string; said: string; answer: string }[] {
  const list: { who: string; said: string; answer: string }[] = [];
  for (const line of output.split('\n')) {
    const echo = /^(\w+)> (.*)$/.exec(line);
    if (echo) list.push({ who: echo[1] ?? '', said: echo[2] ?? '', answer: '' });
    else if (list.length > 0) {
      const last = list[list.length - 1] as { answer: string };
      last.answer += `${line}\n`;
    }
  }
  return list.map((e) => ({ ...e, answer: e.answer.trim() }));
}

const answerTo = (output: string, said: string) => exchanges(output).find((e) => e.said === said)?.answer;

describe('the sandbox console', () => {
  it('runs every example /help lists, each with a real answer', async () => {
    const help = await converse(['/help']);
    const examples = [...help.output.matchAll(/e\.g\. `([^`]+)`/g)].map((m) => m[1] ?? '');
    // Every command /help lists (but /help itself) comes with examples.
    const listed = [...help.output.matchAll(/^-- \/(\w+)$/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThanOrEqual(8);
    for (const name of listed.filter((n) => n !== 'help')) {
      expect(
        examples.some((e) => e.startsWith(`/${name}`)),
        `/${name} has an example`,
      ).toBe(true);
    }

    // One comment to discuss first, so examples about comment #1 have one to show.
    // /moderate needs Manage Messages: its examples run as the moderator.
    const steps = examples.flatMap((e) => (e.startsWith('/moderate') ? ['as mod', e, 'as ana'] : [e]));
    const run = await converse(['/comment add text:The talks were overdue.', ...steps]);
    expect(run.code).toBe(0);
    const answers = exchanges(run.output);
    for (const example of examples) {
      const answer = answers.find((a) => a.said === example)?.answer ?? '(missing)';
      // A real answer has a title (an embed, or the form a command opens); refusals and errors do not.
      expect(answer, example).toMatch(/^== .+ ==$/m);
      expect(answer, example).not.toMatch(/⚠|✖|\(no answer\)/);
    }
  }, 60_000);

  it('reads as a conversation: each piped line echoed before its answer; members switch only to real members', async () => {
    const { output, code } = await converse([
      '/who name:Song',
      'as carol',
      'as bot',
      '/comment add text:Who is Song Yanchao?',
      'as BEN',
      '/comment reply id:1 text:A Major General (¶4).',
    ]);
    expect(code).toBe(0);
    expect(output).toContain('\nana> /who name:Song\n💬 No member comments on Song Yanchao yet.');
    expect(output).toContain(
      '\nana> as carol\n⚠ There is no member “carol” here. Members: ana, ben, mod, owner. You are still ana.\n',
    );
    expect(output).toContain('\nana> as bot\n⚠ Parley is the bot, not a member.');
    expect(answerTo(output, '/comment add text:Who is Song Yanchao?')).toMatch(
      /^== #1 · Ana ==\nWho is Song Yanchao\?/,
    );
    expect(answerTo(output, 'as BEN')).toBe('You are now ben.');
    // The reply pings Ana: the mention prints as her name.
    expect(answerTo(output, '/comment reply id:1 text:A Major General (¶4).')).toMatch(
      /^@Ana, Ben replied to your comment #1\.\n== #2 · Ben ==/,
    );
  }, 60_000);

  it('flags, votes and re-shows a card, suggests while typing, saves an export, keeps a form open on errors', async () => {
    const { output, code } = await converse([
      '/comment add text:The talks were overdue.',
      'as ben',
      'click 3',
      'as mod',
      'click 3',
      'show #1',
      'click 2',
      'complete /who name:ch',
      'complete /comment add stance:',
      'as ana',
      '/comment add',
      'submit text:Almost. stance:nope',
      'submit text:From the form. stance:question',
      '/comment export',
      'save 1',
    ]);
    expect(code).toBe(0);
    const said = exchanges(output);
    const clicks = said.filter((e) => e.said === 'click 3');
    // The private thank-you does not replace the card: a second member flags the same card.
    expect(clicks.map((c) => [c.who, c.answer.split('\n')[1]])).toEqual([
      ['ben', expect.stringMatching(/^Thanks for flagging #1\./)],
      ['mod', expect.stringMatching(/^Thanks for flagging #1\./)],
    ]);
    expect(answerTo(output, 'show #1')).toMatch(
      /^== #1 · Ana ==[\s\S]*\[1\] Reply {3}\[2\] 👍 0 {3}\[3\] Flag$/,
    );
    expect(answerTo(output, 'click 2')).toContain('[2] 👍 1');
    expect(answerTo(output, 'complete /who name:ch')).toMatch(
      /^Suggestions for name:\n {2}China[\s\S]*\n {2}Michael Chase/,
    );
    expect(answerTo(output, 'complete /comment add stance:')).toMatch(/^stance is one of: .*question/);

    expect(answerTo(output, '/comment add')).toMatch(/^== Form: New comment ==/);
    expect(answerTo(output, 'submit text:Almost. stance:nope')).toMatch(
      /^⚠ The field "stance" has no option "nope" \(options: .+\)\.\nThe form is still open. Fill it in with: submit text:…/,
    );
    expect(answerTo(output, 'submit text:From the form. stance:question')).toMatch(
      /^== #2 · Ana · ❓ question ==\nFrom the form\./,
    );

    expect(answerTo(output, '/comment export')).toMatch(/📎 discussion\.md \(\d+ bytes\)$/);
    const saved = /^Saved discussion\.md to (.+)$/.exec(answerTo(output, 'save 1') ?? '');
    const markdown = await readFile(saved?.[1] ?? '(not saved)', 'utf8');
    expect(markdown).toContain('The talks were overdue.');
    expect(markdown).toContain('From the form.');
  }, 60_000);

  it('answers mistakes in plain words, never with the emulator’s', async () => {
    const { output, code } = await converse([
      '/comment',
      '/comment nope',
      '/comment reply id:',
      '/comment reply text:hello',
      '/summary length:huge',
      '/who nme:x',
      '/article paragraph:two',
      '/comment moderate id:1 action:restore',
      'click 9',
      'save 1',
      'submit text:hi',
      'show #99',
      'complete /ask question:wh',
      'complete /nope',
      '/comment add',
      'submit on:¶5',
      'submit text:',
      'as carol',
      'as bot',
      'who name:Chase',
    ]);
    expect(code).toBe(0);
    const answers = exchanges(output);
    expect(answers).toHaveLength(20);
    for (const { said, answer } of answers) {
      expect(answer, said).not.toBe('');
      expect(answer, said).not.toMatch(
        /force|modal|custom.?id|emulator|known:|default_member_permissions|interaction \d|REST|undefined|\[object/i,
      );
    }
    expect(answerTo(output, '/comment reply id:')).toBe('⚠ /comment reply: id is required');
    expect(answerTo(output, 'submit on:¶5')).toMatch(
      /^⚠ The form has no field “on” \(fields: text, stance\)\./,
    );
    expect(answerTo(output, 'submit text:')).toMatch(
      /^⚠ The field "text" is required\.\nThe form is still open/,
    );
  }, 60_000);

  it('edits lines like a terminal when interactive: a prompt, history (↑) and Tab for command names', async () => {
    const { output, code } = await converse(['/who name:Song', UP, '/su\t length:brief', 'quit'], true);
    expect(code).toBe(0);
    expect(output).toContain('ana> ');
    // ↑ brought back /who name:Song: its answer shows twice, and nothing was echoed as piped input is.
    expect(output.split('== Song Yanchao ==')).toHaveLength(3);
    // Tab completed /su to /summary.
    expect(output).toContain('[Summary (brief)');
    expect(output).not.toContain('There is no command');
  }, 60_000);
});
