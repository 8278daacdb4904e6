import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');

/** Where the server is wired together: only these may import the worker shell (workers/). */
export const COMPOSITION_ROOTS: readonly string[] = ['server/app.module.ts', 'server/cli/main.ts'];

/** One import of one file: where it stands, what it says, and the repository path it resolves to (relative ones only). */
export interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  /** Repository-relative path without extension, or null for a package. */
  target: string | null;
  /** `import type` / `export type` (or every name marked `type`): erased when compiled, so no load-order link. */
  typeOnly: boolean;
}

/** Every .ts file under `dir` (repository-relative, forward slashes), workers/trainer's Python package excluded. */
export function typeScriptFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && relative(ROOT, p) !== join('workers', 'trainer')) walk(p);
      } else if (e.name.endsWith('.ts')) {
        out.push(relative(ROOT, p).split('\\').join('/'));
      }
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** The imports, re-exports, dynamic imports and require() calls of `file`, as TypeScript's pre-processor reads them. */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const typeOnly = typeOnlyImports(file, text);
  return info.importedFiles.map(({ fileName, pos }) => {
    const line = text.slice(0, pos).split('\n').length;
    let target: string | null = null;
    if (fileName.startsWith('.')) target = posix.normalize(posix.join(posix.dirname(file), fileName));
    else if (/^(server|workers|test|bench|migrations)\//.test(fileName)) target = posix.normalize(fileName); // a root-relative path (.swcrc's baseUrl)
    return { file, line, specifier: fileName, target, typeOnly: typeOnly.has(`${line}:${fileName}`) };
  });
}

/** `line:specifier` of each import or re-export declaration of `text` that brings in types only. */
function typeOnlyImports(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = new Set<string>();
  for (const st of source.statements) {
    let spec: ts.Expression | undefined;
    let erased = false;
    if (ts.isImportDeclaration(st)) {
      spec = st.moduleSpecifier;
      const clause = st.importClause;
      const named = clause?.namedBindings;
      erased = !!clause && (clause.isTypeOnly || (!clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)));
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
      spec = st.moduleSpecifier;
      const named = st.exportClause;
      erased = st.isTypeOnly || (!!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
    }
    if (!spec || !erased || !ts.isStringLiteral(spec)) continue;
    const line = source.getLineAndCharacterOfPosition(spec.getStart(source)).line + 1;
    found.add(`${line}:${spec.text}`);
  }
  return found;
}

/** `server/<domain>` for a file in a domain folder; null for the files at server/'s top and outside server/. */
export function domainOf(path: string): string | null {
  const m = /^server\/([^/]+)\/./.exec(path);
  return m ? `server/${m[1]}` : null;
}

/**
 * Which server/<domain> folders import which, from the non-spec files of server/ other than the composition roots
 * (and the CLI's cli.module.ts, the CLI's module wiring): edge lists with one example import each.
 */
export function domainGraph({ valueOnly = false }: { valueOnly?: boolean } = {}): Map<string, Map<string, ImportEdge>> {
  const graph = new Map<string, Map<string, ImportEdge>>();
  const wiring = new Set([...COMPOSITION_ROOTS, 'server/cli/cli.module.ts']);
  for (const file of typeScriptFiles('server')) {
    if (file.endsWith('.spec.ts') || wiring.has(file)) continue;
    const from = domainOf(file);
    if (!from) continue;
    for (const edge of importsOf(file)) {
      if (valueOnly && edge.typeOnly) continue;
      const to = edge.target && domainOf(edge.target + '.ts');
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, edge);
    }
  }
  return graph;
}

/** The graph's strongly connected groups of more than one folder (Tarjan), each sorted. */
export function folderCycles(graph: Map<string, Map<string, ImportEdge>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])]);
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return groups;
}

export function describeEdge(e: ImportEdge): string {
  return `${e.file}:${e.line} imports '${e.specifier}'`;
}

// `node -r @swc-node/register test/architecture/import-graph.ts` prints the graph: which server folder imports which.
if (require.main === module) {
  const graph = domainGraph();
  for (const from of [...graph.keys()].sort()) console.log(`${from.padEnd(20)} → ${[...graph.get(from)!.keys()].sort().join(', ')}`);
  console.log('cycles:', folderCycles(graph).map((g) => g.join(' ↔ ')).join(' | ') || 'none');
  console.log('cycles through value imports:', folderCycles(domainGraph({ valueOnly: true })).map((g) => g.join(' ↔ ')).join(' | ') || 'none');
}
