import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * issue 12 item 2: one source of truth for API types. The admin UI takes every response shape from the server's view
 * types (type-only imports); this check fails, naming the file, line and type, when admin-ui declares one of its own:
 *
 * 1. every call through the fetch path (httpClient's apiGet/apiSend/apiList, the workspace's callApi/get/post, the
 *    react-admin data hooks, the live socket's useLiveEvent, and any local wrapper that passes its own type parameter on to one of them) that names
 *    its response type `T` must name a type declared under server/ — after unwrapping arrays, unions, Partial, Pick,
 *    Omit, … and admin-ui aliases of server types — or a primitive. An interface or an inline `{ … }` declared in
 *    admin-ui is a hand copy;
 * 2. no exported admin-ui interface or type may restate an exported server type of the same name (the same property
 *    names, or each assignable to the other).
 *
 * A type admin-ui declares for a react-admin record that is form state, not an API answer, says so with a `@uiOnly`
 * JSDoc tag (reviewed like any other code).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const UI = join(ROOT, 'admin-ui', 'src') + sep;
const SERVER = join(ROOT, 'server') + sep;

/** Functions whose type argument is the response type, by the file that declares them. */
const FETCH_PATH: Record<string, readonly string[]> = {
  [join(UI, 'httpClient.ts')]: ['apiGet', 'apiSend', 'apiList'],
  [join(UI, 'workspace', 'shared', 'api.ts')]: ['callApi', 'get', 'post'],
  // socket.io events carry views too (`export.progress`, `dataset.progress`, …)
  [join(UI, 'realtime', 'socket.ts')]: ['useLiveEvent'],
};
/** react-admin's data hooks: their type argument is the record the API answers. */
const RA_HOOKS = new Set([
  'useGetList',
  'useGetOne',
  'useGetMany',
  'useGetManyReference',
  'useInfiniteGetList',
  'useRecordContext',
  'useListContext',
  'useShowContext',
  'useEditContext',
]);
/** Library generics that only reshape their first type argument (Record: its second). */
const RESHAPERS = new Set(['Array', 'ReadonlyArray', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'NonNullable', 'Promise', 'Awaited']);

export interface Finding {
  where: string;
  message: string;
}

const at = (node: ts.Node) => {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${relative(ROOT, sf.fileName)}:${line + 1}`;
};

const isTest = (file: string) => /\.test\.tsx?$|[\\/](test|testing)[\\/]|[\\/]testing\.ts$/.test(file);

function uiProgram(extraRoots: string[] = []): ts.Program {
  const configPath = join(ROOT, 'admin-ui', 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return ts.createProgram({ rootNames: [...parsed.fileNames, ...extraRoots], options: parsed.options });
}

function resolveSymbol(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** What is wrong with a response type: each admin-ui-declared shape it holds, named with its file and line. */
function typeProblems(checker: ts.TypeChecker) {
  /** Problems of one type argument; `deferred` when it is (or holds) the enclosing wrapper's own type parameter. */
  const problems = (node: ts.TypeNode, out: string[], deferred: Set<ts.Declaration>): void => {
    if (ts.isParenthesizedTypeNode(node)) return problems(node.type, out, deferred);
    if (ts.isArrayTypeNode(node)) return problems(node.elementType, out, deferred);
    if (ts.isTupleTypeNode(node)) return node.elements.forEach((e) => problems(ts.isNamedTupleMember(e) ? e.type : e, out, deferred));
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.forEach((t) => problems(t, out, deferred));
    if (ts.isIndexedAccessTypeNode(node)) return problems(node.objectType, out, deferred);
    if (ts.isLiteralTypeNode(node) || ts.isTypeQueryNode(node) || ts.isTypeOperatorNode(node)) return;
    if (node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword) return; // string, unknown, void, …
    if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node)) {
      out.push(`an inline object type \`${node.getText()}\` (${at(node)}) restates a response shape`);
      return;
    }
    if (!ts.isTypeReferenceNode(node)) {
      out.push(`\`${node.getText()}\` (${at(node)}): a type form the check does not follow`);
      return;
    }
    const symbol = resolveSymbol(checker, node.typeName);
    const decl = symbol?.declarations?.[0];
    if (!symbol || !decl) {
      out.push(`\`${node.getText()}\` (${at(node)}) does not resolve`);
      return;
    }
    if (symbol.flags & ts.SymbolFlags.TypeParameter) {
      const owner = decl.parent;
      if (ts.isFunctionLike(owner)) deferred.add(owner as ts.Declaration);
      else out.push(`type parameter \`${symbol.name}\` (${at(node)}) of something not a function`);
      return;
    }
    const file = decl.getSourceFile().fileName;
    const args = node.typeArguments ?? [];
    if (file.startsWith(SERVER)) return args.forEach((a) => problems(a, out, deferred));
    if (file.startsWith(UI)) {
      if (ts.isTypeAliasDeclaration(decl)) return problems(decl.type, out, deferred);
      // Form state a react-admin hook reads (a FileInput's value, …), marked so in review: no response shape.
      if (ts.getJSDocTags(decl).some((t) => t.tagName.text === 'uiOnly')) return;
      out.push(`${ts.SyntaxKind[decl.kind].replace('Declaration', '').toLowerCase()} ${symbol.name} (${at(decl)}) is declared in admin-ui, not taken from server/`);
      return;
    }
    // A library type: the reshaping generics pass their argument through; others (RaRecord, Identifier, …) are no response shape.
    if (symbol.name === 'Record' && args[1]) return problems(args[1], out, deferred);
    if (RESHAPERS.has(symbol.name) && args[0]) return problems(args[0], out, deferred);
  };
  return problems;
}

/** Checks every fetch-path call's response type argument; returns what it found, and the wrappers it learnt. */
export function checkFetchCalls(program: ts.Program, extraUiFiles: string[] = []): Finding[] {
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((sf) => sf.fileName.startsWith(UI) && (!isTest(sf.fileName) || extraUiFiles.includes(sf.fileName)));
  // A local wrapper (`const post = <T>(…) => apiSend<T>(…)`) joins the fetch path: its own calls are checked.
  const wrappers = new Set<ts.Node>();
  const problems = typeProblems(checker);

  const fetchCallee = (call: ts.CallExpression): string | null => {
    const decl = checker.getResolvedSignature(call)?.declaration;
    if (!decl) return null;
    if (wrappers.has(decl)) return call.expression.getText();
    const file = decl.getSourceFile().fileName;
    const named = (n: ts.Node | undefined) => (n && 'name' in n && n.name && ts.isIdentifier(n.name as ts.Node) ? (n.name as ts.Identifier).text : null);
    const name = named(decl) ?? named(decl.parent);
    if (!name) return null;
    if (FETCH_PATH[file]?.includes(name)) return name;
    if (file.includes(`${sep}ra-core${sep}`) && RA_HOOKS.has(name)) return name;
    return null;
  };

  const findings: Finding[] = [];
  // To a fixpoint: each pass may find wrappers whose calls the next pass checks.
  for (let size = -1; size !== wrappers.size; ) {
    size = wrappers.size;
    findings.length = 0;
    for (const sf of sources) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.typeArguments?.length) {
          const callee = fetchCallee(node);
          if (callee) {
            const out: string[] = [];
            const deferred = new Set<ts.Declaration>();
            problems(node.typeArguments[0], out, deferred);
            for (const d of deferred) wrappers.add(d);
            for (const message of out) findings.push({ where: at(node), message: `${callee}<${node.typeArguments[0].getText()}>: ${message}` });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return findings;
}

/** Exported interface and type names of the server's non-test files, by name. */
function serverTypeNames(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
        for (const s of sf.statements) {
          if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
            names.set(s.name.text, [...(names.get(s.name.text) ?? []), path]);
          }
        }
      }
    }
  };
  walk(SERVER.slice(0, -1));
  return names;
}

type TypeDecl = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
const exportedTypes = (sf: ts.SourceFile) =>
  sf.statements.filter((s): s is TypeDecl => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && !!s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));

/**
 * The admin UI's program, with the server files that declare a type of the same name as one admin-ui exports as extra
 * roots (so both sides can be compared as types), and those pairs. `extraUiFiles`: more admin-ui files to check.
 */
export function checkedProgram(extraUiFiles: string[] = []) {
  const server = serverTypeNames();
  const configPath = join(ROOT, 'admin-ui', 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } })!;
  const uiFiles = [...new Set([...parsed.fileNames, ...extraUiFiles])].filter((f) => !isTest(f) || extraUiFiles.includes(f));
  const pairs: { uiFile: string; name: string; serverFiles: string[] }[] = [];
  for (const file of uiFiles) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const d of exportedTypes(sf)) {
      const serverFiles = server.get(d.name.text);
      if (serverFiles) pairs.push({ uiFile: file, name: d.name.text, serverFiles });
    }
  }
  return { program: uiProgram([...extraUiFiles, ...new Set(pairs.flatMap((p) => p.serverFiles))]), pairs };
}

/** Exported admin-ui interfaces and types that restate a server type of the same name. */
export function checkDuplicates({ program, pairs }: ReturnType<typeof checkedProgram>): Finding[] {
  const checker = program.getTypeChecker();
  const declOf = (file: string, name: string) => exportedTypes(program.getSourceFile(file)!).find((d) => d.name.text === name)!;
  const findings: Finding[] = [];
  for (const { uiFile, name, serverFiles } of pairs) {
    const uiDecl = declOf(uiFile, name);
    // An alias built only of server types (`type ExportRecord = Wire<ExportView>`) takes the shape from server/.
    if (ts.isTypeAliasDeclaration(uiDecl)) {
      const out: string[] = [];
      typeProblems(checker)(uiDecl.type, out, new Set());
      if (out.length === 0) continue;
    }
    const uiType = checker.getTypeAtLocation(uiDecl.name);
    for (const file of serverFiles) {
      const serverType = checker.getTypeAtLocation(declOf(file, name).name);
      if (uiType === serverType) continue; // an alias of the server's own type
      const props = (t: ts.Type) => checker.getPropertiesOfType(t).map((p) => p.name).sort().join(',');
      const sameProps = props(uiType) !== '' && props(uiType) === props(serverType);
      const mutual = checker.isTypeAssignableTo(uiType, serverType) && checker.isTypeAssignableTo(serverType, uiType);
      if (sameProps || mutual) findings.push({ where: at(uiDecl), message: `${name} restates ${relative(ROOT, file)}'s ${name}: import it (type-only) instead` });
    }
  }
  return findings;
}

const report = (findings: Finding[]) => findings.map((f) => `${f.where}: ${f.message}`);

describe('admin UI API types', () => {
  // One program for all three (building it is most of the time): the app's files, and the check's own fixture.
  const fixture = join(UI, 'test', 'apiTypesHandCopies.ts');
  const checked = checkedProgram([fixture]);
  const fixtureAt = (line: number) => `${relative(ROOT, fixture)}:${line}`;
  const inApp = (f: Finding) => !f.where.startsWith(relative(ROOT, fixture));

  it('every fetch-path call names its response type from server/ (issue 12 item 2)', () => {
    expect(report(checkFetchCalls(checked.program))).toEqual([]);
  });

  it('no exported admin-ui type restates a server view type of the same name (issue 12 item 2)', () => {
    expect(report(checkDuplicates(checked).filter(inApp))).toEqual([]);
  });

  it('reports hand copies by file, line and type: a named copy, an inline shape, one through a wrapper, a duplicate', () => {
    const at = fixtureAt;
    expect(report(checkFetchCalls(checked.program, [fixture]).filter((f) => !inApp(f)))).toEqual([
      `${at(15)}: apiGet<QueueDepth>: interface QueueDepth (${at(10)}) is declared in admin-ui, not taken from server/`,
      `${at(16)}: apiGet<{ today: number; approvedToday: number }>: an inline object type \`{ today: number; approvedToday: number }\` (${at(16)}) restates a response shape`,
      `${at(18)}: wrapper<QueueDepth[]>: interface QueueDepth (${at(10)}) is declared in admin-ui, not taken from server/`,
      `${at(19)}: useGetList<{ id: number; name: string }>: an inline object type \`{ id: number; name: string }\` (${at(19)}) restates a response shape`,
    ]);
    expect(report(checkDuplicates(checked).filter((f) => !inApp(f)))).toEqual([
      `${at(10)}: QueueDepth restates server/reviews/review-views.ts's QueueDepth: import it (type-only) instead`,
    ]);
  });
});
