/**
 * What each /comment action does, independent of Discord: validation, permission and cooldown
 * checks first (so a refusal changes nothing), then one store call. Handlers turn a Member out of
 * the interaction (guild id and permissions from Discord, never from options) and render results.
 */
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import { cutUnits } from '../discord/limits.js';
import { ARTICLE_ANCHOR, resolveAnchor } from './anchors.js';
import type { AnchorKey, Comment, Stance } from './domain.js';
import { buildExport, type ExportResult, exportFileBytes, MAX_EXPORT_FILES } from './export.js';
import { filterReason } from './filter.js';
import { commentError, TEXT_REFUSAL } from './messages.js';
import { type Removal, withReply } from './model.js';
import { LIST_PAGE_SIZE, pageCountOf } from './policy.js';
import { type ModerationSettings, mutedUntil } from './settings.js';
import type { ListPage, ListSort } from './store.js';
import { lookAlikeForm, normaliseCommentText, parseCommentId, withoutInvisibles } from './text.js';
import { buildThread, flattenThread, type ThreadLine } from './threading.js';

/** The parts of the context comment actions use. */
export type CommentsEnv = Pick<Ctx, 'library' | 'comments' | 'config' | 'now' | 'cooldown'>;

/** The library article a comment discusses; undefined if the library no longer serves it. */
export const articleOf = (env: Pick<Ctx, 'library'>, c: Comment): Article | undefined =>
  env.library.get(c.articleId);

/** The member acting, as Discord reports them. */
export interface Member {
  guildId: string;
  userId: string;
  name: string;
  /** Has Manage Messages in this server (from interaction.memberPermissions). */
  moderator: boolean;
  /** Has Manage Server (may purge the server's comments). */
  manager?: boolean;
}

/**
 * Things that would break the card's layout or reach beyond the thread are refused with a reason
 * (rather than silently escaped), so the member can fix their text; text.ts escapes them as well,
 * as a second line of defence.
 */
const REFUSED: { pattern: RegExp; reason: string; lookAlikes?: true }[] = [
  {
    pattern: /`{3,}/,
    reason: TEXT_REFUSAL.codeBlock,
  },
  {
    pattern: /^[ \t]*(#{1,3}|-#)[ \t]/m,
    reason: TEXT_REFUSAL.heading,
  },
  // Mentions are checked on what the text reads as (lookAlikeForm): `＠everyone`, or `@` + an
  // invisible tag character + `everyone`, reads as @everyone.
  { pattern: /@(everyone|here)\b/i, reason: TEXT_REFUSAL.massMention, lookAlikes: true },
  { pattern: /<@&\d+>/, reason: TEXT_REFUSAL.roleMention, lookAlikes: true },
];

/**
 * Checks and cleans what a member wrote: refuses layout-breaking Markdown and mass or role mentions,
 * then applies text.ts (control and zero-width characters removed, empty and over-long text refused).
 */
export function commentText(raw: string): string {
  const visible = withoutInvisibles(raw);
  const reads = lookAlikeForm(raw);
  for (const { pattern, reason, lookAlikes } of REFUSED) {
    // Folding can also join a mention to the next letter (@everyone𝕏 reads as @everyoneX): both forms.
    if (pattern.test(visible) || (lookAlikes && pattern.test(reads)))
      throw commentError('bad-text', { reason });
  }
  const result = normaliseCommentText(raw);
  if (!result.ok) throw commentError('bad-text', { reason: result.reason });
  return result.text;
}

/** `12` or `#12` → 12; anything else is a clear error. */
export function requireCommentId(raw: string): number {
  const n = parseCommentId(raw);
  if (n === undefined) {
    throw commentError('bad-comment-id', { shown: cutUnits(raw.trim(), 30).replace(/[`*_~|>@<]/g, '') });
  }
  return n;
}

export const unknownComment = (n: number) => commentError('unknown-comment', { n });

/** A comment members can act on: it exists, is not deleted, and (unless moderating) not hidden. */
export async function liveComment(
  env: CommentsEnv,
  member: Member,
  n: number,
  action: string,
): Promise<Comment> {
  const c = await env.comments.get(member.guildId, n);
  if (!c) throw unknownComment(n);
  if (c.deleted) throw commentError('deleted-comment', { n, action });
  if (c.hidden && !member.moderator) throw commentError('hidden-comment', { n, action });
  return c;
}

/** Seconds the member still has to wait before commenting again (0: they may comment now). */
export function cooldownLeft(env: CommentsEnv, member: Member): Promise<number> {
  return env.cooldown.remaining(member.guildId, member.userId);
}

export const cooldownError = (seconds: number) => commentError('cooldown', { seconds });

/**
 * The server's settings, once it is clear the member may write: comments are on and they are not
 * muted. Refusals come before the member types anything into a form.
 */
export async function writableSettings(env: CommentsEnv, member: Member): Promise<ModerationSettings> {
  const settings = await env.comments.moderation(member.guildId);
  if (!settings.commentsEnabled) throw commentError('comments-off');
  const until = mutedUntil(settings, member.userId, env.now());
  if (until !== undefined) throw commentError('muted', { until });
  return settings;
}

/** The member's text, cleaned (commentText) and passed through the server's own filter. */
export function filteredText(raw: string, settings: ModerationSettings): string {
  const text = commentText(raw);
  const reason = filterReason(text, settings);
  if (reason) throw commentError('filtered', { reason });
  return text;
}

/**
 * Claims the cooldown slot (the server's own cooldown when its moderators set one, else the configured
 * one), runs `write`, and gives the slot back if the write failed. The give-back is not awaited: after
 * a store failure it may fail or hang too, and the member should hear about the failure now.
 */
async function withCooldown<T>(
  env: CommentsEnv,
  member: Member,
  settings: ModerationSettings,
  write: () => Promise<T>,
): Promise<T> {
  const seconds = settings.cooldownSeconds ?? env.config.commentCooldownSeconds;
  const take = await env.cooldown.take(member.guildId, member.userId, seconds);
  if (!take.claimed) throw cooldownError(take.wait);
  try {
    return await write();
  } catch (error) {
    void env.cooldown.release(member.guildId, member.userId, take.token).catch(() => undefined);
    throw error;
  }
}

export interface AddInput {
  /** The article it discusses (the server's, or the one the member named). */
  article: Article;
  text: string;
  /** What the member typed or picked for `on`; the whole article when absent. */
  on?: string | undefined;
  stance?: Stance | null | undefined;
}

/** Validates an anchor ahead of time (before a modal opens), so the modal can carry the key. */
export function anchorFor(article: Article, on: string | undefined): AnchorKey {
  return on?.trim() ? resolveAnchor(article, on) : ARTICLE_ANCHOR;
}

export async function addComment(env: CommentsEnv, member: Member, input: AddInput): Promise<Comment> {
  const settings = await writableSettings(env, member);
  const text = filteredText(input.text, settings);
  const anchor = anchorFor(input.article, input.on);
  return withCooldown(env, member, settings, () =>
    env.comments.add(member.guildId, {
      articleId: input.article.id,
      parent: null,
      anchor,
      stance: input.stance ?? null,
      authorId: member.userId,
      authorName: member.name,
      text,
      createdAt: env.now(),
    }),
  );
}

export async function replyTo(
  env: CommentsEnv,
  member: Member,
  parentNumber: number,
  input: { text: string; stance?: Stance | null | undefined },
): Promise<{ comment: Comment; parent: Comment }> {
  const settings = await writableSettings(env, member);
  const text = filteredText(input.text, settings);
  const parent = await liveComment(env, member, parentNumber, 'reply to');
  const comment = await withCooldown(env, member, settings, () =>
    env.comments.add(member.guildId, {
      articleId: parent.articleId,
      parent: parent.number,
      anchor: parent.anchor,
      stance: input.stance ?? null,
      authorId: member.userId,
      authorName: member.name,
      text,
      createdAt: env.now(),
    }),
  );
  // The parent with this reply counted, as the add wrote it (its cards re-read the stored value).
  return { comment, parent: withReply(parent) };
}

export async function editComment(
  env: CommentsEnv,
  member: Member,
  n: number,
  raw: string,
): Promise<Comment> {
  const settings = await writableSettings(env, member);
  const text = filteredText(raw, settings);
  await editableComment(env, member, n);
  return env.comments.edit(member.guildId, n, text, env.now());
}

/** A comment the member may edit: it exists, is not deleted, and is theirs. */
export async function editableComment(env: CommentsEnv, member: Member, n: number): Promise<Comment> {
  const c = await env.comments.get(member.guildId, n);
  if (!c) throw unknownComment(n);
  if (c.deleted) throw commentError('deleted-comment', { n, action: 'edit' });
  if (c.authorId !== member.userId) {
    throw commentError('not-author', { n, action: 'edit' });
  }
  return c;
}

/** Deletes as the author or a moderator; the removal names every comment whose card changed. */
export async function deleteComment(env: CommentsEnv, member: Member, n: number): Promise<Removal> {
  const c = await env.comments.get(member.guildId, n);
  if (!c) throw unknownComment(n);
  if (c.deleted) throw commentError('deleted-comment', { n, action: 'delete' });
  if (c.authorId !== member.userId && !member.moderator)
    throw commentError('not-author', { n, action: 'delete' });
  return env.comments.remove(member.guildId, n);
}

export async function voteOn(
  env: CommentsEnv,
  member: Member,
  n: number,
): Promise<{ comment: Comment; voted: boolean }> {
  await liveComment(env, member, n, 'vote on');
  return env.comments.toggleVote(member.guildId, n, member.userId);
}

export async function flagComment(
  env: CommentsEnv,
  member: Member,
  n: number,
): Promise<{ comment: Comment; added: boolean; threshold: number }> {
  const c = await liveComment(env, member, n, 'flag');
  if (c.authorId === member.userId) {
    throw commentError('own-comment', { n });
  }
  const { flagThreshold } = await env.comments.moderation(member.guildId);
  const result = await env.comments.flag(member.guildId, n, member.userId, flagThreshold);
  return { ...result, threshold: flagThreshold };
}

export interface ListRequest {
  article: Article;
  /** An anchor key (from a button) or what the member typed; all the article's comments when absent. */
  on?: string | undefined;
  sort: ListSort;
  /** 0-based. Past the last page: the last one, or (strict) a clear refusal. */
  page: number;
  /** The member typed the page: say when it does not exist instead of showing another. */
  strict?: boolean;
}

export async function listComments(
  env: CommentsEnv,
  member: Member,
  request: ListRequest,
): Promise<{ result: ListPage; anchor: AnchorKey | undefined; page: number }> {
  const anchor = request.on?.trim() ? resolveAnchor(request.article, request.on) : undefined;
  const query = (page: number) => ({
    article: request.article.id,
    ...(anchor === undefined ? {} : { anchor }),
    sort: request.sort,
    offset: page * LIST_PAGE_SIZE,
    limit: LIST_PAGE_SIZE,
  });
  // A forged option can carry anything: never let NaN or a fraction reach an offset.
  if (!Number.isSafeInteger(request.page) || request.page < 0) throw commentError('bad-page');
  let page = request.page;
  let result = await env.comments.list(member.guildId, query(page));
  const last = pageCountOf(result.total) - 1;
  if (page > last) {
    if (request.strict) throw commentError('no-such-page', { page: page + 1, pages: last + 1 });
    // Past the end (comments were deleted since, or a large page number): show the last page.
    page = last;
    result = await env.comments.list(member.guildId, query(page));
  }
  return { result, anchor, page };
}

/**
 * The comment and all its replies, in reading order with depths (threading.ts: a deleted comment
 * stays as a placeholder only while replies hang under it).
 */
export async function threadOf(env: CommentsEnv, member: Member, n: number): Promise<ThreadLine[]> {
  const comments = await env.comments.thread(member.guildId, n);
  if (comments.length === 0) throw unknownComment(n);
  const lines = flattenThread(buildThread(comments, n));
  if (lines.length === 0) throw commentError('deleted-comment', { n });
  return lines;
}

/**
 * One article's comments, batch by batch, as exportBatch reads the whole server's: a batch holding
 * only other articles' comments is skipped, so an empty batch still means the end.
 */
function articleBatches(env: CommentsEnv, guildId: string, articleId: string) {
  return async (after: number, limit: number): Promise<Comment[]> => {
    let from = after;
    for (;;) {
      const batch = await env.comments.exportBatch(guildId, from, limit);
      const last = batch[batch.length - 1];
      if (!last) return [];
      const mine = batch.filter((c) => c.articleId === articleId);
      if (mine.length > 0) return mine;
      from = last.number;
    }
  };
}

/**
 * The server's discussion of one article as Markdown files that fit the server's upload limit (export.ts), read
 * from the store in batches, starting at comment `from`.
 */
export function exportDiscussion(
  env: CommentsEnv,
  member: Member,
  request: { article: Article; from: number; premiumTier: number; serverName: string },
): Promise<ExportResult> {
  return buildExport(request.article, articleBatches(env, member.guildId, request.article.id), {
    head: { serverName: request.serverName, exportedAt: env.now(), viewer: { moderator: member.moderator } },
    from: request.from,
    fileBytes: exportFileBytes(request.premiumTier),
    maxFiles: MAX_EXPORT_FILES,
  });
}
