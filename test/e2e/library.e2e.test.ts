import type { EmulatedMessage } from '@parley/discord-emulator';
import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { Library, loadLibrary } from '../../src/library/library.js';
import { ARTICLE_OPTION } from '../../src/library/option.js';
import { loadSecondArticle, REPO_ROOT } from '../helpers/articles.js';
import { type Harness, messageOf, startHarness, textOf } from '../helpers/harness.js';

/** Every article in data/articles, plus the bike-lane fixture (its id is not its folder's name). */
async function fullLibrary(): Promise<Library> {
  const served = await loadLibrary(`${REPO_ROOT}data/articles`);
  return new Library([...served.articles, await loadSecondArticle()], served.defaultArticle.id);
}

const library = await fullLibrary();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ start: { library } });
});
afterAll(async () => {
  await h?.close();
});

/** The owner of the main server has Manage Server. */
async function use(article: Article): Promise<void> {
  const message = messageOf(
    await h.emu.command({ user: 'owner', name: 'articles use', options: { [ARTICLE_OPTION]: article.id } }),
  );
  expect(message.content).toContain(article.title);
}

/** The line of /articles list that names an article, and whether it is marked as this server's. */
async function listedAsCurrent(article: Article): Promise<boolean> {
  const list = messageOf(await h.emu.command({ user: 'ana', name: 'articles list' }));
  const line = textOf(list)
    .split('\n')
    .find((l) => l.includes(`**${article.title}**`));
  if (line === undefined) throw new Error(`${article.id} is not in /articles list: ${textOf(list)}`);
  return line.startsWith('▶');
}

async function commentList(): Promise<string> {
  const message = messageOf(await h.emu.command({ user: 'ana', name: 'comment list' }));
  return textOf(message);
}

/** A comment added now is on the server's article (its card names it) and in /comment list. */
async function commentLandsOn(article: Article, user: string, text: string): Promise<void> {
  const card = messageOf(await h.emu.command({ user, name: 'comment add', options: { text, on: 'p:1' } }));
  expect(textOf(card)).toContain(article.title);
  expect(await commentList()).toContain(text);
}

describe('a server switches article and sees that article’s discussion only', () => {
  it('the comments of the article left behind come back when the server switches back', async () => {
    const first = library.defaultArticle;
    const other = library.articles.find((a) => a.id !== first.id);
    if (!other) throw new Error('the library needs two articles');
    expect(await listedAsCurrent(first)).toBe(true);
    expect(await listedAsCurrent(other)).toBe(false);

    const onFirst = 'Switch test: a comment on the first article.';
    await commentLandsOn(first, 'ana', onFirst);

    await use(other);
    expect(await listedAsCurrent(other)).toBe(true);
    expect(await listedAsCurrent(first)).toBe(false);
    expect(await commentList()).not.toContain(onFirst);
    const onOther = 'Switch test: a comment on the other article.';
    await commentLandsOn(other, 'ben', onOther);

    await use(first);
    expect(await listedAsCurrent(first)).toBe(true);
    const back = await commentList();
    expect(back).toContain(onFirst);
    expect(back).not.toContain(onOther);
    expect(h.emu.errors()).toEqual([]);
  });
});

/**
 * The article commands, from the loader: those also offered in DMs (articleCommand), as opposed to
 * the server-only /articles, /comment and /moderate.
 */
function articleCommands() {
  return [...h.bot.commands.values()]
    .map((c) => c.data.toJSON())
    .filter((c) => c.contexts?.includes(InteractionContextType.BotDM));
}

/** Values for the required options of an article command, drawn from the article itself. */
function requiredOptions(article: Article, name: string): Record<string, string> {
  const actor = article.model.actors[0];
  if (!actor) throw new Error(`${article.id} has no actors`);
  const values: Record<string, string> = { question: `Who is ${actor.name}?` };
  const json = articleCommands().find((c) => c.name === name);
  const options: Record<string, string> = {};
  for (const o of json?.options ?? []) {
    if (!('required' in o) || !o.required) continue;
    const value = values[o.name];
    if (value === undefined) throw new Error(`no value for /${name} ${o.name}: add one to requiredOptions`);
    options[o.name] = value;
  }
  return options;
}

describe('each article in the library answers every article command', () => {
  it('the library and the commands are what the test expects to cover', () => {
    expect(library.ids()).toContain('elm-street-bike-lane');
    expect(library.articles.length).toBeGreaterThanOrEqual(3);
    expect(articleCommands().map((c) => c.name)).toEqual(
      expect.arrayContaining(['summary', 'who', 'positions', 'topics', 'quotes', 'article', 'ask', 'help']),
    );
  });

  it.each(library.articles.map((a) => [a.id, a] as const))('%s', async (_id, article) => {
    const elsewhere = library.articles.find((a) => a.id !== article.id);
    if (!elsewhere) throw new Error('the library needs two articles');
    // With the option, while the server discusses another article; without one, after switching.
    await use(elsewhere);
    const withOption = articleCommands().filter((c) =>
      (c.options ?? []).some(
        (o) => o.name === ARTICLE_OPTION && o.type === ApplicationCommandOptionType.String,
      ),
    );
    const withoutOption = articleCommands().filter((c) => !withOption.includes(c));
    const answers: [string, EmulatedMessage][] = [];
    for (const c of withOption) {
      const options = { ...requiredOptions(article, c.name), [ARTICLE_OPTION]: article.id };
      answers.push([c.name, messageOf(await h.emu.command({ user: 'ana', name: c.name, options }))]);
    }
    await use(article);
    for (const c of withoutOption) {
      const options = requiredOptions(article, c.name);
      answers.push([c.name, messageOf(await h.emu.command({ user: 'ana', name: c.name, options }))]);
    }
    // Refusals are plain text; an answer is an embed naming the headline (cut to fit in footers).
    const headlineStart = article.title.slice(0, 30);
    for (const [name, message] of answers) {
      const text = textOf(message);
      expect(message.embeds.length, `/${name}: ${text}`).toBeGreaterThan(0);
      expect(text, `/${name}`).toContain(headlineStart);
      expect(text, `/${name}`).not.toContain(elsewhere.title.slice(0, 30));
    }
    const ask = answers.find(([name]) => name === 'ask')?.[1];
    expect(textOf(ask)).toContain(article.model.actors[0]?.name);
    expect(h.emu.errors()).toEqual([]);
  });
});
