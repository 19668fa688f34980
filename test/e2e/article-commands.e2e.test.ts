import type { EmulatedMessage } from '@parley/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../src/article/article.js';
import { embedOf, type Harness, labels, messageOf, startHarness, textOf } from '../helpers/harness.js';

/** Every REST call the bot made was accepted, and each interaction was answered within 3 s. */
function expectCleanRun(h: Harness) {
  expect(h.emu.errors()).toEqual([]);
}

describe('article commands through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['brief', 'Summary (brief)'],
    ['standard', 'Summary (standard)'],
    ['full', 'Summary (full)'],
  ])('/summary length:%s', async (length, footer) => {
    const result = await h.emu.command({ user: 'ana', name: 'summary', options: { length } });
    expect(result.inTime).toBe(true);
    const embed = embedOf(messageOf(result));
    expect(embed.title).toBe(h.article.model.headline);
    expect(embed.footer?.text).toContain(footer);
    for (const point of h.article.model.summary[length as 'brief'])
      expect(embed.description).toContain(point.text);
    expectCleanRun(h);
  });

  it('/summary without options is the standard summary, public', async () => {
    const message = messageOf(await h.emu.command({ user: 'ana', name: 'summary' }));
    expect(message.ephemeral).toBe(false);
    expect(embedOf(message).footer?.text).toContain('Summary (standard)');
  });

  it('/who lists the roster by side, and a profile by alias', async () => {
    const roster = messageOf(await h.emu.command({ user: 'ana', name: 'who' }));
    for (const side of h.article.model.sides) expect(textOf(roster)).toContain(side.name);
    const song = messageOf(
      await h.emu.command({ user: 'ana', name: 'who', options: { name: 'the general' } }),
    );
    expect(embedOf(song).title).toBe('Song Yanchao');
    expect(textOf(song)).toContain('Major General (¶4)');
    expectCleanRun(h);
  });

  it('/who for someone not in the article answers privately with suggestions', async () => {
    const message = messageOf(await h.emu.command({ user: 'ana', name: 'who', options: { name: 'Chace' } }));
    expect(message.ephemeral).toBe(true);
    expect(textOf(message)).toContain('is not in the article');
    expect(textOf(message)).toContain('Michael Chase');
  });

  it('/who autocompletes names by alias and part, case-insensitively', async () => {
    const chase = await h.emu.autocomplete({
      user: 'ana',
      name: 'who',
      focused: 'name',
      options: { name: 'chase' },
    });
    expect(chase[0]).toEqual({ name: 'Michael Chase', value: 'michael-chase' });
    const xi = await h.emu.autocomplete({
      user: 'ana',
      name: 'who',
      focused: 'name',
      options: { name: 'XI' },
    });
    expect(xi.map((c) => c.value)).toContain('xi-jinping');
    const all = await h.emu.autocomplete({
      user: 'ana',
      name: 'who',
      focused: 'name',
      options: { name: '' },
    });
    expect(all.length).toBe(Math.min(25, h.article.model.actors.length));
    // The autocompleted value (an id) resolves to the same profile.
    const byId = messageOf(
      await h.emu.command({ user: 'ana', name: 'who', options: { name: 'michael-chase' } }),
    );
    expect(embedOf(byId).title).toBe('Michael Chase');
    expectCleanRun(h);
  });

  it('/positions side by side, filtered by side or topic (typed or autocompleted)', async () => {
    const all = messageOf(await h.emu.command({ user: 'ana', name: 'positions' }));
    expect(textOf(all)).toContain('not stated in the article');
    const sides = await h.emu.autocomplete({
      user: 'ana',
      name: 'positions',
      focused: 'side',
      options: { side: '' },
    });
    expect(sides.map((s) => s.value)).toEqual([...h.article.model.sides.map((s) => s.id), 'both']);
    const topics = await h.emu.autocomplete({
      user: 'ana',
      name: 'positions',
      focused: 'topic',
      options: { topic: 'taiw' },
    });
    expect(topics[0]?.value).toBe('taiwan');
    const filtered = messageOf(
      await h.emu.command({ user: 'ana', name: 'positions', options: { side: 'US', topic: 'taiwan' } }),
    );
    expect(embedOf(filtered).title).toBe('Positions — United States on Taiwan');
    expect(textOf(filtered)).toContain('(¶6)');
    expect(textOf(filtered)).not.toContain('**China:**');
    expectCleanRun(h);
  });

  it('/positions with an unknown side or topic explains the choices privately', async () => {
    const side = messageOf(
      await h.emu.command({ user: 'ana', name: 'positions', options: { side: 'Japan' } }),
    );
    expect(side.ephemeral).toBe(true);
    expect(side.content).toContain('is not a side in the article');
    const topic = messageOf(
      await h.emu.command({ user: 'ana', name: 'positions', options: { topic: 'tariffs' } }),
    );
    expect(topic.content).toContain('The article has no topic');
  });

  it('/topics and /quotes (all, and by speaker)', async () => {
    const topics = messageOf(await h.emu.command({ user: 'ana', name: 'topics' }));
    for (const t of h.article.model.topics) expect(textOf(topics)).toContain(t.name);
    const quotes = messageOf(await h.emu.command({ user: 'ana', name: 'quotes' }));
    for (const q of h.article.model.quotes) expect(textOf(quotes)).toContain(`“${q.text}”`);
    const speakers = await h.emu.autocomplete({
      user: 'ana',
      name: 'quotes',
      focused: 'speaker',
      options: { speaker: '' },
    });
    expect(speakers.length).toBeGreaterThan(0);
    const first = speakers[0]?.value ?? '';
    const own = messageOf(await h.emu.command({ user: 'ana', name: 'quotes', options: { speaker: first } }));
    expect(embedOf(own).title).toContain('Direct quotes —');
    const nobody = messageOf(
      await h.emu.command({ user: 'ana', name: 'quotes', options: { speaker: 'Lloyd Austin' } }),
    );
    expect(nobody.ephemeral).toBe(true);
    expectCleanRun(h);
  });

  it('/article: overview, a paragraph verbatim, and a clear error out of range', async () => {
    const overview = messageOf(await h.emu.command({ user: 'ana', name: 'article' }));
    expect(textOf(overview)).toContain('the article gives no date');
    const five = messageOf(await h.emu.command({ user: 'ana', name: 'article', options: { paragraph: 5 } }));
    expect(embedOf(five).description).toBe(h.article.paragraph(5)?.text);
    const nine = messageOf(await h.emu.command({ user: 'ana', name: 'article', options: { paragraph: 9 } }));
    expect(nine.ephemeral).toBe(true);
    expect(nine.content).toBe('The article has 6 paragraphs (¶1–¶6); there is no ¶9.');
    expectCleanRun(h);
  });

  it('/help is private and lists every command, with clickable mentions once deployed', async () => {
    const message = messageOf(await h.emu.command({ user: 'ana', name: 'help' }));
    expect(message.ephemeral).toBe(true);
    const text = textOf(message);
    for (const name of h.bot.commands.keys()) expect(text).toMatch(new RegExp(`</${name}(?: [a-z]+)?:\\d+>`));
  });

  it('/ask answers from the article with a verbatim quote, declines what it does not say', async () => {
    const answered = messageOf(
      await h.emu.command({
        user: 'ana',
        name: 'ask',
        options: { question: 'Who led the Chinese delegation?' },
      }),
    );
    const text = textOf(answered);
    expect(text).toContain('Song Yanchao');
    expect(text).toContain(`“${h.article.paragraph(4)?.text.split('. ')[1]?.slice(0, 40)}`);
    expect(text).toContain('(¶4)');
    const declined = messageOf(
      await h.emu.command({
        user: 'ana',
        name: 'ask',
        options: { question: 'What is the population of Taiwan?' },
      }),
    );
    expect(textOf(declined)).toContain("The article doesn't say");
    const blank = messageOf(await h.emu.command({ user: 'ana', name: 'ask', options: { question: '   ' } }));
    expect(blank.ephemeral).toBe(true);
    expectCleanRun(h);
  });

  it('article commands work in a DM with the bot', async () => {
    const message = messageOf(
      await h.emu.command({ user: 'ana', guild: null, name: 'who', options: { name: 'Chase' } }),
    );
    expect(embedOf(message).title).toBe('Michael Chase');
    expectCleanRun(h);
  });
});

describe('paginated answers', () => {
  let h: Harness;
  beforeAll(async () => {
    // The real model, with a full summary long enough to need several pages.
    const base = await (await import('../helpers/articles.js')).loadMainArticle();
    const full = Array.from({ length: 60 }, (_, i) => ({
      text: `Point ${i + 1}: ${'a long and careful restatement of the paragraph '.repeat(3)}`,
      cites: [(i % 6) + 1],
    }));
    const article = new Article({ ...base.model, summary: { ...base.model.summary, full } }, base.sourceText);
    h = await startHarness({ article });
  });
  afterAll(async () => {
    await h?.close();
  });

  const pageOf = (m: EmulatedMessage) =>
    embedOf(m)
      .footer?.text.match(/Page (\d+)\/(\d+)/)
      ?.slice(1)
      .map(Number);

  it('turn in a DM too (no member there: the owner is the user)', async () => {
    const first = messageOf(
      await h.emu.command({ user: 'ben', guild: null, name: 'summary', options: { length: 'full' } }),
    );
    expect(labels(first)).toEqual(['◀', '▶']);
    const second = messageOf(await h.emu.click(first, { user: 'ben', label: '▶' }));
    expect(pageOf(second)?.[0]).toBe(2);
  });

  it('turn with ◀ ▶ for the member who asked, never cutting text', async () => {
    const first = messageOf(
      await h.emu.command({ user: 'ana', name: 'summary', options: { length: 'full' } }),
    );
    const [page, total] = pageOf(first) ?? [];
    expect(page).toBe(1);
    expect(total).toBeGreaterThan(1);
    expect(labels(first)).toEqual(['◀', '▶']);
    const second = messageOf(await h.emu.click(first, { user: 'ana', label: '▶' }));
    expect(second.id).toBe(first.id);
    expect(pageOf(second)?.[0]).toBe(2);
    // Every point appears on exactly one page (walked from a fresh answer).
    const seen: string[] = [];
    let current = messageOf(
      await h.emu.command({ user: 'ana', name: 'summary', options: { length: 'full' } }),
    );
    for (let i = 1; i <= (total ?? 0); i++) {
      if (i > 1) current = messageOf(await h.emu.click(current, { user: 'ana', label: '▶' }));
      seen.push(embedOf(current).description ?? '');
    }
    for (let i = 1; i <= 60; i++) expect(seen.filter((d) => d.includes(`Point ${i}:`)).length).toBe(1);
    expectCleanRun(h);
  });

  it("someone else's press gets their own private copy; the shared message stays put", async () => {
    const first = messageOf(
      await h.emu.command({ user: 'ana', name: 'summary', options: { length: 'full' } }),
    );
    const result = await h.emu.click(first, { user: 'ben', label: '▶' });
    const copy = messageOf(result);
    expect(copy.id).not.toBe(first.id);
    expect(copy.ephemeral).toBe(true);
    expect(pageOf(copy)?.[0]).toBe(2);
    expect(pageOf(h.emu.message(first.id) ?? first)?.[0]).toBe(1);
    expectCleanRun(h);
  });

  it('buttons still answer after a restart (pages rebuild from the button itself)', async () => {
    const first = messageOf(
      await h.emu.command({ user: 'ana', name: 'summary', options: { length: 'full' } }),
    );
    await h.restartBot();
    const next = messageOf(await h.emu.click(first, { user: 'ana', label: '▶' }));
    expect(pageOf(next)?.[0]).toBe(2);
    expectCleanRun(h);
  });
});
