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

  /** One article's part of a server's keys. */
  private article(guildId: string, article: string): string {
    return `${this.guild(guildId)}:a:${enc(article)}`;
  }

  /** Redis: one article's listed (top-level, visible) comments scored by number; per anchor or all. */
  byNumber(guildId: string, article: string, anchor?: string): string {
    const base = this.article(guildId, article);
    return anchor === undefined ? `${base}:n:all` : `${base}:n:a:${enc(anchor)}`;
  }

  /** Redis: one article's listed comments scored by votes, then number. */
  byVotes(guildId: string, article: string, anchor?: string): string {
    const base = this.article(guildId, article);
    return anchor === undefined ? `${base}:v:all` : `${base}:v:a:${enc(anchor)}`;
  }

  /** Redis: hash anchor → visible comments (replies included) of one article. */
  anchorCounts(guildId: string, article: string): string {
    return `${this.article(guildId, article)}:counts`;
  }

  /** Redis: hash article → visible comments (replies included). */
  articleCounts(guildId: string): string {
    return `${this.guild(guildId)}:articles`;
  }

  /** Redis: one article's non-deleted comments scored by number (autocomplete). */
  liveIn(guildId: string, article: string): string {
    return `${this.article(guildId, article)}:live`;
  }

  /** The article the server discusses (a plain string value; keyv on SQLite). */
  currentArticle(guildId: string): string {
    return `${this.guild(guildId)}:current`;
  }

  /** Redis: the server's data format, "2" once its comments belong to articles (migrate.ts). */
  format(guildId: string): string {
    return `${this.guild(guildId)}:format`;
  }

  /** Redis: the whole store's data format, set once every server was migrated. */
  storeFormat(): string {
    return `${this.prefix}:format`;
  }

  /** Redis: what SCAN matches to find every server's sequence key (migration). */
  sequencePattern(): string {
    return `${this.prefix}:{g:*}:seq`;
  }

  /** The server a key matched by sequencePattern() belongs to. */
  guildOfSequence(key: string): string | undefined {
    const head = `${this.prefix}:{g:`;
    const tail = '}:seq';
    if (!key.startsWith(head) || !key.endsWith(tail)) return undefined;
    return decodeURIComponent(key.slice(head.length, -tail.length));
  }

  /** The server-wide index keys of format 1, before comments had an article (migration only). */
  legacy(guildId: string) {
    const g = this.guild(guildId);
    return {
      byNumber: (anchor?: string) => (anchor === undefined ? `${g}:n:all` : `${g}:n:a:${enc(anchor)}`),
      byVotes: (anchor?: string) => (anchor === undefined ? `${g}:v:all` : `${g}:v:a:${enc(anchor)}`),
      anchorCounts: `${g}:counts`,
    };
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

  /** Redis: a member's comment cooldown in one server (redis-cooldown.ts); expires by itself. */
  cooldown(guildId: string, userId: string): string {
    return `${this.guild(guildId)}:cd:${enc(userId)}`;
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
