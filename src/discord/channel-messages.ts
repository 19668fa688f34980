/**
 * Messages Parley posts or edits outside an interaction's own reply: comment cards following the
 * store, and mod-log lines. Channel REST routes, so any shard or process can edit a message
 * another one posted, knowing only its channel and message id.
 */
import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import { backoffDelay } from '../backoff.js';
import type { Reply } from './payload.js';
import { toOptions } from './responder.js';

export interface PostedMessage {
  channelId: string;
  messageId: string;
}

/** What happened to an edit: done, or the message (or our access to its channel) is gone. */
export type EditOutcome = 'edited' | 'gone';

export interface ChannelMessages {
  /** Posts a new message; pings nobody (allowedMentions parse: [] unless the reply says otherwise). */
  post(channelId: string, reply: Reply): Promise<PostedMessage>;
  /** Edits a message Parley posted; 'gone' when it was deleted or the channel is out of reach. */
  edit(message: PostedMessage, reply: Reply): Promise<EditOutcome>;
}

/** Errors that retrying cannot fix: the message or channel is gone, or Parley may no longer see it. */
const GONE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

const isGone = (error: unknown) => error instanceof DiscordAPIError && GONE.has(error.code);
/** Refused for good (4xx other than rate limits, which the REST client already waits out). */
const isRefused = (error: unknown) =>
  error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 429;

/** Attempts per call. @discordjs/rest already retries 5xx and waits out 429s inside each attempt. */
const ATTEMPTS = 3;
const RETRY = { baseMs: 250, maxMs: 2_000 };

function body(reply: Reply) {
  const { content, embeds, components, allowedMentions } = toOptions(reply);
  return { content, embeds, components, allowed_mentions: allowedMentions };
}

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || isGone(error) || isRefused(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RETRY)));
    }
  }
}

export function restChannelMessages(rest: REST): ChannelMessages {
  return {
    async post(channelId, reply) {
      const sent = (await withRetries(() =>
        rest.post(Routes.channelMessages(channelId), { body: body(reply) }),
      )) as { id: string };
      return { channelId, messageId: sent.id };
    },
    async edit(message, reply) {
      try {
        await withRetries(() =>
          rest.patch(Routes.channelMessage(message.channelId, message.messageId), { body: body(reply) }),
        );
        return 'edited';
      } catch (error) {
        if (isGone(error)) return 'gone';
        throw error;
      }
    },
  };
}
