import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  describeErrors,
  type EmulatedMessage,
  type EmulatedModal,
  type Emulator,
  EmulatorTimeoutError,
  EmulatorUsageError,
  type InteractionResult,
  startEmulator,
  type WorldGuild,
} from '@parley/discord-emulator';
import { ApplicationCommandOptionType } from 'discord.js';
import type { Config } from '../src/config.js';
import { deployCommands } from '../src/discord/deploy.js';
import { createLogger } from '../src/logger.js';
import { type RunningBot, startBot } from '../src/start.js';
import { readCommandArgs, readFormArgs } from './args.js';
import { formFields, renderForm } from './form.js';
import { parseConsoleLine } from './parse.js';
import { buttonsOf, type MentionNames, renderMessage } from './render.js';

export const SANDBOX_BANNER =
  'Parley offline sandbox: no DISCORD_TOKEN is set, so Parley is talking to a local stand-in for Discord. To run for real, put DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see README).';

const consoleHelp = (members: readonly string[]) => `Type a slash command as you would in Discord, e.g.
  /summary length:brief      /who name:Chase      /ask question:Who is Michael Chase?
  /comment add on:¶5 text:I disagree with this    (a text option runs to the next option)
Then:
  click N                  press button N under the last answer
  submit field:…           fill in the open form, e.g. submit text:My comment
  complete /who name:ch    see the suggestions Discord shows while you type
  show #N                  see comment #N again, with its buttons
  save N                   save file N (📎) of the last answer and print where it is
  as NAME                  act as another member: ${members.join(', ')}
  quit                     leave (Ctrl+D too)
/help lists every command.`;

export interface SandboxIO {
  input: Readable;
  output: Writable;
  /** Show a prompt (interactive terminal). */
  interactive: boolean;
}

/**
 * The offline sandbox: starts the emulator and the bot exactly as production does (only the API
 * URL differs), registers the commands, then reads commands line by line. Piped input is echoed
 * before each answer, so the output reads as a conversation. Returns the exit code.
 */
export async function runSandbox(
  config: Config,
  io: SandboxIO = { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true },
): Promise<number> {
  const say = (text: string) => io.output.write(`${text}\n`);
  say(SANDBOX_BANNER);

  const emulator = await startEmulator({ token: 'sandbox-token', replyTimeoutMs: 10_000 });
  // The console is the interface here; logs only speak up for problems.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let bot: RunningBot;
  try {
    bot = await startBot({ ...config, token: emulator.token, apiUrl: emulator.apiUrl }, { logger });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const guild = emulator.world.guilds[0];
  if (!guild) throw new Error('The sandbox world has no server.');
  await deployCommands(bot.commands.values(), {
    token: emulator.token,
    clientId: emulator.applicationId,
    guildId: guild.id,
    apiUrl: emulator.apiUrl,
  });
  const session = new SandboxSession(emulator, bot, guild, say);
  say(`Ready. You are ${session.user} in “${guild.name}”. Type help for how this works, quit to leave.`);
  say('');

  const words = ['help', 'quit', 'click', 'submit', 'complete', 'show', 'save', 'as'];
  const names = [...words, ...[...bot.commands.keys()].map((n) => `/${n}`)];
  const lines = io.interactive
    ? createInterface({
        input: io.input,
        output: io.output,
        terminal: true,
        historySize: 500,
        removeHistoryDuplicates: true,
        completer: (line: string): [string[], string] => {
          if (/\s/.test(line)) return [[], line];
          const hits = names.filter((n) => n.startsWith(line.toLowerCase()));
          return [hits.length > 0 ? hits : names, line];
        },
      })
    : createInterface({ input: io.input, terminal: false });
  const prompt = () => {
    if (!io.interactive) return;
    lines.setPrompt(`${session.user}> `);
    lines.prompt();
  };
  prompt();
  for await (const line of lines) {
    // Piped: echo what was "typed", so the output reads as a conversation.
    if (!io.interactive && line.trim() !== '') say(`${session.user}> ${line.trim()}`);
    const more = await session.handle(line);
    if (line.trim() !== '' && !line.trim().startsWith('//')) say('');
    if (!more) break;
    prompt();
  }
  lines.close();
  await bot.stop();
  await emulator.close();
  return session.failures > 0 ? 1 : 0;
}

type Handled = boolean;

/** One person at the console: who they act as, and the answers, buttons and form they last saw. */
class SandboxSession {
  user = 'ana';
  failures = 0;
  /** The last answer shown (what `save N` saves from). */
  #last: EmulatedMessage | undefined;
  /** The last answer with buttons, and who saw it (what `click N` presses). */
  #clickable: { message: EmulatedMessage; owner: string } | undefined;
  #form: EmulatedModal | undefined;
  #saveDir: string | undefined;

  constructor(
    private readonly emulator: Emulator,
    private readonly bot: RunningBot,
    private readonly guild: WorldGuild,
    private readonly say: (text: string) => void,
  ) {}

  get #members(): string[] {
    return this.guild.members.filter((m) => !m.user.bot).map((m) => m.user.key);
  }

  readonly #names: MentionNames = {
    user: (id) => {
      const user = this.emulator.world.findUser(id);
      if (!user) return undefined;
      return this.emulator.world.member(this.guild, user)?.nick ?? user.globalName ?? user.username;
    },
    role: (id) => this.guild.roles.find((r) => r.id === id)?.name,
    channel: (id) => this.emulator.world.findChannel(id)?.name,
  };

  /** Handles one line; false means quit. */
  async handle(line: string): Promise<Handled> {
    const input = parseConsoleLine(line);
    try {
      switch (input.kind) {
        case 'empty':
          return true;
        case 'quit':
          return false;
        case 'help':
          this.say(consoleHelp(this.#members));
          return true;
        case 'error':
          this.say(`⚠ ${input.message}`);
          return true;
        case 'as':
          this.#as(input.user);
          return true;
        case 'click':
          await this.#click(input.button);
          return true;
        case 'submit':
          await this.#submit(input.args);
          return true;
        case 'show':
          await this.#showComment(input.comment);
          return true;
        case 'save':
          await this.#save(input.attachment);
          return true;
        case 'complete':
          await this.#complete(input.name, input.args);
          return true;
        case 'command':
          await this.#command(input.name, input.args);
          return true;
      }
    } catch (error) {
      if (error instanceof EmulatorTimeoutError) {
        this.failures++;
        this.say('✖ Parley did not answer in time (in Discord: “The application did not respond”).');
      } else if (error instanceof EmulatorUsageError) {
        this.say(`⚠ ${error.reason}`);
      } else {
        this.failures++;
        this.say(`✖ ${error instanceof Error ? error.message : String(error)}`);
      }
      return true;
    }
  }

  #as(name: string): void {
    const key = name.toLowerCase().replace(/^@/, '');
    const user = this.emulator.world.findUser(key);
    const still = `You are still ${this.user}.`;
    if (user?.bot) {
      this.say(`⚠ Parley is the bot, not a member. Members: ${this.#members.join(', ')}. ${still}`);
    } else if (!user || !this.emulator.world.member(this.guild, user)) {
      this.say(`⚠ There is no member “${name}” here. Members: ${this.#members.join(', ')}. ${still}`);
    } else {
      this.user = user.key;
      this.say(`You are now ${this.user}.`);
    }
  }

  #definition(name: string) {
    const command = this.bot.commands.get(name);
    if (!command) {
      const names = [...this.bot.commands.keys()].map((n) => `/${n}`).join(' ');
      this.say(`⚠ There is no command /${name}. Commands: ${names}`);
      return undefined;
    }
    return command.data.toJSON();
  }

  async #command(name: string, args: string): Promise<void> {
    const definition = this.#definition(name);
    if (!definition) return;
    const read = readCommandArgs(definition, args);
    if (!read.ok) return this.say(`⚠ ${read.message}`);
    const { name: full, options } = read.value;
    this.#answer(await this.emulator.command({ user: this.user, name: full, options }));
  }

  async #complete(name: string, args: string): Promise<void> {
    const definition = this.#definition(name);
    if (!definition) return;
    const read = readCommandArgs(definition, args);
    if (!read.ok) return this.say(`⚠ ${read.message}`);
    const { name: full, options, written, specs } = read.value;
    const typing = specs.find((s) => s.name === written.at(-1));
    if (!typing) {
      const example = specs.find((s) => s.autocomplete)?.name ?? specs[0]?.name ?? 'option';
      return this.say(`⚠ Say which option you are typing in, e.g. complete /${full} ${example}:…`);
    }
    if (typing.choices?.length) {
      return this.say(`${typing.name} is one of: ${typing.choices.map((c) => c.value).join(', ')}`);
    }
    if (!typing.autocomplete) {
      const kind = typing.type === ApplicationCommandOptionType.String ? 'any text' : 'a number';
      return this.say(`${typing.name} has no suggestions: it takes ${kind}.`);
    }
    const choices = await this.emulator.autocomplete({
      user: this.user,
      name: full,
      options,
      focused: typing.name,
    });
    if (choices.length === 0) return this.say(`No suggestions for “${options[typing.name] ?? ''}”.`);
    this.say(`Suggestions for ${typing.name}:`);
    for (const c of choices) {
      const value = String(c.value);
      this.say(`  ${c.name}${value === c.name ? '' : `   → ${typing.name}:${value}`}`);
    }
  }

  async #click(n: number): Promise<void> {
    const target = this.#clickable;
    if (!target) return this.say('⚠ There are no buttons to press yet: run a command first.');
    const message = this.emulator.message(target.message.id);
    if (!message || message.deleted) return this.say('⚠ The message with those buttons is gone.');
    if (message.ephemeral && target.owner !== this.user) {
      return this.say(
        `⚠ Those buttons are on an answer only ${target.owner} can see. Run the command again as ${this.user}, or show #N for a comment.`,
      );
    }
    const buttons = buttonsOf(message);
    const button = buttons.find((b) => b.number === n);
    if (!button) {
      const list = buttons.map((b) => `[${b.number}] ${b.label}`).join('  ');
      return this.say(`⚠ There is no button ${n} under the last answer. Its buttons: ${list || 'none'}`);
    }
    if (button.disabled) return this.say(`⚠ Button ${n} (${button.label}) is disabled.`);
    this.#answer(await this.emulator.click(message, { user: this.user, customId: button.customId }));
  }

  async #submit(args: string): Promise<void> {
    const form = this.#form;
    if (!form) {
      return this.say(
        '⚠ No form is open. A form opens when a command needs more text (e.g. /comment add without text).',
      );
    }
    const owner = this.emulator.world.user(form.user_id).key;
    if (owner !== this.user) {
      return this.say(`⚠ The open form is ${owner}'s. Switch back with as ${owner} to send it.`);
    }
    const still = () => this.say(`The form is still open. ${renderForm(form).split('\n').at(-1) ?? ''}`);
    const read = readFormArgs(
      formFields(form).map((f) => f.id),
      args,
    );
    if (!read.ok) {
      this.say(`⚠ ${read.message}`);
      return still();
    }
    let result: InteractionResult;
    try {
      result = await this.emulator.submitModal(form, { user: this.user, values: read.value });
    } catch (error) {
      if (!(error instanceof EmulatorUsageError) || error instanceof EmulatorTimeoutError) throw error;
      this.say(`⚠ ${error.reason}.`);
      return still();
    }
    this.#form = undefined;
    this.#answer(result);
  }

  /** Comment #N's card again: the newest one posted in this server, else its thread. */
  async #showComment(n: number): Promise<void> {
    const card = this.emulator
      .messages()
      .filter(
        (m) =>
          !m.deleted &&
          !m.ephemeral &&
          m.guild_id === this.guild.id &&
          m.embeds[0]?.title?.startsWith(`#${n} ·`) === true,
      )
      .at(-1);
    if (!card) return this.#command('comment', `thread id:${n}`);
    this.#display(card);
  }

  async #save(n: number): Promise<void> {
    const files = this.#last?.attachments ?? [];
    const file = files[n - 1];
    if (!file) {
      return this.say(
        files.length === 0
          ? '⚠ The last answer has no 📎 files (/comment export sends one).'
          : `⚠ The last answer has ${files.length} file${files.length === 1 ? '' : 's'}: save 1${files.length > 1 ? `…${files.length}` : ''}.`,
      );
    }
    this.#saveDir ??= await mkdtemp(join(tmpdir(), 'parley-sandbox-'));
    const name = basename(file.filename) || 'file';
    let path = join(this.#saveDir, name);
    for (let i = 2; existsSync(path); i++) {
      const ext = extname(name);
      path = join(this.#saveDir, `${basename(name, ext)}-${i}${ext}`);
    }
    await writeFile(path, file.data);
    this.say(`Saved ${file.filename} to ${path}`);
  }

  #answer(result: InteractionResult): void {
    if (result.errors.length > 0) {
      this.failures++;
      this.say(`✖ Discord refused Parley's answer: ${describeErrors(result.errors)}`);
    }
    if (result.modal) {
      this.#form = result.modal;
      this.say(renderForm(result.modal));
      return;
    }
    const shown = [result.message, ...result.followUps].filter((m): m is EmulatedMessage => m !== null);
    for (const message of shown) this.#display(message);
    if (shown.length === 0) this.say('(no answer)');
  }

  #display(message: EmulatedMessage): void {
    this.#last = message;
    if (buttonsOf(message).length > 0) this.#clickable = { message, owner: this.user };
    this.say(renderMessage(message, this.#names));
  }
}
