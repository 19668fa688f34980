/**
 * Every storage key is built here and nowhere else. All of a server's keys share the Redis hash tag
 * `{g:<guild>}`, so a server's data lives in one cluster slot and Lua scripts may touch it atomically.
 * Ids are URI-encoded so a `:`, `{` or `}` inside a guild id or anchor can never forge another key.
 */
const enc = (part: string): string => encodeURIComponent(part);

export class CommentKeys {
  constructor(readonly prefix = 'parley') {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
      throw new RangeError('Key prefix must be 1–64 characters of A–Z, a–z, 0–9, _ . -');
    }
  }

  private guild(guildId: string): string {
    return `${this.prefix}:{g:${enc(guildId)}}`;
  }

  /** The comment key without its number; Redis scripts append the number they allocate. */
  commentPrefix(guildId: string): string {
    return `${this.guild(guildId)}:c:`;
  }

  /** The keyv key holding one comment. */
  comment(guildId: string, number: number): string {
    return `${this.commentPrefix(guildId)}${number}`;
  }

  /** Redis: last allocated comment number (INCR). */
  sequence(guildId: string): string {
    return `${this.guild(guildId)}:seq`;
  }

  /** Redis: listed (top-level, visible) comments scored by number; per anchor or for the whole server. */
  byNumber(guildId: string, anchor?: string): string {
    return anchor === undefined
      ? `${this.guild(guildId)}:n:all`
      : `${this.guild(guildId)}:n:a:${enc(anchor)}`;
  }

  /** Redis: listed comments scored by votes, then number. */
  byVotes(guildId: string, anchor?: string): string {
    return anchor === undefined
      ? `${this.guild(guildId)}:v:all`
      : `${this.guild(guildId)}:v:a:${enc(anchor)}`;
  }

  /** Redis: hash anchor → visible comments (replies included). */
  anchorCounts(guildId: string): string {
    return `${this.guild(guildId)}:counts`;
  }

  /** Redis: every reply under one top-level comment, scored by number. */
  thread(guildId: string, root: number): string {
    return `${this.guild(guildId)}:t:${root}`;
  }

  /** Redis: non-deleted comments scored by number (autocomplete). */
  live(guildId: string): string {
    return `${this.guild(guildId)}:live`;
  }

  /** A per-server record that is not a comment (moderation settings and mutes), as JSON. */
  record(guildId: string, name: GuildRecordName): string {
    return `${this.guild(guildId)}:r:${name}`;
  }

  /** Redis: the claim on one interaction (claims.ts), shared by every process of the bot. */
  interactionClaim(interactionId: string): string {
    return `${this.prefix}:i:${enc(interactionId)}`;
  }

  /** What every key of one server starts with (purge). */
  guildPrefix(guildId: string): string {
    return `${this.guild(guildId)}:`;
  }
}

/** The per-server records a store keeps besides comments. */
export type GuildRecordName = 'moderation';
