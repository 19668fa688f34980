import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/discord/command.js';
import { commandShapeProblem, loadCommands } from '../../src/discord/loader.js';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
/** The product's own interface: these must always be there; adding a command breaks nothing here. */
const PRODUCT_COMMANDS = [
  'article',
  'ask',
  'comment',
  'help',
  'positions',
  'quotes',
  'summary',
  'topics',
  'who',
];

/** Discord's rules for one option list (recursively for subcommands). */
function optionProblems(options: readonly APIApplicationCommandOption[], path: string): string[] {
  const problems: string[] = [];
  if (options.length > 25) problems.push(`${path}: ${options.length} options > 25`);
  let seenOptional = false;
  for (const o of options) {
    const at = `${path}.${o.name}`;
    if (!NAME.test(o.name) || o.name !== o.name.toLowerCase()) problems.push(`${at}: bad name`);
    if (o.description.length < 1 || o.description.length > 100) problems.push(`${at}: description length`);
    if (
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      problems.push(...optionProblems(o.options ?? [], at));
      continue;
    }
    if (o.required && seenOptional) problems.push(`${at}: required option after an optional one`);
    if (!o.required) seenOptional = true;
    const choices = 'choices' in o ? (o.choices ?? []) : [];
    if (choices.length > 25) problems.push(`${at}: more than 25 choices`);
    if (choices.length > 0 && 'autocomplete' in o && o.autocomplete)
      problems.push(`${at}: autocomplete with choices`);
    for (const c of choices)
      if (c.name.length < 1 || c.name.length > 100) problems.push(`${at}: choice name length`);
  }
  return problems;
}

describe('slash command definitions', () => {
  let commands: Map<string, Command>;
  let definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  beforeAll(async () => {
    commands = await loadCommands();
    definitions = [...commands.values()].map((c) => c.data.toJSON());
  });

  it('cover the product interface, one command per module in commands/', async () => {
    expect([...commands.keys()]).toEqual(expect.arrayContaining(PRODUCT_COMMANDS));
    const modules = (await readdir(new URL('../../commands/', import.meta.url))).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(commands.size).toBe(modules.length);
  });

  it("all pass Discord's rules", () => {
    for (const d of definitions) {
      expect(NAME.test(d.name) && d.name === d.name.toLowerCase(), d.name).toBe(true);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(optionProblems(d.options ?? [], d.name)).toEqual([]);
    }
  });

  it('set contexts and integration types explicitly', () => {
    for (const d of definitions) {
      expect(d.contexts?.length, d.name).toBeGreaterThan(0);
      expect(d.integration_types?.length, d.name).toBeGreaterThan(0);
    }
  });
});

describe('command loader', () => {
  it('names what is wrong with a malformed module', () => {
    expect(commandShapeProblem(undefined)).toMatch(/default-export/);
    expect(commandShapeProblem({ execute() {} })).toMatch(/data/);
    expect(commandShapeProblem({ data: { name: 'x', toJSON() {} } })).toMatch(/execute/);
    expect(commandShapeProblem({ data: { name: 'x', toJSON() {} }, execute() {}, button: 1 })).toMatch(
      /button/,
    );
    expect(commandShapeProblem({ data: { name: 'x', toJSON() {} }, execute() {} })).toBeUndefined();
  });

  it('stops with the file name when a module in the folder is malformed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-commands-'));
    await writeFile(join(dir, 'broken.js'), 'export default { data: { name: "broken" } };\n');
    await expect(loadCommands(dir)).rejects.toThrow('commands/broken.js `data` has no toJSON()');
  });
});
