import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from './command.js';

export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** Why a module in commands/ is not a usable command, or undefined when it is. */
export function commandShapeProblem(mod: unknown): string | undefined {
  if (typeof mod !== 'object' || mod === null) return 'does not default-export a command object';
  const m = mod as Record<string, unknown>;
  const data = m.data as Record<string, unknown> | undefined;
  if (typeof data !== 'object' || data === null) return 'does not export `data` (a SlashCommandBuilder)';
  if (typeof data.name !== 'string' || data.name === '') return '`data` has no name';
  if (typeof data.toJSON !== 'function') return '`data` has no toJSON() (use SlashCommandBuilder)';
  if (typeof m.execute !== 'function') return 'does not export an `execute` function';
  if ('defer' in m && m.defer !== 'ephemeral' && m.defer !== 'public')
    return "exports `defer` but it is not 'ephemeral' or 'public'";
  for (const optional of ['autocomplete', 'button', 'modal', 'examples']) {
    if (optional in m && typeof m[optional] !== 'function')
      return `exports \`${optional}\` but it is not a function`;
  }
  return undefined;
}

/**
 * Imports every module in commands/ and checks its shape, so a malformed command stops startup
 * with the file's name instead of failing on first use.
 */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const commands = new Map<string, Command>();
  const problems: string[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(`${dir}/${file}`).href)) as { default?: unknown };
    const problem = commandShapeProblem(mod.default);
    if (problem) {
      problems.push(`commands/${file} ${problem}`);
      continue;
    }
    const command = mod.default as Command;
    const name = command.data.name;
    if (commands.has(name)) problems.push(`commands/${file} redefines /${name}`);
    if (`${name}.ts` !== file && `${name}.js` !== file)
      problems.push(`commands/${file} defines /${name}: name the file ${name}.ts`);
    commands.set(name, command);
  }
  if (problems.length > 0) throw new Error(`Invalid command modules:\n  - ${problems.join('\n  - ')}`);
  return commands;
}
