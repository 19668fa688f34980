import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIntegrity,
  containsVerbatim,
  findTermSpans,
  foldTypography,
  normalizeForMatch,
  occursAsTerm,
  quotedSegments,
} from '../../src/article/integrity.js';
import type { ArticleModel } from '../../src/article/schema.js';
import { MAIN_ARTICLE_PATH, readModel, SECOND_ARTICLE_PATH } from '../helpers/articles.js';

/** Index of the item with `id`, failing loudly if the model no longer has it. */
function indexOf(items: ReadonlyArray<{ id: string }>, id: string): number {
  const i = items.findIndex((item) => item.id === id);
  if (i < 0) throw new Error(`no item "${id}" in the model`);
  return i;
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item at index ${i}`);
  return item;
}

/** A fresh copy of the main model and text, with `mutate` applied, and its problems. */
function problemsAfter(mutate: (model: ArticleModel) => void, textFrom?: (text: string) => string) {
  const { model, text } = readModel(MAIN_ARTICLE_PATH);
  mutate(model);
  return checkIntegrity(model, textFrom ? textFrom(text) : text);
}

const actorIndex = (model: ArticleModel, id: string) => indexOf(model.actors, id);

describe('checkIntegrity on sound models', () => {
  it('finds no problem in the real article model', () => {
    const { model, text } = readModel(MAIN_ARTICLE_PATH);
    expect(checkIntegrity(model, text)).toEqual([]);
  });

  it('finds no problem in the second fixture (curly quotes in text and model)', () => {
    const { model, text } = readModel(SECOND_ARTICLE_PATH);
    expect(text).toContain('“make Elm Street safe');
    expect(checkIntegrity(model, text)).toEqual([]);
  });

  it('accepts Windows line endings in the source text', () => {
    expect(
      problemsAfter(
        () => {},
        (text) => text.replace(/\n/g, '\r\n'),
      ),
    ).toEqual([]);
  });
});

describe('paragraphs and headline', () => {
  it('reports a paragraph that is not verbatim in the source', () => {
    const problems = problemsAfter((m) => {
      at(m.paragraphs, 2).text = at(m.paragraphs, 2).text.replace('frontline troops', 'front-line troops');
    });
    expect(problems).toContainEqual({
      path: 'paragraphs[2].text',
      reason: '¶3 does not occur verbatim in the source text',
    });
  });

  it('reports paragraphs out of source order', () => {
    const problems = problemsAfter((m) => {
      const second = at(m.paragraphs, 1).text;
      at(m.paragraphs, 1).text = at(m.paragraphs, 2).text;
      at(m.paragraphs, 2).text = second;
    });
    expect(problems).toContainEqual({
      path: 'paragraphs[2].text',
      reason: '¶3 occurs in the source text only before the previous paragraph',
    });
  });

  it('reports a gap in paragraph numbering and cites of the missing number', () => {
    const problems = problemsAfter((m) => {
      at(m.paragraphs, 5).n = 7;
    });
    expect(problems).toContainEqual({
      path: 'paragraphs[5].n',
      reason: 'paragraphs must be numbered 1..n in order: expected 6, found 7',
    });
    expect(problems).toContainEqual({
      path: 'summary.full[5].cites[0]',
      reason: 'cites ¶6, which does not exist (the article has ¶1–¶6)',
    });
  });

  it('reports a headline not in the source', () => {
    expect(
      problemsAfter((m) => {
        m.headline = 'Beijing will never compromise on Taiwan';
      }),
    ).toEqual([{ path: 'headline', reason: 'does not occur verbatim in the source text' }]);
  });
});

describe('citations and verbatim evidence', () => {
  it('reports a cite of a paragraph that does not exist', () => {
    expect(
      problemsAfter((m) => {
        at(m.topics, 0).cites.push(9);
      }),
    ).toEqual([
      { path: 'topics[0].cites[3]', reason: 'cites ¶9, which does not exist (the article has ¶1–¶6)' },
    ]);
  });

  it('reports an uncovered paragraph in the full summary', () => {
    expect(
      problemsAfter((m) => {
        m.summary.full = m.summary.full.filter((p) => !p.cites.includes(3));
      }),
    ).toEqual([{ path: 'summary.full', reason: 'does not cover ¶3' }]);
  });

  it('reports position evidence cited to the wrong paragraph, naming where it is', () => {
    const problems = problemsAfter((m) => {
      at(m.positions, indexOf(m.positions, 'china-taiwan-commitment')).cite = 3;
    });
    const i = indexOf(readModel(MAIN_ARTICLE_PATH).model.positions, 'china-taiwan-commitment');
    expect(problems).toEqual([
      {
        path: `positions[${i}].evidence`,
        reason:
          '"China insisted on its commitment to the Taiwan issue" does not occur verbatim in ¶3 (it occurs in ¶2)',
      },
    ]);
  });

  it('reports action evidence that is not verbatim', () => {
    const problems = problemsAfter((m) => {
      const chase = at(m.actors, actorIndex(m, 'michael-chase'));
      at(chase.actions, 1).evidence = 'Chase reiterated the US commitment to flying and sailing';
    });
    const i = actorIndex(readModel(MAIN_ARTICLE_PATH).model, 'michael-chase');
    expect(problems).toEqual([
      {
        path: `actors[${i}].actions[1].evidence`,
        reason: '"Chase reiterated the US commitment to flying and sailing" does not occur verbatim in ¶5',
      },
    ]);
  });

  it("reports a role title not worded so in its paragraph (Chase's ¶4 title cited to ¶5)", () => {
    const { model } = readModel(MAIN_ARTICLE_PATH);
    const i = actorIndex(model, 'michael-chase');
    const r = at(model.actors, i).roles.findIndex((role) => role.cite === 5);
    expect(
      problemsAfter((m) => {
        at(at(m.actors, i).roles, r).title = 'Deputy Assistant Secretary of Defense';
      }),
    ).toEqual([
      {
        path: `actors[${i}].roles[${r}].title`,
        reason: '"Deputy Assistant Secretary of Defense" does not occur verbatim in ¶5 (it occurs in ¶4)',
      },
    ]);
  });

  it('reports event evidence found in none of its cited paragraphs', () => {
    const { model } = readModel(MAIN_ARTICLE_PATH);
    const e = indexOf(model.events, 'biden-xi-agreement');
    expect(
      problemsAfter((m) => {
        at(m.events, e).evidence = 'took place at the White House';
      }),
    ).toEqual([
      {
        path: `events[${e}].evidence`,
        reason: '"took place at the White House" does not occur verbatim in any cited paragraph (¶4)',
      },
    ]);
  });

  it('reports cites in notes and summary points', () => {
    expect(
      problemsAfter((m) => {
        at(m.notes, 0).cites = [8];
        at(m.summary.brief, 0).cites.push(12);
      }),
    ).toEqual([
      {
        path: 'summary.brief[0].cites[2]',
        reason: 'cites ¶12, which does not exist (the article has ¶1–¶6)',
      },
      { path: 'notes[0].cites[0]', reason: 'cites ¶8, which does not exist (the article has ¶1–¶6)' },
    ]);
  });
});

describe('quotes', () => {
  const { model } = readModel(MAIN_ARTICLE_PATH);
  const q = indexOf(model.quotes, 'never-compromise');

  it('reports quote text that is not in its paragraph', () => {
    expect(
      problemsAfter((m) => {
        at(m.quotes, q).text = 'never compromised';
      }),
    ).toEqual([{ path: `quotes[${q}].text`, reason: '"never compromised" does not occur verbatim in ¶1' }]);
  });

  it('reports quote text that is in its paragraph but not inside quotation marks', () => {
    expect(
      problemsAfter((m) => {
        at(m.quotes, q).text = 'unwavering stance';
      }),
    ).toEqual([
      {
        path: `quotes[${q}].text`,
        reason: '"unwavering stance" occurs in ¶1 but not inside quotation marks',
      },
    ]);
  });

  it('reports a quote cited to a paragraph that does not mention its speaker', () => {
    const problems = problemsAfter((m) => {
      at(m.quotes, q).cite = 2;
    });
    expect(problems).toContainEqual({
      path: `quotes[${q}].cite`,
      reason: 'the speaker is cited at ¶2, which is not among the mentions of actor "chinese-delegation"',
    });
    expect(problems).toContainEqual({
      path: `quotes[${q}].text`,
      reason: '"never compromise" does not occur verbatim in ¶2 (it occurs in ¶1)',
    });
  });

  it('accepts curly quotes in the model against a straight-quoted text', () => {
    expect(
      problemsAfter((m) => {
        const p = at(m.positions, indexOf(m.positions, 'china-taiwan-never-compromise'));
        p.evidence = p.evidence.replace('"never compromise"', '“never compromise”');
      }),
    ).toEqual([]);
  });

  it('accepts straight quotes in the model against a curly-quoted text', () => {
    const curly = (s: string) => s.replace('"never compromise"', '“never compromise”');
    expect(
      problemsAfter(
        (m) => {
          at(m.paragraphs, 0).text = curly(at(m.paragraphs, 0).text);
        },
        (text) => curly(text),
      ),
    ).toEqual([]);
  });
});

describe('cross-references', () => {
  const { model } = readModel(MAIN_ARTICLE_PATH);
  const p = indexOf(model.positions, 'us-open-communication');

  it('reports unknown holder, account, topic and side of a position', () => {
    expect(
      problemsAfter((m) => {
        const position = at(m.positions, p);
        position.holder = 'nobody';
        position.account = 'no-outlet';
        position.topic = 'weather';
        position.side = 'russia';
      }),
    ).toEqual([
      { path: `positions[${p}].holder`, reason: 'unknown actor "nobody"' },
      { path: `positions[${p}].account`, reason: 'unknown actor "no-outlet"' },
      { path: `positions[${p}].topic`, reason: 'unknown topic "weather"' },
      { path: `positions[${p}].side`, reason: 'unknown side "russia" (expected a side id or "both")' },
    ]);
  });

  it('reports a position side that contradicts its holder\'s side, but allows "both"', () => {
    expect(
      problemsAfter((m) => {
        at(m.positions, p).side = 'china';
      }),
    ).toEqual([
      {
        path: `positions[${p}].side`,
        reason: 'side "china" differs from the side "us" of holder "united-states"',
      },
    ]);
    expect(
      problemsAfter((m) => {
        at(m.positions, p).side = 'both';
      }),
    ).toEqual([]);
  });

  it('reports a direct-quote position whose evidence is mostly paraphrase around a quoted phrase', () => {
    const q = indexOf(model.positions, 'china-taiwan-never-compromise');
    expect(
      problemsAfter((m) => {
        at(m.positions, q).form = 'direct-quote';
      }),
    ).toEqual([
      {
        path: `positions[${q}].form`,
        reason: 'is direct-quote, but most of the evidence is outside its quoted words (quoted-phrase?)',
      },
    ]);
  });

  it('reports a position that repeats another of the same holder under another topic', () => {
    const copy = { ...at(model.positions, p), id: 'copy', topic: 'taiwan' };
    expect(
      problemsAfter((m) => {
        m.positions.push(copy);
      }),
    ).toEqual([
      {
        path: `positions[${model.positions.length}]`,
        reason: `repeats positions[${p}] (same holder and stance or evidence)`,
      },
    ]);
  });

  it('reports a direct-quote position whose evidence quotes nothing', () => {
    expect(
      problemsAfter((m) => {
        at(m.positions, p).form = 'direct-quote';
      }),
    ).toEqual([
      { path: `positions[${p}].form`, reason: 'is direct-quote, but the evidence contains no quoted words' },
    ]);
  });

  it('reports unknown speaker, account and topic of a quote', () => {
    expect(
      problemsAfter((m) => {
        const quote = at(m.quotes, 0);
        quote.speaker = 'ghost';
        quote.account = 'rumour';
        quote.topic = 'nothing';
      }),
    ).toEqual([
      { path: 'quotes[0].speaker', reason: 'unknown actor "ghost"' },
      { path: 'quotes[0].account', reason: 'unknown actor "rumour"' },
      { path: 'quotes[0].topic', reason: 'unknown topic "nothing"' },
    ]);
  });

  it('reports unknown event participants and places, and places that are not places', () => {
    const e = indexOf(model.events, 'pentagon-talks');
    expect(
      problemsAfter((m) => {
        at(m.events, e).participants.push('us-navy');
        at(m.events, e).place = 'arlington';
      }),
    ).toEqual([
      { path: `events[${e}].participants[4]`, reason: 'unknown actor "us-navy"' },
      { path: `events[${e}].place`, reason: 'unknown actor "arlington"' },
    ]);
    expect(
      problemsAfter((m) => {
        at(m.events, e).place = 'michael-chase';
      }),
    ).toEqual([
      {
        path: `events[${e}].place`,
        reason: 'actor "michael-chase" is a person, not a place or organisation',
      },
    ]);
    // An organisation may stand for its building, and a place is a place.
    expect(
      problemsAfter((m) => {
        at(m.events, e).place = 'washington';
      }),
    ).toEqual([]);
  });

  it("reports an actor's unknown side", () => {
    const i = actorIndex(model, 'michael-chase');
    expect(
      problemsAfter((m) => {
        at(m.actors, i).side = 'nato';
      }),
    ).toEqual([{ path: `actors[${i}].side`, reason: 'unknown side "nato"' }]);
  });

  it('reports duplicate ids per collection and the reserved side id', () => {
    expect(
      problemsAfter((m) => {
        m.actors.push(structuredClone(at(m.actors, 0)));
        m.notes.push({ ...at(m.notes, 1) });
        m.sides.push({ id: 'both', name: 'Both', short: 'Both' });
      }),
    ).toEqual([
      { path: `actors[${model.actors.length}].id`, reason: 'duplicate id "china" (also actors[0])' },
      {
        path: `notes[${model.notes.length}].id`,
        reason: `duplicate id "${at(model.notes, 1).id}" (also notes[1])`,
      },
      { path: 'sides[2].id', reason: '"both" is reserved for stances of both sides' },
    ]);
  });
});

describe('actors: aliases, names and mentions', () => {
  const { model } = readModel(MAIN_ARTICLE_PATH);

  it('reports an alias made only of common words, but not an acronym such as "US"', () => {
    const i = actorIndex(model, 'song-yanchao');
    const n = at(model.actors, i).aliases.length;
    expect(
      problemsAfter((m) => {
        at(m.actors, i).aliases.push({ text: 'the one', shortForm: true });
      }),
    ).toEqual([{ path: `actors[${i}].aliases[${n}].text`, reason: 'alias "the one" is only common words' }]);
    expect(model.actors.some((a) => a.aliases.some((x) => x.text === 'US'))).toBe(true);
  });

  it("reports a country's name as the alias of something that is not a state (Philippine vessels)", () => {
    const i = actorIndex(model, 'philippine-vessels');
    const n = at(model.actors, i).aliases.length;
    expect(
      problemsAfter((m) => {
        at(m.actors, i).aliases.push({ text: 'Philippines', shortForm: true });
      }),
    ).toEqual([
      {
        path: `actors[${i}].aliases[${n}].text`,
        reason: 'alias "Philippines" names a country, but "philippine-vessels" is a group',
      },
    ]);
  });

  it('reports an alias that is not in the text unless it is marked shortForm', () => {
    const i = actorIndex(model, 'song-yanchao');
    const n = at(model.actors, i).aliases.length;
    expect(
      problemsAfter((m) => {
        at(m.actors, i).aliases.push({ text: 'General Yanchao', shortForm: false });
      }),
    ).toEqual([
      {
        path: `actors[${i}].aliases[${n}].text`,
        reason:
          'alias "General Yanchao" does not occur in the article text (mark it shortForm if it need not)',
      },
    ]);
    expect(
      problemsAfter((m) => {
        at(m.actors, i).aliases.push({ text: 'General Yanchao', shortForm: true });
      }),
    ).toEqual([]);
  });

  it('reports an actor tied to the text by neither its name nor an alias', () => {
    const i = actorIndex(model, 'us-delegation');
    expect(
      problemsAfter((m) => {
        for (const alias of at(m.actors, i).aliases) alias.shortForm = true;
      }),
    ).toEqual([
      {
        path: `actors[${i}].name`,
        reason: 'neither "US delegation" nor any non-shortForm alias occurs in the article text',
      },
    ]);
  });

  it('reports a name or alias shared by two actors', () => {
    const i = actorIndex(model, 'united-states');
    const n = at(model.actors, i).aliases.length;
    expect(
      problemsAfter((m) => {
        at(m.actors, i).aliases.push({ text: 'beijing', shortForm: true });
      }),
    ).toEqual([
      {
        path: `actors[${i}].aliases[${n}].text`,
        reason: '"beijing" is also a name or alias of actor "china"',
      },
    ]);
  });

  it('reports a paragraph where the actor is named but which its mentions omit', () => {
    const i = actorIndex(model, 'china');
    expect(
      problemsAfter((m) => {
        at(m.actors, i).mentions = at(m.actors, i).mentions.filter((n) => n !== 3);
      }),
    ).toEqual([{ path: `actors[${i}].mentions`, reason: '"China" occurs in ¶3, but ¶3 is not listed' }]);
  });

  it('does not count a name inside a longer name of another actor ("South China Sea")', () => {
    // ¶5 has "China" only inside "South China Sea".
    expect(
      problemsAfter((m) => {
        const china = at(m.actors, actorIndex(m, 'china'));
        china.mentions = china.mentions.filter((n) => n !== 5);
      }),
    ).toEqual([]);
  });

  it('reports an action or role cited outside the actor mentions', () => {
    const i = actorIndex(model, 'joe-biden');
    expect(
      problemsAfter((m) => {
        at(at(m.actors, i).actions, 0).cite = 5;
      }),
    ).toEqual([
      {
        path: `actors[${i}].actions[0].evidence`,
        reason: `"${at(at(model.actors, i).actions, 0).evidence}" does not occur verbatim in ¶5 (it occurs in ¶4)`,
      },
      {
        path: `actors[${i}].actions[0].cite`,
        reason: 'cites ¶5, which is not among the mentions of actor "joe-biden"',
      },
    ]);
    const j = actorIndex(model, 'song-yanchao');
    expect(
      problemsAfter((m) => {
        at(at(m.actors, j).roles, 0).cite = 6;
      }),
    ).toEqual([
      {
        path: `actors[${j}].roles[0].title`,
        reason: '"Major General" does not occur verbatim in ¶6 (it occurs in ¶4)',
      },
      {
        path: `actors[${j}].roles[0].cite`,
        reason: 'cites ¶6, which is not among the mentions of actor "song-yanchao"',
      },
    ]);
  });

  it("reports a position cited where its holder isn't mentioned", () => {
    const p = indexOf(model.positions, 'china-maritime-air-security');
    expect(
      problemsAfter((m) => {
        const position = at(m.positions, p);
        position.holder = 'china';
        position.cite = 3;
        const china = at(m.actors, actorIndex(m, 'china'));
        china.mentions = china.mentions.filter((n) => n !== 3);
        // Keep "China" in ¶3 from being reported as an omitted mention too.
        china.name = 'China (state)';
        china.aliases = china.aliases.filter((a) => a.text === 'Beijing');
      }),
    ).toEqual([
      {
        path: `positions[${p}].cite`,
        reason: 'the holder is cited at ¶3, which is not among the mentions of actor "china"',
      },
    ]);
  });
});

describe('text matching helpers', () => {
  it('matches terms as whole words, case-insensitively', () => {
    expect(occursAsTerm('talks with US counterparts', 'us')).toBe(true);
    expect(occursAsTerm('recent discussions', 'US')).toBe(false);
    expect(occursAsTerm("Chase's reaffirmation", 'Chase')).toBe(true);
    expect(occursAsTerm('the Chasers', 'Chase')).toBe(false);
    expect(findTermSpans('the  South\nChina Sea', 'South China Sea')).toEqual([[5, 20]]);
  });

  it('finds exactly the spans a lookaround pattern finds, astral letters and accents included', () => {
    // The reference: the straightforward pattern findTermSpans replaced (same spans, slower to build).
    const reference = (text: string, term: string) => {
      const words = normalizeForMatch(term).split(' ').filter(Boolean);
      if (words.length === 0) return [];
      const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
      return [...foldTypography(text).matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
    };
    const piece = fc.constantFrom(
      'a',
      'A',
      'b',
      'us',
      'US',
      'é',
      '𝐀',
      '7',
      ' ',
      '  ',
      '\n',
      '.',
      "'",
      '’',
      '-',
      'a.b',
    );
    const text = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
    const term = fc.array(fc.constantFrom('a', 'us', 'b', 'é', '𝐀', ' ', 'a.b', "'"), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(text, term, (t, parts) => {
        const q = parts.join('');
        expect(findTermSpans(t, q)).toEqual(reference(t, q));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds typographic quotes and whitespace for verbatim comparison', () => {
    expect(normalizeForMatch('the city’s  “plan”\u00A0now')).toBe('the city\'s "plan" now');
    expect(containsVerbatim('he said “never”', 'said "never"')).toBe(true);
    expect(containsVerbatim('he said “never”', 'Said "never"')).toBe(false);
  });

  it('finds quoted passages without taking apostrophes for quotes', () => {
    expect(quotedSegments(`Beijing will 'never compromise' on Taiwan: Chinese military tells US`)).toEqual([
      'never compromise',
    ]);
    expect(quotedSegments("the United States' support for China's island")).toEqual([]);
    expect(quotedSegments('they deemed “provocative actions” and "never"')).toEqual([
      'provocative actions',
      'never',
    ]);
  });
});
