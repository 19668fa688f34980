import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import type { Comment } from '../../src/comments/domain.js';
import { discussionMap, MAP_SERIES, MAP_TOP_ROWS, tallyComments } from '../../src/comments/map.js';
import { makeComment } from '../comment-commands/fixtures.js';
import { loadMainArticle } from '../helpers/articles.js';

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

let next = 1;
const comment = (anchor: string, stance: Comment['stance'], extra: Partial<Comment> = {}): Comment =>
  makeComment({ number: next++, anchor, stance, ...extra });

const series = (label: string) => MAP_SERIES.findIndex((s) => s.label === label);

describe('the discussion map', () => {
  it('has no chart without comments (the command says so in words)', () => {
    expect(discussionMap(article, tallyComments([]))).toBeUndefined();
    expect(discussionMap(article, tallyComments([comment('p:1', null, { deleted: true })]))).toBeUndefined();
  });

  it('counts visible comments per anchor and stance, and every paragraph gets a row', () => {
    const chart = discussionMap(
      article,
      tallyComments([
        comment('p:2', 'supports'),
        comment('p:2', 'challenges'),
        comment('p:2', null),
        comment('p:2', 'question', { hidden: true }),
        comment('article', 'adds context'),
      ]),
    );
    const paragraphs = chart?.sections[0];
    expect(paragraphs?.title).toBe('Paragraphs');
    expect(paragraphs?.rows.map((r) => r.label)).toEqual([
      'Whole article',
      ...article.model.paragraphs.map((p) => `¶${p.n}`),
    ]);
    const p2 = paragraphs?.rows.find((r) => r.label === '¶2');
    expect(p2?.detail).toBeTruthy();
    expect(p2?.counts[series('supports')]).toBe(1);
    expect(p2?.counts[series('challenges')]).toBe(1);
    expect(p2?.counts[series('no stance')]).toBe(1);
    expect(p2?.counts[series('question')]).toBe(0);
    expect(chart?.subtitle).toContain('4 comments');
  });

  it('lists the most discussed people, topics and positions, most first, at most a few each', () => {
    const actors = article.model.actors.slice(0, MAP_TOP_ROWS + 2);
    const comments = actors.flatMap((a, i) =>
      Array.from({ length: i + 1 }, () => comment(`actor:${a.id}`, null)),
    );
    const topic = article.model.topics[0];
    if (topic) comments.push(comment(`topic:${topic.id}`, 'supports'));
    const chart = discussionMap(article, tallyComments(comments));
    const people = chart?.sections.find((s) => s.title.startsWith('Most discussed people'));
    expect(people?.rows).toHaveLength(MAP_TOP_ROWS);
    expect(people?.rows[0]?.label).toBe(actors.at(-1)?.name);
    expect(chart?.sections.find((s) => s.title === 'Most discussed topics')?.rows[0]?.label).toBe(
      topic?.name,
    );
    expect(chart?.sections.some((s) => s.title === 'Most discussed positions')).toBe(false);
  });

  it('ignores anchors the article does not have (a comment from another article)', () => {
    const chart = discussionMap(
      article,
      tallyComments([comment('actor:nobody-here', null), comment('p:1', null)]),
    );
    expect(chart?.sections.map((s) => s.title)).toEqual(['Paragraphs']);
  });
});
