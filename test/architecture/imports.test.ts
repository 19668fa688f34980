import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/articles.js';
import { cycles, type Graph, layerOf, projectGraph, runtimeImports, upwardArrows } from './import-graph.js';

const graph = projectGraph(REPO_ROOT);

describe('the import graph of src/ and commands/', () => {
  it('has no cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no arrow running up the layers, and nothing that ships imports tooling', () => {
    expect(upwardArrows(graph)).toEqual([]);
  });

  it('sees the whole project (the checks above are not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get('commands/comment.ts')).toContain('src/comments/custom-ids.ts');
    expect(layerOf('src/discord/router.ts')).toBe('shared');
    expect(layerOf('src/comments/service.ts')).toBe('feature');
    expect(layerOf('sandbox/console.ts')).toBe('tooling');
  });
});

describe('the checks themselves, on known-bad graphs', () => {
  const bad: Graph = new Map([
    ['src/ask/engine.ts', ['src/ask/question.ts', 'src/errors.ts']],
    ['src/ask/question.ts', ['src/ask/engine.ts']],
    ['src/discord/router.ts', ['src/comments/errors.ts']],
    ['src/comments/errors.ts', []],
    ['src/errors.ts', ['src/errors.ts']],
    ['src/comments/service.ts', ['commands/comment.ts', 'packages/@parley/discord-emulator']],
    ['commands/comment.ts', ['src/comments/service.ts', 'src/index.ts']],
    ['src/index.ts', ['commands/comment.ts']],
  ]);

  it('finds every cycle, including a self-import and one through two layers', () => {
    expect(cycles(bad).sort()).toEqual([
      ['commands/comment.ts', 'src/comments/service.ts', 'src/index.ts'],
      ['src/ask/engine.ts', 'src/ask/question.ts'],
      ['src/errors.ts'],
    ]);
  });

  it('finds every upward arrow and every import of tooling', () => {
    expect(upwardArrows(bad)).toEqual([
      'commands/comment.ts (commands) → src/index.ts (entry)',
      'src/comments/service.ts (feature) → commands/comment.ts (commands)',
      'src/comments/service.ts (feature) → packages/@parley/discord-emulator (tooling)',
      'src/discord/router.ts (shared) → src/comments/errors.ts (feature)',
    ]);
  });

  it('counts value imports, re-exports and literal dynamic imports, not `import type`', () => {
    const source = [
      "import type { A } from './types.js';",
      "import { type B } from './kept.js';",
      "import { c } from './value.js';",
      "export { d } from './reexport.js';",
      "export type { E } from './type-reexport.js';",
      "const f = await import('./dynamic.js');",
    ].join('\n');
    expect(runtimeImports(source)).toEqual(['./kept.js', './value.js', './reexport.js', './dynamic.js']);
  });
});
