import { answerError } from '../src/answers/messages.js';
import {
  gridDescription,
  type PositionsFilter,
  positionsGrid,
  positionsPages,
} from '../src/answers/positions.js';
import type { Article } from '../src/article/article.js';
import { findTopics, nameScore } from '../src/article/queries.js';
import { BOTH_SIDES } from '../src/article/schema.js';
import { memberCommentsExtra } from '../src/comments/member-comments.js';
import { focusedOption, toChoices } from '../src/discord/autocomplete.js';
import type { Command, HandlerCtx } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import { cutUnits } from '../src/discord/limits.js';
import { type PagedAnswer, sendPaged, turnPage } from '../src/discord/paging.js';
import type { Reply } from '../src/discord/payload.js';
import { type ShownPicture, showPicture, withImage } from '../src/discord/picture.js';
import {
  articleOption,
  articleState,
  articleWhileTyping,
  chosenArticle,
  completeArticle,
  fromArticleState,
} from '../src/library/option.js';
import { gridSvg } from '../src/pictures/grid.js';

/** Option names, written once for the definition and the handler. */
const OPTION = {
  side: 'side',
  topic: 'topic',
} as const;

const ANY = '*';

const sideChoices = (article: Article) => [
  ...article.model.sides.map((s) => ({ name: s.name, value: s.id, names: [s.id, s.name, s.short] })),
  { name: 'Both sides', value: BOTH_SIDES, names: [BOTH_SIDES, 'both sides'] },
];

function resolveSide(article: Article, raw: string): string {
  const choices = sideChoices(article);
  const best = choices
    .map((c) => ({ c, score: nameScore(raw, c.names) }))
    .filter((x) => x.score >= 2)
    .sort((a, b) => b.score - a.score)[0];
  if (best) return best.c.value;
  throw answerError('unknown-side', { raw: cutUnits(raw, 100), sides: choices.map((c) => c.name) });
}

function resolveTopic(article: Article, raw: string): string {
  const topic = article.topic(raw) ?? findTopics(article, raw)[0];
  if (topic) return topic.id;
  throw answerError('unknown-topic', {
    raw: cutUnits(raw, 100),
    topics: article.model.topics.map((t) => t.name),
  });
}

const filterFrom = (side: string | undefined, topic: string | undefined): PositionsFilter => ({
  ...(side && side !== ANY ? { side } : {}),
  ...(topic && topic !== ANY ? { topic } : {}),
});

const PICTURE_NAME = 'positions.png';

/**
 * The grid as a picture, rendered once per article and filter. A failed render costs the picture,
 * never the answer: the text says everything the picture shows.
 */
async function gridPicture(
  ctx: HandlerCtx,
  article: Article,
  filter: PositionsFilter,
): Promise<ShownPicture | undefined> {
  const grid = positionsGrid(article, filter);
  if (!grid) return undefined;
  const key = `positions:${article.id}:${filter.side ?? ANY}:${filter.topic ?? ANY}`;
  try {
    const picture = await ctx.pictures.get(key, (faces) => gridSvg(faces, grid));
    return showPicture(PICTURE_NAME, picture, gridDescription(grid));
  } catch (error) {
    ctx.logger.warn({ err: error, key }, 'positions picture failed; answering with text only');
    return undefined;
  }
}

/** The stances for a side/topic filter; a topic view also shows its member-comment count. */
async function answer(
  ctx: HandlerCtx,
  article: Article,
  guildId: string | null,
  side?: string,
  topic?: string,
): Promise<PagedAnswer> {
  const filter = filterFrom(side, topic);
  const [picture, extra]: [ShownPicture | undefined, Reply] = await Promise.all([
    gridPicture(ctx, article, filter),
    filter.topic ? memberCommentsExtra(ctx, article, guildId, [`topic:${filter.topic}`]) : {},
  ]);
  const pages = positionsPages(article, filter);
  if (!picture) return { pages, extra };
  return {
    pages: withImage(pages, picture),
    extra: { ...extra, files: [...(extra.files ?? []), picture.file] },
  };
}

export default {
  data: articleCommand('positions', 'Who holds which stance on which topic, side by side')
    .addStringOption((o) =>
      o.setName(OPTION.side).setDescription('Only this side').setMaxLength(100).setAutocomplete(true),
    )
    .addStringOption((o) =>
      o.setName(OPTION.topic).setDescription('Only this topic').setMaxLength(100).setAutocomplete(true),
    )
    .addStringOption(articleOption()),

  async execute(interaction, ctx) {
    const article = await chosenArticle(interaction, ctx);
    const rawSide = interaction.options.getString(OPTION.side)?.trim();
    const rawTopic = interaction.options.getString(OPTION.topic)?.trim();
    const side = rawSide ? resolveSide(article, rawSide) : undefined;
    const topic = rawTopic ? resolveTopic(article, rawTopic) : undefined;
    await sendPaged(
      interaction,
      ctx,
      await answer(ctx, article, interaction.guildId, side, topic),
      articleState(article, side ?? ANY, topic ?? ANY),
    );
  },

  async autocomplete(interaction, ctx) {
    if (await completeArticle(interaction, ctx)) return;
    const article = await articleWhileTyping(interaction, ctx);
    const focused = focusedOption(interaction);
    const query = focused.value.trim();
    if (focused.name === OPTION.side) {
      const sides = sideChoices(article).filter((c) => !query || nameScore(query, c.names) > 0);
      await interaction.respond(toChoices(sides));
      return;
    }
    const topics = query ? findTopics(article, query) : article.model.topics;
    await interaction.respond(toChoices(topics.map((t) => ({ name: t.name, value: t.id }))));
  },

  examples(article) {
    const topic = article.model.topics[0];
    const side = article.model.sides[0];
    return [
      '/positions',
      ...(topic ? [`/positions topic:${topic.name}`] : []),
      ...(side ? [`/positions side:${side.name}`] : []),
    ];
  },

  async button(interaction, ctx) {
    await turnPage(interaction, ctx, (state) => {
      const { article, rest } = fromArticleState(ctx, state);
      const [side, topic] = rest;
      return answer(ctx, article, interaction.guildId, side, topic);
    });
  },
} satisfies Command;
