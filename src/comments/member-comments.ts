/**
 * "N member comments" for the article commands (/who, /positions, /topics, /article): a line and
 * buttons that open the list. Never breaks the article answer: outside a server, or when the store
 * is down, it adds nothing.
 */
import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import { clip, LIMITS } from '../discord/limits.js';
import type { Reply } from '../discord/payload.js';
import { articleRef } from '../library/library.js';
import { allAnchorKeys, describeAnchor } from './anchors.js';
import { commentButtons } from './custom-ids.js';
import type { AnchorKey } from './domain.js';

/** Buttons beyond this many would crowd out the pager; the line still names every count. */
const MAX_BUTTONS = 10;

type CountsCtx = Pick<Ctx, 'comments' | 'logger'>;

const plural = (n: number) => `${n} member comment${n === 1 ? '' : 's'}`;

async function countsFor(
  ctx: CountsCtx,
  article: Article,
  guildId: string,
  anchors: AnchorKey[],
): Promise<Map<AnchorKey, number> | undefined> {
  try {
    return await ctx.comments.countByAnchor(guildId, article.id, anchors);
  } catch (error) {
    // The article answer matters more than the count: log the outage and leave the count out.
    ctx.logger.warn(
      { guildId, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
      'member comment counts unavailable',
    );
    return undefined;
  }
}

function buttonRows(buttons: APIButtonComponent[]): NonNullable<Reply['components']> {
  const rows: NonNullable<Reply['components']> = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** Opens one article's list for one anchor; a null anchor lists every comment on the article. */
const listButton = (article: Article, anchor: AnchorKey | null, label: string): APIButtonComponent => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  label: clip(label, LIMITS.buttonLabel),
  custom_id: commentButtons.encode({ kind: 'list', article: articleRef(article.id), anchor }),
});

/** The short name of an anchor inside a sentence ("¶5", "Michael Chase", "Taiwan"). */
function shortName(article: Article, anchor: AnchorKey): string {
  return describeAnchor(article, anchor).label.replace(/^(Actor|Topic|Position) · /, '');
}

/**
 * Extras for an article answer about one or more anchors: one anchor gets "💬 N member comments
 * on X" and a button; several get the counts per anchor and a button for each one with comments.
 * `guildId` null (a DM) or a store outage: no extras.
 */
export async function memberCommentsExtra(
  ctx: CountsCtx,
  article: Article,
  guildId: string | null,
  anchors: AnchorKey[],
): Promise<Reply> {
  if (guildId === null || anchors.length === 0) return {};
  const counts = await countsFor(ctx, article, guildId, anchors);
  if (!counts) return {};
  if (anchors.length === 1) {
    const anchor = anchors[0] as AnchorKey;
    const n = counts.get(anchor) ?? 0;
    const name = shortName(article, anchor);
    if (n === 0) return { content: `💬 No member comments on ${name} yet. Start one with /comment add.` };
    return {
      content: `💬 **${plural(n)}** on ${name}.`,
      components: buttonRows([listButton(article, anchor, `Read member comments (${n})`)]),
    };
  }
  const withComments = anchors.filter((a) => (counts.get(a) ?? 0) > 0);
  if (withComments.length === 0) {
    return { content: '💬 No member comments on these yet. Start one with /comment add.' };
  }
  const parts = withComments.map((a) => `${shortName(article, a)} **${counts.get(a) ?? 0}**`);
  return {
    content: clip(`💬 Member comments: ${parts.join(' · ')}`, LIMITS.content),
    components: buttonRows(
      withComments
        .slice(0, MAX_BUTTONS)
        .map((a) => listButton(article, a, `${shortName(article, a)} (${counts.get(a) ?? 0})`)),
    ),
  };
}

/** Extras for the article overview: every comment of the server, and a button listing them all. */
export async function articleCommentsExtra(
  ctx: CountsCtx,
  article: Article,
  guildId: string | null,
): Promise<Reply> {
  if (guildId === null) return {};
  const counts = await countsFor(ctx, article, guildId, allAnchorKeys(article));
  if (!counts) return {};
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total === 0)
    return { content: '💬 No member comments on this article yet. Start one with /comment add.' };
  return {
    content: `💬 **${plural(total)}** on this article.`,
    components: buttonRows([listButton(article, null, `Read member comments (${total})`)]),
  };
}
