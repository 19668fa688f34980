import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { exportMarkdown } from '../../src/comments/export.js';
import { loadMainArticle } from '../helpers/articles.js';
import { makeComment, replyOf, T0 } from './fixtures.js';

let article: Article;
beforeAll(async () => {
  article = await loadMainArticle();
});

const head = (moderator = false) => ({ serverName: 'Test Server', exportedAt: T0, viewer: { moderator } });

describe('exportMarkdown', () => {
  it('groups by anchor in article order, quotes anchors and nests threads', () => {
    const onP5 = makeComment({
      number: 1,
      anchor: 'p:5',
      authorName: 'Ana',
      stance: 'question',
      text: 'Why now?',
    });
    const reply = replyOf(onP5, { number: 2, authorName: 'Bo', text: 'Because of the talks.' });
    const deeper = replyOf(reply, { number: 4, authorName: 'Cy', text: 'Agreed.', votes: ['x'] });
    const onArticle = makeComment({ number: 3, anchor: 'article', text: 'Good piece.', editedAt: T0 });
    const md = exportMarkdown(article, [onP5, reply, onArticle, deeper], head());
    expect(md).toMatch(/^# Discussion: Beijing will 'never compromise' on Taiwan/);
    expect(md).toContain('Test Server · exported 2025-01-15 09:30 UTC · 4 comments');
    const wholeAt = md.indexOf('## Whole article');
    const p5At = md.indexOf('## ¶5');
    expect(wholeAt).toBeGreaterThan(0);
    expect(p5At).toBeGreaterThan(wholeAt);
    expect(md).toContain('> In response, the US stressed the importance');
    expect(md).toContain('- **#1** · Ana · ❓ question · 2025-01-15 09:31 UTC · 👍 0\n  Why now?');
    expect(md).toContain('  - **#2** · Bo');
    expect(md).toContain('    - **#4** · Cy · 2025-01-15 09:34 UTC · 👍 1\n      Agreed.');
    expect(md).toContain('**#3** · Member 3 · 2025-01-15 09:33 UTC · 👍 0 · (edited)');
  });

  it('keeps deleted comments with replies as [deleted] and drops deleted leaves', () => {
    const root = makeComment({ number: 1, deleted: true, text: '' });
    const reply = replyOf(root, { number: 2, text: 'Still here' });
    const leaf = makeComment({ number: 3, deleted: true, text: '' });
    const md = exportMarkdown(article, [root, reply, leaf], head());
    expect(md).toContain('- **#1** [deleted]\n  - **#2**');
    expect(md).not.toContain('#3');
    expect(md).toContain('· 1 comment\n');
  });

  it('shows hidden comments to moderators only', () => {
    const hidden = makeComment({ number: 1, hidden: true, flags: ['a', 'b', 'c'], text: 'flagged words' });
    expect(exportMarkdown(article, [hidden], head(false))).not.toContain('flagged words');
    expect(exportMarkdown(article, [hidden], head(false))).toContain('**#1** [hidden: flagged by members]');
    const mod = exportMarkdown(article, [hidden], head(true));
    expect(mod).toContain('flagged words');
    expect(mod).toContain('🚩 hidden (3 flags)');
  });

  it('cannot be restructured by what members write', () => {
    const evil = makeComment({
      number: 1,
      authorName: '# Admin <script>',
      text: '## Fake heading\n- fake item\n  + other\n1. one\n<img src=x>\n```\n[link](http://x)',
    });
    const md = exportMarkdown(article, [evil], head());
    const lines = md.split('\n');
    // Our headings only: the title and the anchor.
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      "# Discussion: Beijing will 'never compromise' on Taiwan: Chinese military tells US",
      '## Whole article',
    ]);
    // Every special character arrives escaped.
    expect(md).not.toMatch(/(^|[^\\])(<img|<script|`|\[link)/m);
    // A member's "- item" cannot pose as a nested reply, nor "1." as a numbered list.
    expect(lines.filter((l) => /^\s*[-+*] /.test(l))).toEqual([
      '- **#1** · \\# Admin \\<script\\> · 2025-01-15 09:31 UTC · 👍 0',
    ]);
  });

  it('says so when there is nothing to export', () => {
    expect(exportMarkdown(article, [], head())).toContain('_No comments yet._');
  });
});
