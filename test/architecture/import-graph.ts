/**
 * The import graph of src/ and commands/, read with the TypeScript compiler API, and the two rules
 * it must keep: no cycles, and no arrow running up the layers
 *   entry (index, start, process, shard, scripts, ops) → commands/ → src/<feature>/ → shared
 *   (src/discord/, src/errors.ts, src/config.ts and the other single-file basics),
 * and nothing that ships imports tooling (sandbox/, packages/, test/, bench/, tools/).
 * `import type` is erased at runtime and draws no arrow (verbatimModuleSyntax keeps every other form).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type Graph = ReadonlyMap<string, readonly string[]>;

const FEATURES = ['answers', 'article', 'ask', 'comments', 'library', 'pictures'];
const ENTRY_FILES = ['src/index.ts', 'src/start.ts', 'src/process.ts', 'src/shard.ts'];
const ENTRY_DIRS = ['src/scripts/', 'src/ops/'];
/** Workspace packages are tooling (the emulator). */
const TOOLING_PACKAGES = ['@parley/'];

export type Layer = 'tooling' | 'shared' | 'feature' | 'commands' | 'entry';
const RANK: Record<Layer, number> = { tooling: 0, shared: 1, feature: 2, commands: 3, entry: 4 };

export function layerOf(file: string): Layer {
  if (file.startsWith('commands/')) return 'commands';
  if (!file.startsWith('src/')) return 'tooling';
  if (ENTRY_FILES.includes(file) || ENTRY_DIRS.some((d) => file.startsWith(d))) return 'entry';
  if (FEATURES.some((f) => file.startsWith(`src/${f}/`))) return 'feature';
  return 'shared';
}

/** Runtime import specifiers of one file: static imports and re-exports (not `import type`), literal dynamic imports. */
export function runtimeImports(source: string, fileName = 'file.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A specifier as a project path (`src/x.ts`), a tooling package as itself, other packages: undefined. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  if (spec.startsWith('.')) return join(dirname(from), spec).replace(/\.js$/, '.ts');
  return TOOLING_PACKAGES.some((p) => spec.startsWith(p)) ? `packages/${spec}` : undefined;
}

function tsFiles(root: string, dir: string): string[] {
  return readdirSync(resolve(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The graph of every .ts file under src/ and commands/ (paths relative to `root`). */
export function projectGraph(root: string): Graph {
  const graph = new Map<string, string[]>();
  for (const file of [...tsFiles(root, 'src'), ...tsFiles(root, 'commands')]) {
    const source = readFileSync(resolve(root, file), 'utf8');
    const targets = runtimeImports(source, file).flatMap((spec) => resolveSpecifier(file, spec) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Each import from a lower layer to a higher one (or from shipped code to tooling), as "a → b". */
export function upwardArrows(graph: Graph): string[] {
  const arrows: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (RANK[layerOf(to)] > RANK[layerOf(from)] || layerOf(to) === 'tooling')
        arrows.push(`${from} (${layerOf(from)}) → ${to} (${layerOf(to)})`);
    }
  }
  return arrows.sort();
}

/** Every import cycle (strongly connected component of more than one file, or a self-import), files sorted. */
export function cycles(graph: Graph): string[][] {
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; i: number };
      const targets = (graph.get(frame.node) ?? []).filter((t) => graph.has(t));
      if (frame.i < targets.length) {
        const to = targets[frame.i++] as string;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) found.push(component.sort());
      }
    }
  }
  return found;
}
