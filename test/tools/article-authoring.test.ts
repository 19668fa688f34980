import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel, formatReport, lineColumn } from '../../tools/article/check.js';
import { draftModel, sentencesOf, splitArticle } from '../../tools/article/draft.js';

const TEXT = readFileSync(new URL('../fixtures/authoring/marren-bay.txt', import.meta.url), 'utf8');

/** What a person does once every candidate is confirmed as it stands: remove the marks. */
const confirmAll = (model: unknown): string =>
  JSON.stringify(model, (key, value: unknown) => (key === 'draft' ? undefined : value), 2);

describe('npm run article -- new (draft)', () => {
  const model = draftModel({ id: 'marren-bay', text: TEXT });

  it('splits headline, front matter and body paragraphs exactly as written', () => {
    const { headline, front, paragraphs } = splitArticle(TEXT);
    expect(headline).toBe("Marren Bay water board approves desalination plant over fishers' objections");
    expect(front).toEqual(['The Marren Bay Courier — Local News']);
    expect(paragraphs).toHaveLength(7);
    for (const p of model.paragraphs) expect(TEXT).toContain(p.text);
    expect(model.outlet).toBe('The Marren Bay Courier');
    expect(model.section).toBe('Local News');
  });

  it('finds the named people and organisations, with surnames as aliases', () => {
    const names = model.actors.map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Ines Okafor',
        'Tomas Lindqvist',
        'Petra Haldane',
        'Owen Price',
        'Marren Bay Water Board',
        "Marren Bay Fishers' Cooperative",
      ]),
    );
    const okafor = model.actors.find((a) => a.name === 'Ines Okafor');
    expect(okafor?.aliases).toEqual([{ text: 'Okafor' }]);
    expect(okafor?.mentions).toEqual([2, 7]);
  });

  it('drafts every quoted passage with its nearest speaker, and "X said" sentences as positions', () => {
    const quote = model.quotes.find((q) => String(q.text).startsWith('We are being asked'));
    expect(quote).toMatchObject({ speaker: 'tomas-lindqvist', cite: 3, draft: true });
    const okafor = model.positions.find((p) => p.holder === 'ines-okafor' && p.cite === 2);
    expect(okafor?.evidence).toBe('Board chair Ines Okafor said the town could not rely on rainfall alone.');
    expect(okafor?.form).toBe('paraphrase');
    // Every candidate waits for a person.
    for (const item of [...model.actors, ...model.quotes, ...model.positions, ...model.topics]) {
      expect(item).toMatchObject({ draft: true });
    }
  });

  it('is accepted by check once its draft marks are resolved — and not before', () => {
    const drafted = checkModel(JSON.stringify(model), TEXT);
    expect(drafted.errors).toEqual([]);
    expect(drafted.drafts.length).toBeGreaterThan(20);
    expect(drafted.drafts).toContain('actors[ines-okafor]');
    const confirmed = checkModel(confirmAll(model), TEXT);
    expect(confirmed).toEqual({ errors: [], warnings: confirmed.warnings, drafts: [] });
    expect(formatReport('marren-bay', confirmed)).toMatch(/^✔ marren-bay: ready to serve/);
  });

  it('keeps sentences verbatim', () => {
    expect(sentencesOf('He said "no." Then he left. It rained.')).toEqual([
      'He said "no."',
      'Then he left.',
      'It rained.',
    ]);
  });
});

describe('npm run article -- check', () => {
  const model = JSON.parse(confirmAll(draftModel({ id: 'marren-bay', text: TEXT }))) as Record<
    string,
    unknown
  > & {
    actors: { id: string; roles: unknown[]; mentions: number[] }[];
    paragraphs: { text: string }[];
    positions: { holder: string }[];
  };
  const edit = (change: (m: typeof model) => void) => {
    const copy = structuredClone(model);
    change(copy);
    return checkModel(JSON.stringify(copy, null, 2), TEXT);
  };

  it('reports a JSON syntax error by line and column', () => {
    const raw = '{\n  "schemaVersion": 1,\n  "id" "x"\n}';
    const report = checkModel(raw, TEXT);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.path).toBe('line 3, column 8');
    expect(report.errors[0]?.message).toMatch(/^invalid JSON/);
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('names items by id in schema and integrity paths, in one pass', () => {
    const report = edit((m) => {
      m.actors[0]?.roles.push({ title: '', cite: 2 });
      const okafor = m.actors.find((a) => a.id === 'ines-okafor');
      if (okafor) okafor.mentions = [2];
    });
    // The schema fails first (an empty title): integrity waits for a valid shape.
    expect(report.errors.map((e) => e.path)).toEqual([`actors[${model.actors[0]?.id}].roles[0].title`]);
    const integrity = edit((m) => {
      const okafor = m.actors.find((a) => a.id === 'ines-okafor');
      if (okafor) okafor.mentions = [2];
    });
    expect(integrity.errors).toHaveLength(2);
    expect(integrity.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'positions[okafor-okafor-said-the].cite',
          message: 'the holder is cited at ¶7, which is not among the mentions of actor "ines-okafor"',
        },
        { path: 'actors[ines-okafor].mentions', message: '"Okafor" occurs in ¶7, but ¶7 is not listed' },
      ]),
    );
  });

  it('shows where an edited paragraph departs from the text', () => {
    const report = edit((m) => {
      const p = m.paragraphs[1];
      if (p) p.text = p.text.replace('rainfall alone', 'rain alone');
    });
    const problem = report.errors.find((e) => e.path === 'paragraphs[1].text');
    expect(problem?.message).toMatch(
      /differs from the text at character \d+: the model has ".*rain alone.*", the text has ".*rainfall alone/,
    );
  });

  it('suggests the closest id for an unknown reference', () => {
    const report = edit((m) => {
      const first = m.positions[0];
      if (first) first.holder = 'ines-okafr';
    });
    expect(report.errors.map((e) => e.message)).toContain(
      'unknown actor "ines-okafr" (did you mean "ines-okafor"?)',
    );
  });

  it('warns about quoted passages of the text that are not in quotes', () => {
    const report = checkModel(confirmAll(draftModel({ id: 'marren-bay', text: TEXT })), TEXT);
    expect(report.warnings).toContainEqual({
      path: 'paragraphs[3]',
      message: 'quoted passage "no lasting effect" (¶4) is not in quotes',
    });
  });
});
