import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord.js';

/** A file attached to a reply (e.g. the Markdown export). */
export interface ReplyFile {
  name: string;
  data: Buffer;
  description?: string;
}

/**
 * What a pure builder returns: plain Discord API JSON, so builders never touch discord.js
 * structures and tests can check limits directly. The router turns it into a reply.
 */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: ReplyFile[];
  ephemeral?: boolean;
  /** Defaults to pinging nobody; a reply may allow pinging one replied-to author. */
  allowedMentions?: APIAllowedMentions;
}
