import { ApplicationCommandOptionType } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import askCommand from '../../commands/ask.js';
import type { Article } from '../../src/article/article.js';
import { answerQuestion } from '../../src/ask/answer.js';
import { askPages, askReply } from '../../src/ask/reply.js';
import { engineOf, loadMainArticle, loadSecondArticle } from '../helpers/articles.js';
import { embedLines, embedProblems } from '../helpers/embeds.js';
import { evalSet } from './eval-set.js';

/** Lines that state nothing from the article: pointers, the caveat, the decline's own words. */
const META = [
  /^More: /,
  /^\*The article doesn't say yes or no/,
  /^The article doesn't say/,
  /^Answers come only/,
];

describe('/ask replies', () => {
  let article: Article;
  let second: Article;
  beforeAll(async () => {
    [article, second] = await Promise.all([loadMainArticle(), loadSecondArticle()]);
  });

  it('answer: title is the question, then the direct answer, “verbatim” (¶n) lines, and pointers', () => {
    const result = answerQuestion(engineOf(article), 'Who led the Chinese delegation?');
    const [embed] = askPages(article, result);
    expect(embed?.title).toBe('Who led the Chinese delegation?');
    const lines = embed ? embedLines(embed) : [];
    expect(lines[0]).toMatch(/^\*\*Chinese delegation\*\*: .*Song Yanchao.*\(¶1, ¶3, ¶4\)$/);
    expect(lines.some((l) => /^> “Led by US Deputy Assistant Secretary of Defense .*” \(¶4\)$/.test(l))).toBe(
      true,
    );
    expect(lines.at(-1)).toMatch(/^More: \/who name:Chinese delegation/);
  });

  it('decline: says the article doesn’t say, and what it does cover, with ¶', () => {
    const [embed] = askPages(article, answerQuestion(engineOf(article), 'What did Japan say?'));
    const text = embed?.description ?? '';
    expect(text).toContain("The article doesn't say: it never mentions **Japan**.");
    expect(text).toMatch(/It does cover: .+ \(¶\d/);
  });

  it.each([
    ['main', () => article],
    ['second', () => second],
  ])('every reply on the %s article fits Discord and cites ¶ on each statement', (_label, get) => {
    const questions = [
      ...evalSet.map((c) => c.question),
      'What happened?',
      'Who is Ortiz?',
      'How many crashes?',
    ];
    for (const question of questions) {
      const reply = askReply(get(), answerQuestion(engineOf(get()), question));
      expect(reply.embeds).toHaveLength(1);
      const embed = reply.embeds?.[0];
      if (!embed) continue;
      expect(embedProblems(embed)).toEqual([]);
      for (const line of embedLines(embed)) {
        if (META.some((re) => re.test(line))) continue;
        expect(line, question).toMatch(/¶\d/);
      }
    }
  });

  it('clips a long question in the title', () => {
    const question = `What did the Pentagon say ${'about the talks '.repeat(17)}?`;
    const [embed] = askPages(article, answerQuestion(engineOf(article), question));
    expect(embed?.title?.length).toBeLessThanOrEqual(200);
  });

  it('the slash command takes one required question of at most 300 characters', () => {
    const json = askCommand.data.toJSON();
    expect(json.name).toBe('ask');
    const [option] = json.options ?? [];
    expect(option?.type).toBe(ApplicationCommandOptionType.String);
    expect(option && 'required' in option && option.required).toBe(true);
    expect(option && 'max_length' in option && option.max_length).toBe(300);
  });

  it.each([
    ['main', () => article],
    ['second', () => second],
  ])('its /help examples on the %s article are answered', (_label, get) => {
    const examples = askCommand.examples?.(get()) ?? [];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const question = example.replace('/ask question:', '');
      expect(answerQuestion(engineOf(get()), question).kind, question).toBe('answer');
    }
  });
});
