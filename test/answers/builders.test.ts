import type { APIEmbed } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleOverviewPages, paragraphPages } from '../../src/answers/article.js';
import { positionsPages, topicsPages } from '../../src/answers/positions.js';
import { quotesPages } from '../../src/answers/quotes.js';
import { SUMMARY_LENGTHS, summaryPages } from '../../src/answers/summary.js';
import { lookupActor, profilePages, rosterPages, unknownActorPages } from '../../src/answers/who.js';
import type { Article } from '../../src/article/article.js';
import { loadArticle } from '../../src/article/loader.js';
import { BOTH_SIDES } from '../../src/article/schema.js';
import { UserError } from '../../src/errors.js';
import { MAIN_ARTICLE_PATH, SECOND_ARTICLE_PATH } from '../helpers/articles.js';
import { allText, embedLines, embedProblems } from '../helpers/embeds.js';

const MAIN = MAIN_ARTICLE_PATH;
const SECOND = SECOND_ARTICLE_PATH;

/** Lines that state no article fact and so need no ¶ (metadata and explicit gaps). */
const META = [
  /not stated in the article/,
  /^\*\*(Outlet|Published|Paragraphs|Side):\*\*/,
  /^Who holds which stance/,
  /^The article states no position/,
];

/** Every line carries a ¶, except meta lines and a "> evidence" line right under a cited line. */
function uncitedLines(pages: APIEmbed[]): string[] {
  const bad: string[] = [];
  for (const page of pages) {
    const lines = embedLines(page);
    lines.forEach((line, i) => {
      if (/¶\d/.test(line) || META.some((re) => re.test(line))) return;
      if (line.startsWith('> ') && /¶\d/.test(lines[i - 1] ?? '')) return;
      bad.push(line);
    });
  }
  return bad;
}

function expectWellFormed(pages: APIEmbed[]) {
  expect(pages.length).toBeGreaterThan(0);
  for (const page of pages) expect(embedProblems(page)).toEqual([]);
}

describe.each([
  ['main article', MAIN],
  ['second fixture article', SECOND],
])('answer builders on the %s', (_label, path) => {
  let article: Article;
  beforeAll(async () => {
    article = await loadArticle(path);
  });

  it('summaries cite every point and the full one covers every paragraph', () => {
    for (const length of SUMMARY_LENGTHS) {
      const pages = summaryPages(article, length);
      expectWellFormed(pages);
      expect(uncitedLines(pages)).toEqual([]);
      for (const point of article.model.summary[length]) expect(allText(pages)).toContain(point.text);
    }
    const full = allText(summaryPages(article, 'full'));
    for (const p of article.model.paragraphs) expect(full).toContain(`¶${p.n}`);
  });

  it('the roster lists every actor under its side with a citation', () => {
    const pages = rosterPages(article);
    expectWellFormed(pages);
    expect(uncitedLines(pages)).toEqual([]);
    const text = allText(pages);
    for (const actor of article.model.actors) expect(text).toContain(`**${actor.name}**`);
    for (const side of article.model.sides)
      expect(pages.some((p) => p.fields?.some((f) => f.name === side.name))).toBe(true);
  });

  it('every actor has a cited profile with roles worded as in the article', () => {
    for (const actor of article.model.actors) {
      const pages = profilePages(article, actor);
      expectWellFormed(pages);
      expect(uncitedLines(pages)).toEqual([]);
      const text = allText(pages);
      for (const role of actor.roles) expect(text).toContain(`${role.title} (¶${role.cite})`);
      for (const quote of article.quotesBy(actor.id)) expect(text).toContain(`“${quote.text}”`);
    }
  });

  it('finds actors by name, alias and part of either, case-insensitively', () => {
    for (const actor of article.model.actors) {
      const byName = lookupActor(article, actor.name.toUpperCase());
      expect(byName.kind === 'found' && byName.actor.id).toBe(actor.id);
      expect(lookupActor(article, actor.id)).toMatchObject({ kind: 'found', actor: { id: actor.id } });
    }
  });

  it('positions: side by side per topic, each stance attributed and cited', () => {
    const pages = positionsPages(article);
    expectWellFormed(pages);
    expect(uncitedLines(pages)).toEqual([]);
    const text = allText(pages);
    for (const p of article.model.positions)
      expect(text).toContain(
        `${p.stance} — per ${p.account ? article.actor(p.account)?.name : 'the article'}`,
      );
  });

  it('positions filtered by side or topic show only those, with verbatim evidence', () => {
    for (const side of [...article.model.sides.map((s) => s.id), BOTH_SIDES]) {
      const pages = positionsPages(article, { side });
      expectWellFormed(pages);
      expect(uncitedLines(pages)).toEqual([]);
      const text = allText(pages);
      for (const p of article.model.positions) {
        if (p.side === side) expect(text).toContain(`> “${p.evidence}”`);
        else expect(text).not.toContain(`“${p.evidence}”`);
      }
    }
    for (const topic of article.model.topics) {
      const text = allText(positionsPages(article, { topic: topic.id }));
      for (const p of article.model.positions.filter((x) => x.topic === topic.id))
        expect(text).toContain(p.evidence);
    }
  });

  it('topics each get a cited line and the sides that speak to them', () => {
    const pages = topicsPages(article);
    expectWellFormed(pages);
    expect(uncitedLines(pages)).toEqual([]);
    const text = allText(pages);
    for (const t of article.model.topics) expect(text).toContain(t.line);
  });

  it('quotes are verbatim, with speaker and ¶, and filter by speaker', () => {
    const pages = quotesPages(article);
    expectWellFormed(pages);
    expect(uncitedLines(pages)).toEqual([]);
    for (const q of article.model.quotes) {
      expect(article.paragraph(q.cite)?.text).toContain(q.text);
      expect(allText(pages)).toContain(`“${q.text}” — **${article.actor(q.speaker)?.name}** (¶${q.cite})`);
      const own = allText(quotesPages(article, q.speaker));
      expect(own).toContain(`“${q.text}”`);
    }
  });

  it('/article shows metadata, every paragraph, events and notes; a paragraph verbatim', () => {
    const overview = articleOverviewPages(article);
    expectWellFormed(overview);
    const text = allText(overview);
    for (const n of article.model.notes) expect(text).toContain(n.text);
    for (const e of article.model.events) expect(text).toContain(e.name);
    for (const p of article.model.paragraphs) {
      const pages = paragraphPages(article, p.n);
      expectWellFormed(pages);
      expect(pages.map((pg) => pg.description).join('\n')).toBe(p.text);
      expect(article.sourceText).toContain(p.text);
    }
  });

  it('an out-of-range paragraph is a clear user error', () => {
    const n = article.paragraphCount + 1;
    expect(() => paragraphPages(article, n)).toThrow(UserError);
    expect(() => paragraphPages(article, n)).toThrow(`there is no ¶${n}`);
    expect(() => paragraphPages(article, 0)).toThrow(UserError);
  });
});

describe('main-article specifics', () => {
  let article: Article;
  beforeAll(async () => {
    article = await loadArticle(MAIN);
  });

  it.each([
    ['chase', 'michael-chase'],
    ['Song', 'song-yanchao'],
    ['xi', 'xi-jinping'],
    ['pentagon', 'pentagon'],
  ])('"%s" finds %s', (query, id) => {
    const found = lookupActor(article, query);
    expect(found.kind === 'found' && found.actor.id).toBe(id);
  });

  it('a name not in the article is said so, with close suggestions', () => {
    const missing = lookupActor(article, 'Chace');
    expect(missing.kind).toBe('unknown');
    if (missing.kind !== 'unknown') return;
    expect(missing.suggestions.map((a) => a.id)).toContain('michael-chase');
    const text = allText(unknownActorPages(article, 'Chace', missing.suggestions));
    expect(text).toContain('is not in the article');
    expect(text).toContain('Michael Chase');
    expect(lookupActor(article, 'Lloyd Austin').kind).toBe('unknown');
  });

  it("Chase's two titles are both shown, each with its paragraph", () => {
    const found = lookupActor(article, 'Chase');
    if (found.kind !== 'found') throw new Error('Chase not found');
    const text = allText(profilePages(article, found.actor));
    expect(text).toContain('Deputy Assistant Secretary of Defense (¶4)');
    expect(text).toContain('Assistant Secretary of Defense (¶5)');
  });

  it("the roster shows both of Chase's titles, and the brief summary says who he is", () => {
    const roster = allText(rosterPages(article));
    expect(roster).toContain(
      'Deputy Assistant Secretary of Defense (¶4); Assistant Secretary of Defense (¶5)',
    );
    const brief = allText(summaryPages(article, 'brief'));
    expect(brief).toMatch(/Michael Chase \(Deputy Assistant Secretary of Defense/);
  });

  it('"the" alone names nobody ("the general" is an alias, "the" is not a name)', () => {
    expect(lookupActor(article, 'the').kind).toBe('unknown');
    const general = lookupActor(article, 'the general');
    expect(general.kind === 'found' && general.actor.id).toBe('song-yanchao');
  });

  it('a profile lists quoted words once: as a direct quote, not again as paraphrase', () => {
    const found = lookupActor(article, 'Chinese delegation');
    if (found.kind !== 'found') throw new Error('Chinese delegation not found');
    const text = allText(profilePages(article, found.actor));
    expect(text).toContain('“never compromise”');
    const paraphrased = text.split('\n').filter((l) => l.startsWith('• '));
    expect(paraphrased.length).toBeGreaterThan(0);
    expect(paraphrased.filter((l) => l.includes('never compromise'))).toEqual([]);
    expect(text).toContain('paraphrase with a quoted phrase');
    expect(text).not.toContain('direct quote (');
  });

  it('the outlet is not invented and ¶1/¶5 positions are the article’s own reporting', () => {
    expect(article.model.outlet).not.toBe('Defense News');
    const text = allText(positionsPages(article));
    expect(text).toContain('per the article');
    expect(text).not.toContain('per Defense News');
    const peace = article.model.positions.filter((p) => /peace and stability/i.test(p.stance));
    expect(peace).toHaveLength(1);
  });

  it('names the gap when a side states nothing on a topic', () => {
    expect(allText(positionsPages(article))).toContain('not stated in the article');
  });
});

describe('second fixture article', () => {
  it('answers from its own data: nothing of the main article leaks in', async () => {
    const second = await loadArticle(SECOND);
    const text = [
      ...summaryPages(second, 'full'),
      ...rosterPages(second),
      ...positionsPages(second),
      ...topicsPages(second),
      ...quotesPages(second),
      ...articleOverviewPages(second),
    ]
      .map((p) => allText([p]))
      .join('\n');
    for (const word of ['Taiwan', 'Pentagon', 'Chase', 'Beijing']) expect(text).not.toContain(word);
    expect(text).toContain(second.model.headline);
  });
});

describe('ids fit inside button custom ids', () => {
  it('the longest side, topic and actor ids leave room in every pager id (schema caps them)', async () => {
    const { pageButtonId } = await import('../../src/discord/pages.js');
    const { articleModelSchema } = await import('../../src/article/schema.js');
    const owner = '1'.repeat(20);
    const longest = (ids: string[]) => ids.reduce((a, b) => (b.length > a.length ? b : a), '');
    for (const path of [MAIN, SECOND]) {
      const article = await loadArticle(path);
      const side = longest(article.model.sides.map((s) => s.id));
      const topic = longest(article.model.topics.map((t) => t.id));
      const actor = longest(article.model.actors.map((a) => a.id));
      expect(() => pageButtonId({ command: 'positions', owner, state: [side, topic] }, 9999)).not.toThrow();
      expect(() => pageButtonId({ command: 'who', owner, state: [actor] }, 9999)).not.toThrow();
    }
    // The caps that make this hold for any article.
    const worst = { command: 'positions', owner, state: ['s'.repeat(16), 't'.repeat(32)] };
    expect(() => pageButtonId(worst, 9999)).not.toThrow();
    const model = JSON.parse(JSON.stringify((await loadArticle(MAIN)).model));
    model.topics[0].id = 'x'.repeat(33);
    const parsed = articleModelSchema.safeParse(model);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['topics', 0, 'id']);
  });
});
