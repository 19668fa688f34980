import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  describeErrors,
  type EmulatedMessage,
  type EmulatedModal,
  type Emulator,
  EmulatorUsageError,
  type InteractionResult,
  type OptionValue,
  startEmulator,
} from '@parley/discord-emulator';
import {
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  ApplicationCommandOptionType as T,
} from 'discord.js';
import type { Config } from '../src/config.js';
import { deployCommands } from '../src/discord/deploy.js';
import { createLogger } from '../src/logger.js';
import { type RunningBot, startBot } from '../src/start.js';
import { parseConsoleLine } from './parse.js';
import { buttonsOf, renderMessage } from './render.js';

export const SANDBOX_BANNER =
  'Parley offline sandbox: no DISCORD_TOKEN is set, so Parley is talking to a local stand-in for Discord. To run for real, put DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see README).';

const CONSOLE_HELP = `Type a slash command as you would in Discord, e.g.
  /summary length:brief        /who name:Chase        /article paragraph:5
  /comment add text:"I disagree" on:¶5      (quote values that have spaces)
Then: click N (press button N under the last answer), submit field:"…" (fill the open form),
as NAME (act as another member: ana, ben, mod), quit. /help lists every command.`;

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Converts typed text to each option's type, as Discord's client would before sending. */
export function typedOptions(
  definition: Definition,
  words: string[],
  raw: Record<string, string>,
): { name: string; options: Record<string, OptionValue> } {
  let defs: readonly APIApplicationCommandOption[] = definition.options ?? [];
  const path = [definition.name];
  for (const word of words) {
    const sub = defs.find(
      (o) => (o.type === T.Subcommand || o.type === T.SubcommandGroup) && o.name === word.toLowerCase(),
    );
    if (!sub || !('options' in sub)) {
      throw new EmulatorUsageError(`/${path.join(' ')} has no subcommand “${word}”.`);
    }
    path.push(sub.name);
    defs = sub.options ?? [];
  }
  const subs = defs.filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
  if (subs.length > 0) {
    throw new EmulatorUsageError(`/${path.join(' ')} needs one of: ${subs.map((s) => s.name).join(', ')}.`);
  }
  const options: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const def = defs.find((o) => o.name === key);
    if (!def) {
      const known = defs.map((o) => o.name).join(', ') || 'none';
      throw new EmulatorUsageError(`/${path.join(' ')} has no option “${key}” (options: ${known}).`);
    }
    if (def.type === T.Integer || def.type === T.Number) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || (def.type === T.Integer && !Number.isInteger(n))) {
        throw new EmulatorUsageError(`${key} must be a ${def.type === T.Integer ? 'whole ' : ''}number.`);
      }
      options[key] = n;
    } else if (def.type === T.Boolean) {
      if (!/^(true|false)$/i.test(value)) throw new EmulatorUsageError(`${key} must be true or false.`);
      options[key] = value.toLowerCase() === 'true';
    } else {
      options[key] = value;
    }
  }
  return { name: path.join(' '), options };
}

export interface SandboxIO {
  input: Readable;
  output: Writable;
  /** Show a prompt (interactive terminal). */
  interactive: boolean;
}

/**
 * The offline sandbox: starts the emulator and the bot exactly as production does (only the API
 * URL differs), registers the commands, then reads commands line by line. Returns the exit code.
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
  await deployCommands(bot.commands.values(), {
    token: emulator.token,
    clientId: emulator.applicationId,
    guildId: guild?.id,
    apiUrl: emulator.apiUrl,
  });
  const session = new SandboxSession(emulator, bot, say);
  say(
    `Ready. You are ${session.user} in “${guild?.name ?? 'a server'}”. Type help for how this works, quit to leave.`,
  );

  const lines = createInterface({ input: io.input, terminal: false });
  const prompt = () => io.interactive && io.output.write(`${session.user}> `);
  prompt();
  for await (const line of lines) {
    if (!(await session.handle(line))) break;
    prompt();
  }
  lines.close();
  await bot.stop();
  await emulator.close();
  return session.failures > 0 ? 1 : 0;
}

/** One person at the console: who they act as, and the last message and form they saw. */
class SandboxSession {
  user = 'ana';
  failures = 0;
  #lastMessage: EmulatedMessage | undefined;
  #lastModal: EmulatedModal | undefined;

  constructor(
    private readonly emulator: Emulator,
    private readonly bot: RunningBot,
    private readonly say: (text: string) => void,
  ) {}

  /** Handles one line; false means quit. */
  async handle(line: string): Promise<boolean> {
    const input = parseConsoleLine(line);
    try {
      switch (input.kind) {
        case 'empty':
          return true;
        case 'quit':
          return false;
        case 'help':
          this.say(CONSOLE_HELP);
          return true;
        case 'error':
          this.say(`⚠ ${input.message}`);
          return true;
        case 'as':
          this.emulator.world.user(input.user);
          this.user = input.user.toLowerCase();
          this.say(`You are now ${this.user}.`);
          return true;
        case 'click':
          return await this.#click(input.button);
        case 'submit':
          return await this.#submit(input.values);
        case 'command':
          return await this.#command(input.name, input.words, input.options);
      }
    } catch (error) {
      if (error instanceof EmulatorUsageError) {
        this.say(`⚠ ${error.message}`);
        return true;
      }
      this.failures++;
      this.say(`✖ ${error instanceof Error ? error.message : String(error)}`);
      return true;
    }
  }

  async #command(name: string, words: string[], raw: Record<string, string>): Promise<boolean> {
    const command = this.bot.commands.get(name);
    if (!command) {
      const names = [...this.bot.commands.keys()].map((n) => `/${n}`).join(' ');
      this.say(`⚠ There is no command /${name}. Commands: ${names}`);
      return true;
    }
    const typed = typedOptions(command.data.toJSON(), words, raw);
    this.#show(await this.emulator.command({ user: this.user, name: typed.name, options: typed.options }));
    return true;
  }

  async #click(n: number): Promise<boolean> {
    const message = this.#lastMessage;
    const button = message ? buttonsOf(message).find((b) => b.number === n) : undefined;
    if (!message || !button) {
      this.say('⚠ There is no such button under the last answer.');
      return true;
    }
    this.#show(await this.emulator.click(message, { user: this.user, customId: button.customId }));
    return true;
  }

  async #submit(values: Record<string, string>): Promise<boolean> {
    const modal = this.#lastModal;
    if (!modal) {
      this.say(
        '⚠ No form is open. A form opens when a command needs more text (e.g. /comment add without text).',
      );
      return true;
    }
    this.#lastModal = undefined;
    this.#show(await this.emulator.submitModal(modal, { user: this.user, values }));
    return true;
  }

  #show(result: InteractionResult): void {
    if (result.errors.length > 0) {
      this.failures++;
      this.say(`✖ Discord refused the bot's answer: ${describeErrors(result.errors)}`);
    }
    const modal = result.modal;
    if (modal) {
      this.#lastModal = modal;
      const fields = modalFieldIds(modal);
      this.say(`== Form: ${modal.title} ==`);
      this.say(`Fill it in with: submit ${fields.map((f) => `${f}:"…"`).join(' ')}`);
      return;
    }
    const message = result.message;
    if (message) {
      this.#lastMessage = message;
      this.say(renderMessage(message));
    }
    for (const followUp of result.followUps) {
      this.#lastMessage = followUp;
      this.say(renderMessage(followUp));
    }
    if (!message && !modal && result.followUps.length === 0) this.say('(no answer)');
  }
}

/** The text inputs' custom ids of a modal, in order. */
function modalFieldIds(modal: EmulatedModal): string[] {
  const ids: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: number; custom_id?: string; components?: unknown[]; component?: unknown };
    if (n.type === 4 && n.custom_id) ids.push(n.custom_id);
    for (const child of n.components ?? []) walk(child);
    if (n.component) walk(n.component);
  };
  for (const top of modal.components) walk(top);
  return ids;
}
