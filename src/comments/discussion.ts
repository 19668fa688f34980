/**
 * /comment map: the picture of a server's discussion of the article. It is cached under the
 * server's comment version, read cheaply (visible counts per anchor and the newest number), so a
 * repeat with no new comment, delete or hide costs two small reads and no render; after a change,
 * every comment is tallied once and the picture drawn again.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import { BRAND_COLOR } from '../discord/pages.js';
import type { Reply } from '../discord/payload.js';
import { showPicture } from '../discord/picture.js';
import { barsSvg } from '../pictures/bars.js';
import type { Drawing } from '../pictures/pictures.js';
import { allAnchorKeys, describeAnchor } from './anchors.js';
import type { Comment } from './domain.js';
import { type DiscussionTally, discussionMap, MAP_SERIES, tallyComments } from './map.js';

/** The store and picture cache, and the article whose discussion is drawn. */
type MapCtx = Pick<Ctx, 'comments' | 'pictures'> & { article: Article };

export const MAP_FILE_NAME = 'discussion-map.png';
/** Most discussed anchors named in words (the picture shows more). */
const NAMED_IN_TEXT = 5;

const sum = (xs: Iterable<number>) => {
  let n = 0;
  for (const x of xs) n += x;
  return n;
};

/** The map in words: totals by stance and the most discussed anchors (alt text and embed text). */
export function mapSummary(ctx: { article: Article }, tally: DiscussionTally): string {
  const byStance = MAP_SERIES.map(
    (s, i) => `${s.label} ${sum([...tally.byAnchor.values()].map((c) => c[i] ?? 0))}`,
  );
  const top = [...tally.byAnchor.entries()]
    .map(([key, counts]) => ({ key, n: sum(counts) }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
    .slice(0, NAMED_IN_TEXT)
    .map(({ key, n }) => `${describeAnchor(ctx.article, key).label} (${n})`);
  return [`By stance: ${byStance.join(' · ')}.`, `Most discussed: ${top.join(', ')}.`].join('\n');
}

/** The server's comment version: a short digest of every anchor's visible count and the newest number. */
async function commentVersion(ctx: MapCtx, guildId: string): Promise<{ key: string; visible: number }> {
  const [counts, newest] = await Promise.all([
    ctx.comments.countByAnchor(guildId, ctx.article.id, allAnchorKeys(ctx.article)),
    ctx.comments.recent(guildId, 1, ctx.article.id),
  ]);
  const parts = [...counts.entries()].filter(([, n]) => n > 0).map(([k, n]) => `${k}=${n}`);
  parts.push(`#${newest[0]?.number ?? 0}`);
  const digest = createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22);
  return { key: `map:${ctx.article.model.id}:${guildId}:${digest}`, visible: sum(counts.values()) };
}

async function drawMap(ctx: MapCtx, guildId: string, faces: Parameters<typeof barsSvg>[0]): Promise<Drawing> {
  const comments: Comment[] = [];
  for await (const c of ctx.comments.exportAll(guildId)) if (c.articleId === ctx.article.id) comments.push(c);
  const tally = tallyComments(comments);
  const chart = discussionMap(ctx.article, tally);
  if (!chart) throw new Error('no comments to draw');
  return { ...barsSvg(faces, chart), alt: `${chart.subtitle}.\n${mapSummary(ctx, tally)}` };
}

/** The reply to /comment map: an embed showing the picture, or words when there is nothing to draw. */
export async function discussionMapReply(
  shared: Pick<Ctx, 'comments' | 'pictures'>,
  article: Article,
  guildId: string,
): Promise<Reply> {
  const ctx: MapCtx = { comments: shared.comments, pictures: shared.pictures, article };
  const version = await commentVersion(ctx, guildId);
  if (version.visible === 0) {
    return {
      content:
        'Nobody has commented on this article in this server yet, so there is no map to draw. Start one with `/comment add`.',
      ephemeral: true,
    };
  }
  const picture = await ctx.pictures.get(version.key, (faces) => drawMap(ctx, guildId, faces));
  const alt = picture.alt ?? 'Where the discussion is';
  const shown = showPicture(MAP_FILE_NAME, picture, alt);
  return {
    embeds: [
      {
        title: 'Where the discussion is',
        color: BRAND_COLOR,
        description: alt,
        footer: {
          text: 'Visible comments and replies, per paragraph and most discussed anchor, split by stance',
        },
        ...(shown ? { image: shown.embedImage } : {}),
      },
    ],
    files: shown ? [shown.file] : [],
  };
}
