/**
 * The discussion map: where a server's comments on an article are (paragraphs, people, topics,
 * positions) and how members lean (supports / challenges / adds context / question / no stance).
 * Pure: comments in, a bar chart out.
 */
import type { Article } from '../article/article.js';
import type { BarChart, BarRow, BarSeries } from '../pictures/bars.js';
import { STANCE_COLORS } from '../pictures/theme.js';
import { ARTICLE_ANCHOR, describeAnchor, parseAnchorKey } from './anchors.js';
import { type AnchorKey, type Comment, STANCES } from './domain.js';
import { isVisible } from './model.js';

const NO_STANCE = 'no stance';
/** Series order: the stances as members pick them, then none. */
export const MAP_SERIES: BarSeries[] = [
  ...STANCES.map((s) => ({ label: s, ...STANCE_COLORS[s] })),
  { label: NO_STANCE, ...STANCE_COLORS.none },
];
/** Rows per kind of anchor beyond the paragraphs: the most discussed. */
export const MAP_TOP_ROWS = 5;

/** Visible comments (top-level and replies) per anchor, one count per MAP_SERIES entry. */
export interface DiscussionTally {
  total: number;
  byAnchor: Map<AnchorKey, number[]>;
}

export function emptyTally(): DiscussionTally {
  return { total: 0, byAnchor: new Map() };
}

/** Adds one comment to a tally (deleted and hidden ones are not counted). */
export function tallyComment(tally: DiscussionTally, c: Comment): void {
  if (!isVisible(c)) return;
  let counts = tally.byAnchor.get(c.anchor);
  if (!counts) {
    counts = MAP_SERIES.map(() => 0);
    tally.byAnchor.set(c.anchor, counts);
  }
  const i = c.stance === null ? STANCES.length : STANCES.indexOf(c.stance);
  counts[i] = (counts[i] ?? 0) + 1;
  tally.total += 1;
}

export function tallyComments(comments: Iterable<Comment>): DiscussionTally {
  const tally = emptyTally();
  for (const c of comments) tallyComment(tally, c);
  return tally;
}

const zero = () => MAP_SERIES.map(() => 0);
const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

/** The most discussed anchors of one kind (`actor:`, `topic:`, `position:`), ties by key order. */
function topRows(article: Article, tally: DiscussionTally, prefix: string, strip: RegExp): BarRow[] {
  return [...tally.byAnchor.entries()]
    .filter(([key, counts]) => key.startsWith(prefix) && total(counts) > 0)
    .filter(([key]) => parseAnchorKey(article, key) !== undefined)
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, MAP_TOP_ROWS)
    .map(([key, counts]) => {
      const { label, excerpt } = describeAnchor(article, key);
      return { label: label.replace(strip, ''), ...(excerpt ? { detail: excerpt } : {}), counts };
    });
}

/**
 * The chart for a tally: every paragraph (with its opening words), the whole article when it has
 * comments, then the most discussed people, topics and positions. Undefined with no comments, so
 * the caller says so in words instead of sending an empty picture.
 */
export function discussionMap(article: Article, tally: DiscussionTally): BarChart | undefined {
  if (tally.total === 0) return undefined;
  const paragraphs: BarRow[] = article.model.paragraphs.map((p) => {
    const { label, excerpt } = describeAnchor(article, `p:${p.n}`);
    return {
      label,
      ...(excerpt ? { detail: excerpt } : {}),
      counts: tally.byAnchor.get(`p:${p.n}`) ?? zero(),
    };
  });
  const whole = tally.byAnchor.get(ARTICLE_ANCHOR);
  const sections = [
    {
      title: 'Paragraphs',
      rows: whole ? [{ label: 'Whole article', counts: whole }, ...paragraphs] : paragraphs,
    },
    {
      title: 'Most discussed people and organisations',
      rows: topRows(article, tally, 'actor:', /^Actor · /),
    },
    { title: 'Most discussed topics', rows: topRows(article, tally, 'topic:', /^Topic · /) },
    { title: 'Most discussed positions', rows: topRows(article, tally, 'position:', /^Position · /) },
  ].filter((s) => s.rows.length > 0);
  const n = tally.total;
  return {
    title: 'Where the discussion is',
    subtitle: `${n} comment${n === 1 ? '' : 's'} on “${article.model.headline}” · bars split by stance`,
    series: MAP_SERIES,
    sections,
  };
}
