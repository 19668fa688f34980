import { type AutocompleteInteraction, DiscordAPIError, HTTPError, type Interaction } from 'discord.js';
import type { Ctx } from '../context.js';
import { isUserError, OutageError } from '../errors.js';
import type { Command } from './command.js';
import { commandOf } from './custom-ids.js';
import { DISCORD_FAILED, genericFailure, RESTARTING, UNKNOWN_COMPONENT, unknownCommand } from './messages.js';
import { Responder } from './responder.js';

/**
 * Discord refused the answer because the interaction expired (10062: not acknowledged within 3 s)
 * or was already acknowledged (40060): a slow moment or a duplicate, not a bug to fix, so a warning.
 */
const EXPIRED_CODES: ReadonlySet<unknown> = new Set([10062, 40060]);
const expiredInteraction = (error: unknown) =>
  error instanceof DiscordAPIError && EXPIRED_CODES.has(error.code);

export interface RouterOptions {
  /** Removes secrets (the token) from error text before it is logged. */
  scrub?: (text: string) => string;
  /** When a handler may take this long, defer. Tests shorten it. */
  autoDeferMs?: number;
  /**
   * Claims an interaction for this process across every process sharing the store (true: ours).
   * Runs before anything else; the loser stays silent. Absent: every interaction is ours.
   */
  claim?: (interactionId: string) => Promise<boolean>;
  /** Told how each answered interaction went (metrics). */
  observe?: (event: InteractionOutcome) => void;
}

/** How an interaction ended, for metrics: one label per way the router answers. */
export type Outcome = 'ok' | 'user_error' | 'store_error' | 'discord_error' | 'error' | 'restarting';

export interface InteractionOutcome {
  /** `summary`, `comment add`, `comment (button)`…; `unknown` for what no command handles. */
  command: string;
  outcome: Outcome;
  seconds: number;
}

/** A bounded label: the command (and subcommand), or what kind of component it came from. */
function commandLabel(interaction: Interaction, commands: ReadonlyMap<string, Command>): string {
  if (interaction.isChatInputCommand()) {
    if (!commands.has(interaction.commandName)) return 'unknown';
    const sub = interaction.options.getSubcommand(false);
    return sub ? `${interaction.commandName} ${sub}` : interaction.commandName;
  }
  if (interaction.isButton() || interaction.isModalSubmit()) {
    const name = commandOf(interaction.customId);
    return commands.has(name) ? `${name} (${interaction.isButton() ? 'button' : 'modal'})` : 'unknown';
  }
  return 'unknown';
}

/**
 * Interaction ids remembered to drop a second delivery of the same event (a RESUME replays
 * everything after the sequence the client sent, which can include an event it already handled).
 * Interactions live 15 minutes; this many covers far more than a resume window.
 */
const REMEMBERED_IDS = 10_000;

/**
 * The one entry point for interactions: finds the command, runs it with a responder, and owns
 * the single error path. User errors are answered as they are; anything else is logged with the
 * interaction id and answered generically, so a user never sees "This interaction failed".
 */
export function createRouter(commands: ReadonlyMap<string, Command>, ctx: Ctx, options: RouterOptions = {}) {
  const inFlight = new Set<Promise<void>>();
  const seen = new Set<string>();
  let closed = false;
  const scrubbed = options.scrub ?? ((text: string) => text);
  /** Commands whose autocomplete is failing because of an outage (logged once per streak). */
  const outageStreaks = new Set<string>();

  /** True the first time an interaction id is seen. */
  function firstDelivery(id: string): boolean {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > REMEMBERED_IDS) {
      const oldest = seen.values().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
    return true;
  }

  /** Whether this process handles the interaction (another bot process may have claimed it). */
  async function claimed(interaction: Interaction): Promise<boolean> {
    if (!options.claim) return true;
    try {
      if (await options.claim(interaction.id)) return true;
      ctx.logger.info({ interactionId: interaction.id }, 'interaction claimed by another process');
      return false;
    } catch (error) {
      // The store is down or slow: better a rare duplicate than a member left without an answer.
      ctx.logger.warn(
        { interactionId: interaction.id, err: error instanceof Error ? error.message : String(error) },
        'could not claim the interaction; handling it anyway',
      );
      return true;
    }
  }

  /** After close(): a short answer, so nobody sees "This interaction failed" during a restart. */
  async function refuse(interaction: Interaction): Promise<void> {
    if (interaction.isRepliable())
      options.observe?.({ command: commandLabel(interaction, commands), outcome: 'restarting', seconds: 0 });
    if (interaction.isAutocomplete()) {
      await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      await new Responder(interaction).send({ content: RESTARTING, ephemeral: true });
    }
  }

  async function route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (!interaction.isRepliable()) return;

    const respond = new Responder(interaction);
    const handlerCtx = { ...ctx, respond, commands };
    const started = performance.now();
    let outcome: Outcome = 'ok';
    const target = interaction.isChatInputCommand()
      ? commands.get(interaction.commandName)
      : interaction.isMessageComponent() || interaction.isModalSubmit()
        ? commands.get(commandOf(interaction.customId))
        : undefined;
    respond.armAutoDefer(options.autoDeferMs, target?.defer);
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) {
          await respond.send({ content: unknownCommand(interaction.commandName), ephemeral: true });
          return;
        }
        await command.execute(interaction, handlerCtx);
      } else if (interaction.isButton() || interaction.isModalSubmit()) {
        const command = commands.get(commandOf(interaction.customId));
        const handler = interaction.isButton() ? command?.button : command?.modal;
        if (!command || !handler) {
          await respond.send({ content: UNKNOWN_COMPONENT, ephemeral: true });
          return;
        }
        if (interaction.isButton()) await command.button?.(interaction, handlerCtx);
        else await command.modal?.(interaction, handlerCtx);
      }
    } catch (error) {
      outcome = await fail(respond, error);
    } finally {
      respond.disarm();
      options.observe?.({
        command: commandLabel(interaction, commands),
        outcome,
        seconds: (performance.now() - started) / 1000,
      });
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = commands.get(interaction.commandName);
    try {
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
      if (outageStreaks.delete(interaction.commandName))
        ctx.logger.info({ command: interaction.commandName }, 'autocomplete works again');
    } catch (error) {
      if (!(error instanceof OutageError)) log(interaction, error, 'autocomplete failed');
      else if (outageStreaks.has(interaction.commandName))
        // Every keystroke during an outage would log the same stack: once per streak is enough.
        ctx.logger.debug({ interactionId: interaction.id }, 'autocomplete failed (outage already logged)');
      else {
        outageStreaks.add(interaction.commandName);
        log(interaction, error, `autocomplete failed: ${error.logLine} (logged once until it works again)`);
      }
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function fail(respond: Responder, error: unknown): Promise<Outcome> {
    const interaction = respond.interaction;
    let content: string;
    let outcome: Outcome = 'error';
    if (isUserError(error)) {
      outcome = 'user_error';
      content = error.message;
      ctx.logger.debug({ interactionId: interaction.id, reason: error.identifier }, 'user error');
    } else if (error instanceof OutageError) {
      outcome = 'store_error';
      content = error.replyText();
      log(interaction, error, error.logLine);
    } else if (error instanceof HTTPError) {
      // Discord answered 5xx to a request even after @discordjs/rest's retries — usually our
      // reply itself, after the work (maybe a saved comment) was done.
      outcome = 'discord_error';
      content = DISCORD_FAILED;
      log(interaction, error, 'Discord server error while answering');
    } else {
      // The member quotes the interaction id; the log line carries the same id.
      content = genericFailure(interaction.id);
      log(interaction, error, 'interaction failed');
    }
    try {
      await respond.send({ content, ephemeral: true });
    } catch (sendError) {
      log(interaction, sendError, 'could not deliver the error reply');
    }
    return outcome;
  }

  function log(interaction: Interaction, error: unknown, message: string): void {
    const err = error instanceof Error ? error : new Error(String(error));
    const level = expiredInteraction(error) ? 'warn' : 'error';
    ctx.logger[level](
      {
        interactionId: interaction.id,
        guildId: interaction.guildId,
        err: {
          name: err.name,
          message: scrubbed(err.message),
          stack: scrubbed(err.stack ?? ''),
        },
      },
      message,
    );
  }

  return {
    /** Handles one interaction; never throws. */
    handle(interaction: Interaction): Promise<void> {
      ctx.logger.debug(
        { interactionId: interaction.id, guildId: interaction.guildId },
        'interaction received',
      );
      if (!firstDelivery(interaction.id)) {
        // Answering it again would fail with 40060 — and run the command (e.g. add a comment) twice.
        ctx.logger.info({ interactionId: interaction.id }, 'duplicate interaction delivery ignored');
        return Promise.resolve();
      }
      const task = (async () => {
        if (!(await claimed(interaction))) return;
        await (closed ? refuse(interaction) : route(interaction));
      })().catch((error: unknown) => log(interaction, error, 'router failed'));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      return task;
    },
    /** Stops taking new work: interactions from now on are answered "restarting, try again". */
    close(): void {
      closed = true;
    },
    /** Resolves when every interaction in progress has been answered (graceful shutdown). */
    async drain(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
