import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Ctx } from '../context.js';

/** The part of a SlashCommandBuilder the bot relies on. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/**
 * One slash command: `commands/<name>.ts` exports `data` and `execute` (and optionally
 * handlers for its own autocomplete, buttons and modals) and ends in `satisfies Command`.
 *
 * Component custom ids start with the command's name: `<name>:<action>:<args…>`; the router
 * sends them to that command's `button`/`modal` with the parts after the name.
 */
export interface Command {
  data: CommandData;
  execute(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: Ctx): Promise<void>;
  button?(interaction: ButtonInteraction, ctx: Ctx, args: string[]): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, ctx: Ctx, args: string[]): Promise<void>;
}
