import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import type { Responder } from './responder.js';

/** The context a handler sees: the shared ctx plus the responder for this one interaction. */
export interface HandlerCtx extends Ctx {
  respond: Responder;
  /** Every loaded command (for /help). */
  commands: ReadonlyMap<string, Command>;
}

/** The part of a SlashCommandBuilder the bot relies on. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/**
 * One slash command: `commands/<name>.ts` exports `data` and `execute` (and optionally
 * handlers for its own autocomplete, buttons and modals) and ends in `satisfies Command`.
 *
 * Component custom ids start with the command's name (see custom-ids.ts); the router sends them to
 * that command's `button`/`modal`, which decodes the id with its own codec.
 */
export interface Command {
  data: CommandData;
  /**
   * How a slow answer is deferred (the Responder's auto-defer): `ephemeral` for a command that answers
   * privately, so its "thinking…" is not shown to everyone. Default: public.
   */
  defer?: 'ephemeral' | 'public';
  execute(interaction: ChatInputCommandInteraction, ctx: HandlerCtx): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: Ctx): Promise<void>;
  button?(interaction: ButtonInteraction, ctx: HandlerCtx): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, ctx: HandlerCtx): Promise<void>;
  /** Example invocations for /help, drawn from the article model (never hard-coded facts). */
  examples?(article: Article): string[];
}
