/** Made-up comments spread over an article's anchors, for the map's bench and fixtures. */
import type { Article } from '../src/article/article.js';
import { type Comment, STANCES } from '../src/comments/domain.js';
import { createComment } from '../src/comments/model.js';
import { draft, prng } from './seed.js';

/** `count` comments on `article`: more on early paragraphs and some anchors, every stance, a few deleted. */
export function syntheticComments(article: Article, count: number, seed = 7): Comment[] {
  const rnd = prng(seed);
  const m = article.model;
  const anchors = [
    'article',
    ...m.paragraphs.flatMap((p) => Array.from({ length: Math.max(1, 7 - p.n) }, () => `p:${p.n}`)),
    ...m.actors.slice(0, 6).map((a) => `actor:${a.id}`),
    ...m.topics.map((t) => `topic:${t.id}`),
    ...m.positions.slice(0, 6).map((p) => `position:${p.id}`),
  ];
  const comments: Comment[] = [];
  for (let n = 1; n <= count; n++) {
    const stance = rnd() < 0.2 ? null : (STANCES[Math.floor(rnd() * STANCES.length)] ?? null);
    const anchor = anchors[Math.floor(rnd() * anchors.length)] ?? 'article';
    const comment = createComment('bench', n, { ...draft(n, anchor), stance });
    comments.push(rnd() < 0.03 ? { ...comment, deleted: true } : comment);
  }
  return comments;
}
