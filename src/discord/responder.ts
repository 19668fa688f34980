import {
  AttachmentBuilder,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalBuilder,
  type RepliableInteraction,
} from 'discord.js';
import type { PostedMessage } from './channel-messages.js';
import { discordError } from './messages.js';
import type { Reply } from './payload.js';

/** Discord drops an interaction that is not acknowledged within 3 s; defer well before that. */
export const AUTO_DEFER_MS = 2_000;

/** Turns a builder's plain payload into discord.js options. Nobody is pinged unless the reply says so. */
export function toOptions(reply: Reply) {
  return {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowedMentions: reply.allowedMentions ?? { parse: [] },
    files: (reply.files ?? []).map((f) =>
      new AttachmentBuilder(f.data, { name: f.name }).setDescription(f.description ?? f.name),
    ),
  } satisfies InteractionEditReplyOptions;
}

/** Whether a reply means to notify someone (only a new message does: edits never ping). */
const pings = (reply: Reply): boolean => {
  const am = reply.allowedMentions;
  return (am?.users?.length ?? 0) > 0 || (am?.roles?.length ?? 0) > 0 || (am?.parse?.length ?? 0) > 0;
};

/** Options for a new message (reply or follow-up), which may be ephemeral. */
function messageOptions(reply: Reply): InteractionReplyOptions {
  return reply.ephemeral ? { ...toOptions(reply), flags: MessageFlags.Ephemeral } : toOptions(reply);
}

/**
 * The single place that talks back to Discord for one interaction. It picks reply, editReply,
 * update or followUp from the interaction's state, serialises every response (so the auto-defer
 * timer can never race a reply into a double acknowledgement), and defers when a handler is slow.
 */
export class Responder {
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  /** Whether our own defer was ephemeral (null: we did not defer a reply). */
  #deferredEphemeral: boolean | null = null;

  constructor(readonly interaction: RepliableInteraction) {}

  get acknowledged(): boolean {
    return this.interaction.deferred || this.interaction.replied;
  }

  /** Defers after `ms` unless a response went out first. Component clicks defer as an update. */
  armAutoDefer(ms = AUTO_DEFER_MS, visibility: 'ephemeral' | 'public' = 'public'): void {
    this.#timer = setTimeout(() => {
      void this.#serial(async () => {
        if (this.acknowledged) return;
        const i = this.interaction;
        if (i.isMessageComponent()) {
          await i.deferUpdate();
        } else {
          const ephemeral = visibility === 'ephemeral';
          await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
          this.#deferredEphemeral = ephemeral;
        }
      }).catch(() => {
        // The handler's own response (or the error path) reports failures.
      });
    }, ms);
    this.#timer.unref();
  }

  disarm(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  /**
   * A new message answering the interaction (or a follow-up once one exists). Resolves to the
   * message's channel and id when it is public (so a comment card can be found again), else undefined.
   */
  send(reply: Reply): Promise<PostedMessage | undefined> {
    return this.#serial(async () => {
      const i = this.interaction;
      let sent:
        | { id: string; channelId: string; flags: { has(bit: MessageFlags): boolean } }
        | null
        | undefined;
      if (!this.acknowledged) {
        sent = (await i.reply({ ...messageOptions(reply), withResponse: true })).resource?.message;
      } else if (i.deferred && !i.replied && !i.isMessageComponent()) {
        const ephemeral = reply.ephemeral === true;
        if ((this.#deferredEphemeral !== null && ephemeral !== this.#deferredEphemeral) || pings(reply)) {
          // A "thinking…" cannot change who sees it, and filling it in is an edit, which notifies
          // nobody it mentions: remove it and answer with a new message.
          await i.deleteReply();
          sent = await i.followUp(messageOptions(reply));
        } else {
          sent = await i.editReply(toOptions(reply));
        }
      } else {
        sent = await i.followUp(messageOptions(reply));
      }
      if (!sent || sent.flags.has(MessageFlags.Ephemeral)) return undefined;
      return { channelId: sent.channelId, messageId: sent.id };
    });
  }

  /** Replaces the message a button sits on (pagination, vote counts). */
  update(reply: Reply): Promise<void> {
    return this.#serial(async () => {
      const i = this.interaction;
      if (!i.isMessageComponent()) {
        throw new Error('update() needs a component interaction');
      }
      if (!this.acknowledged) await i.update(toOptions(reply));
      else if (i.deferred && !i.replied) await i.editReply(toOptions(reply));
      else await i.followUp(messageOptions(reply));
    });
  }

  /** A modal must be the first response. */
  showModal(modal: ModalBuilder): Promise<void> {
    return this.#serial(async () => {
      const i = this.interaction;
      if (i.isModalSubmit()) throw new Error('A modal cannot answer a modal submission');
      if (this.acknowledged) {
        // The handler was slow (the store, usually) and we deferred to beat Discord's 3 s: a form
        // can no longer be shown. Say so instead of a generic failure.
        throw discordError('modal-too-late');
      }
      await i.showModal(modal);
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => undefined);
    if (this.#timer) {
      // Once a real response is queued the timer has nothing left to do. (Both branches: a
      // failed response is the caller's to report, and must not surface as an unhandled rejection.)
      const settle = () => {
        if (this.acknowledged) this.disarm();
      };
      run.then(settle, settle);
    }
    return run;
  }
}
