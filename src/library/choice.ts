/**
 * Which article an interaction is about: the `article` option when the member named one, else the
 * server's current article (stored per server: /articles use), else the library's default.
 */
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import { cutUnits } from '../discord/limits.js';
import { OutageError } from '../errors.js';
import type { Library } from './library.js';
import { libraryError } from './messages.js';

type ChoiceCtx = Pick<Ctx, 'library' | 'comments' | 'logger'>;

/** The article a member named (an id or a headline), or a friendly error listing the library. */
export function requireArticle(library: Library, raw: string): Article {
  const article = library.find(raw);
  if (article) return article;
  const shown = cutUnits(raw.trim(), 80).replace(/[`*_~|>@<]/g, '');
  throw libraryError('unknown-article', { raw: shown });
}

export interface ChoiceOptions {
  /**
   * When the store cannot say (an outage), answer about the default article rather than not at all:
   * right for the article commands, wrong for comments (they would land on the wrong article).
   */
  defaultOnOutage?: boolean;
}

async function storedChoice(
  ctx: ChoiceCtx,
  guildId: string,
  options: ChoiceOptions,
): Promise<string | undefined> {
  try {
    return await ctx.comments.currentArticle(guildId);
  } catch (error) {
    if (!options.defaultOnOutage || !(error instanceof OutageError)) throw error;
    ctx.logger.warn(
      { guildId, err: error.message },
      "server's article unavailable: answering about the default",
    );
    return undefined;
  }
}

/**
 * The server's current article. Outside a server, the default. A stored id the library no longer
 * has (an article was retired) falls back to the default too.
 */
export async function currentArticle(
  ctx: ChoiceCtx,
  guildId: string | null,
  options: ChoiceOptions = {},
): Promise<Article> {
  if (guildId === null) return ctx.library.defaultArticle;
  const id = await storedChoice(ctx, guildId, options);
  if (id === undefined) return ctx.library.defaultArticle;
  const article = ctx.library.get(id);
  if (!article) {
    ctx.logger.warn({ guildId, article: id }, 'the server chose an article the library no longer has');
    return ctx.library.defaultArticle;
  }
  return article;
}

/** The article named by an `article` option when given, else the server's current one. */
export async function articleFor(
  ctx: ChoiceCtx,
  guildId: string | null,
  requested: string | null | undefined,
  options: ChoiceOptions = {},
): Promise<Article> {
  if (requested?.trim()) return requireArticle(ctx.library, requested);
  return currentArticle(ctx, guildId, options);
}

/** Manage Server is checked here too, not only by the command's default permissions. */
export async function chooseArticle(
  ctx: ChoiceCtx,
  member: { guildId: string; manageServer: boolean },
  raw: string,
): Promise<Article> {
  if (!member.manageServer) {
    throw libraryError('not-manager');
  }
  const article = requireArticle(ctx.library, raw);
  await ctx.comments.setCurrentArticle(member.guildId, article.id);
  return article;
}
