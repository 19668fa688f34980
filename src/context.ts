import type { AskEngines } from './ask/engines.js';
import type { Cooldowns } from './comments/cooldown.js';
import type { CommentStore } from './comments/store.js';
import type { Config } from './config.js';
import type { ChannelMessages } from './discord/channel-messages.js';
import type { CommandIds } from './discord/command-ids.js';
import type { Library } from './library/library.js';
import type { Logger } from './logger.js';
import type { Pictures } from './pictures/pictures.js';

/**
 * Everything a handler needs, built once at startup (src/start.ts) and passed in.
 * No module keeps mutable state of its own.
 */
export interface Ctx {
  /** The settings, without the token: no handler needs it (the router scrubs errors with it). */
  config: Omit<Config, 'token'>;
  /** Every article served; each server discusses one of them (src/library/choice.ts). */
  library: Library;
  /** The /ask engine of each article, built once at start. */
  ask: AskEngines;
  comments: CommentStore;
  /** Per-member wait between comments (config.commentCooldownSeconds, or the server's own). */
  cooldown: Cooldowns;
  logger: Logger;
  /** Rendered pictures, cached per article (and per server's comments for the map). */
  pictures: Pictures;
  /** Posts and edits channel messages over REST (comment cards following the store, the mod-log). */
  channels: ChannelMessages;
  /** Ids of the deployed commands by name (for clickable mentions in /help), fetched once when ready. */
  commandIds: CommandIds;
  /** Milliseconds since the epoch; injectable so tests control time. */
  now: () => number;
}
