import { createHash } from 'node:crypto';
import { canonicalJson } from '../../datasets/canonical-json';
import { displayName, nameKey } from './taxonomy-names';

/**
 * The GLAN taxonomy (issue 15 item 1): fields → sub-fields → disciplines, an editable tree. Pure and immutable:
 * every operation returns a new tree and leaves its argument as it was, or throws a TaxonomyError naming the node
 * and the rule. The rules: at most three levels; names non-empty and unique among siblings (compared by nameKey, so
 * "Physics" and "physics " collide); ids unique; no node under itself; ability mappings on disciplines only.
 */

export interface TaxonomyNode {
  id: string;
  name: string;
  /** The Pace ability a discipline's items count toward (disciplines only). */
  abilityKey?: string;
  children: TaxonomyNode[];
}

export interface Taxonomy {
  fields: TaxonomyNode[];
}

export const TAXONOMY_LEVELS = ['field', 'sub-field', 'discipline'] as const;
export type TaxonomyLevel = (typeof TAXONOMY_LEVELS)[number];
export const MAX_DEPTH = TAXONOMY_LEVELS.length;

export interface TaxonomyIssue {
  /** Where: `fields[0].children[2].name` in JSON, or the node's path of names for an edit. */
  path: string;
  message: string;
}

export class TaxonomyError extends Error {
  constructor(readonly issues: TaxonomyIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'TaxonomyError';
  }
}

export interface LocatedNode {
  node: TaxonomyNode;
  /** Names from the field down to the node. */
  path: string[];
  level: TaxonomyLevel;
  parentId: string | null;
}

export function findNode(tax: Taxonomy, id: string): LocatedNode | undefined {
  const walk = (nodes: TaxonomyNode[], path: string[], parentId: string | null): LocatedNode | undefined => {
    for (const node of nodes) {
      const here = [...path, node.name];
      if (node.id === id) return { node, path: here, level: TAXONOMY_LEVELS[here.length - 1], parentId };
      const found = walk(node.children, here, node.id);
      if (found) return found;
    }
    return undefined;
  };
  return walk(tax.fields, [], null);
}

function mustFind(tax: Taxonomy, id: string): LocatedNode {
  const found = findNode(tax, id);
  if (!found) throw new TaxonomyError([{ path: `node ${id}`, message: 'no such node' }]);
  return found;
}

/** Every discipline with its path, in tree order. */
export function listDisciplines(tax: Taxonomy): { id: string; path: [string, string, string]; abilityKey?: string }[] {
  return tax.fields.flatMap((f) =>
    f.children.flatMap((s) => s.children.map((d) => ({ id: d.id, path: [f.name, s.name, d.name] as [string, string, string], abilityKey: d.abilityKey }))),
  );
}

/** A new node's id when none is given: derived from its parent and name, made unique in the tree. */
export function newNodeId(tax: Taxonomy, parentId: string | null, name: string): string {
  const base = `t${createHash('sha256').update(`${parentId ?? ''}\u001f${nameKey(name)}`, 'utf8').digest('hex').slice(0, 16)}`;
  let id = base;
  for (let n = 2; findNode(tax, id); n++) id = `${base}-${n}`;
  return id;
}

function height(node: TaxonomyNode): number {
  return 1 + Math.max(0, ...node.children.map(height));
}

function childrenOf(tax: Taxonomy, parentId: string | null): TaxonomyNode[] {
  return parentId === null ? tax.fields : mustFind(tax, parentId).node.children;
}

function checkName(name: string, siblings: TaxonomyNode[], where: string, exceptId?: string): string {
  const shown = typeof name === 'string' ? displayName(name) : '';
  if (shown === '') throw new TaxonomyError([{ path: where, message: 'a name must be a non-empty string' }]);
  const clash = siblings.find((s) => s.id !== exceptId && nameKey(s.name) === nameKey(shown));
  if (clash) throw new TaxonomyError([{ path: where, message: `"${shown}" is already there as "${clash.name}" (${clash.id})` }]);
  return shown;
}

/** Rebuilds the tree with `edit` applied to the children list of `parentId` (null: the fields). */
function editChildren(tax: Taxonomy, parentId: string | null, edit: (children: TaxonomyNode[]) => TaxonomyNode[]): Taxonomy {
  if (parentId === null) return { fields: edit(tax.fields) };
  const rec = (nodes: TaxonomyNode[]): TaxonomyNode[] =>
    nodes.map((n) => (n.id === parentId ? { ...n, children: edit(n.children) } : n.children.length ? { ...n, children: rec(n.children) } : n));
  return { fields: rec(tax.fields) };
}

const where = (tax: Taxonomy, parentId: string | null, name: string) => (parentId === null ? [] : mustFind(tax, parentId).path).concat(name).join(' / ');

export function createNode(
  tax: Taxonomy,
  parentId: string | null,
  name: string,
  options: { id?: string; abilityKey?: string } = {},
): { taxonomy: Taxonomy; node: TaxonomyNode } {
  const parentDepth = parentId === null ? 0 : mustFind(tax, parentId).path.length;
  const path = where(tax, parentId, typeof name === 'string' ? displayName(name) : String(name));
  if (parentDepth >= MAX_DEPTH) throw new TaxonomyError([{ path, message: `a discipline has no children (at most ${MAX_DEPTH} levels)` }]);
  const shown = checkName(name, childrenOf(tax, parentId), path);
  if (options.id !== undefined && findNode(tax, options.id)) throw new TaxonomyError([{ path, message: `id ${options.id} is already used` }]);
  if (options.abilityKey !== undefined && parentDepth !== MAX_DEPTH - 1) throw new TaxonomyError([{ path, message: 'only a discipline maps to an ability' }]);
  const node: TaxonomyNode = { id: options.id ?? newNodeId(tax, parentId, shown), name: shown, children: [] };
  if (options.abilityKey !== undefined) node.abilityKey = options.abilityKey;
  return { taxonomy: editChildren(tax, parentId, (c) => [...c, node]), node };
}

export function renameNode(tax: Taxonomy, id: string, name: string): Taxonomy {
  const at = mustFind(tax, id);
  const shown = checkName(name, childrenOf(tax, at.parentId), at.path.join(' / '), id);
  return editChildren(tax, at.parentId, (c) => c.map((n) => (n.id === id ? { ...n, name: shown } : n)));
}

/** Removes the node and everything under it; says which ids went. */
export function deleteNode(tax: Taxonomy, id: string): { taxonomy: Taxonomy; removed: string[] } {
  const at = mustFind(tax, id);
  const removed: string[] = [];
  const collect = (n: TaxonomyNode) => {
    removed.push(n.id);
    n.children.forEach(collect);
  };
  collect(at.node);
  return { taxonomy: editChildren(tax, at.parentId, (c) => c.filter((n) => n.id !== id)), removed };
}

/** Moves a node (with its subtree) under another parent (null: to the top, as a field), at `index` or last. */
export function moveNode(tax: Taxonomy, id: string, newParentId: string | null, index?: number): Taxonomy {
  const at = mustFind(tax, id);
  const path = at.path.join(' / ');
  let newDepth = 0;
  if (newParentId !== null) {
    const parent = mustFind(tax, newParentId);
    if (newParentId === id || isInside(at.node, newParentId)) {
      throw new TaxonomyError([{ path, message: `cannot move a node under itself or its own descendant (${parent.path.join(' / ')})` }]);
    }
    newDepth = parent.path.length;
  }
  if (newDepth + height(at.node) > MAX_DEPTH) {
    throw new TaxonomyError([{ path, message: `moving it there would make the tree ${newDepth + height(at.node)} levels deep (at most ${MAX_DEPTH})` }]);
  }
  if (at.node.abilityKey !== undefined && newDepth + 1 !== MAX_DEPTH) throw new TaxonomyError([{ path, message: 'it maps to an ability, so it must stay a discipline' }]);
  const without = editChildren(tax, at.parentId, (c) => c.filter((n) => n.id !== id));
  checkName(at.node.name, childrenOf(without, newParentId), path);
  return editChildren(without, newParentId, (c) => {
    const next = [...c];
    next.splice(index === undefined ? next.length : Math.max(0, Math.min(index, next.length)), 0, at.node);
    return next;
  });
}

function isInside(node: TaxonomyNode, id: string): boolean {
  return node.children.some((c) => c.id === id || isInside(c, id));
}

/** Maps a discipline to a Pace ability, or clears the mapping with null. */
export function setAbility(tax: Taxonomy, id: string, abilityKey: string | null): Taxonomy {
  const at = mustFind(tax, id);
  if (at.level !== 'discipline') throw new TaxonomyError([{ path: at.path.join(' / '), message: `only a discipline maps to an ability; this is a ${at.level}` }]);
  if (abilityKey !== null && (typeof abilityKey !== 'string' || abilityKey.trim() === '')) {
    throw new TaxonomyError([{ path: at.path.join(' / '), message: 'an ability key must be a non-empty string' }]);
  }
  return editChildren(tax, at.parentId, (c) =>
    c.map((n) => {
      if (n.id !== id) return n;
      const { abilityKey: _old, ...rest } = n;
      return abilityKey === null ? rest : { ...rest, abilityKey };
    }),
  );
}

/**
 * Reads a taxonomy from JSON (text or parsed): `{"fields": [{"id"?, "name", "abilityKey"?, "children"?: […]}]}`.
 * Ids may be left out (they are made from the path); every problem is collected and thrown at once, each naming
 * its JSON path (`fields[0].children[2].name`).
 */
export function parseTaxonomyJson(input: unknown): Taxonomy {
  const issues: TaxonomyIssue[] = [];
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new TaxonomyError([{ path: '(document)', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  }
  if (value === null || typeof value !== 'object' || !Array.isArray((value as { fields?: unknown }).fields)) {
    throw new TaxonomyError([{ path: 'fields', message: 'expected an object with a "fields" array' }]);
  }
  const ids = new Map<string, string>();
  let tax: Taxonomy = { fields: [] };
  const pending: { parentId: string | null; raw: unknown; at: string; depth: number }[] = (value as { fields: unknown[] }).fields.map((raw, i) => ({
    parentId: null,
    raw,
    at: `fields[${i}]`,
    depth: 1,
  }));
  // breadth first, so a node's parent exists before the node is created through the same checks as an edit
  while (pending.length > 0) {
    const { parentId, raw, at, depth } = pending.shift()!;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ path: at, message: 'expected an object with a name' });
      continue;
    }
    const r = raw as Record<string, unknown>;
    const known = new Set(['id', 'name', 'abilityKey', 'children']);
    for (const k of Object.keys(r)) if (!known.has(k)) issues.push({ path: `${at}.${k}`, message: 'unknown key (expected id, name, abilityKey, children)' });
    if (typeof r.name !== 'string' || displayName(r.name) === '') {
      issues.push({ path: `${at}.name`, message: 'a name must be a non-empty string' });
      continue;
    }
    if (r.id !== undefined && (typeof r.id !== 'string' || r.id.trim() === '')) {
      issues.push({ path: `${at}.id`, message: 'an id must be a non-empty string' });
      continue;
    }
    if (typeof r.id === 'string' && ids.has(r.id)) {
      issues.push({ path: `${at}.id`, message: `id ${r.id} is also used at ${ids.get(r.id)}` });
      continue;
    }
    if (r.abilityKey !== undefined && (typeof r.abilityKey !== 'string' || r.abilityKey.trim() === '')) {
      issues.push({ path: `${at}.abilityKey`, message: 'an ability key must be a non-empty string' });
      continue;
    }
    if (r.abilityKey !== undefined && depth !== MAX_DEPTH) {
      issues.push({ path: `${at}.abilityKey`, message: `only a discipline (level ${MAX_DEPTH}) maps to an ability` });
      continue;
    }
    const children = r.children ?? [];
    if (!Array.isArray(children)) {
      issues.push({ path: `${at}.children`, message: 'expected an array' });
      continue;
    }
    if (depth === MAX_DEPTH && children.length > 0) {
      issues.push({ path: `${at}.children`, message: `a discipline has no children (at most ${MAX_DEPTH} levels: ${TAXONOMY_LEVELS.join(' → ')})` });
      continue;
    }
    if (parentId !== null && !findNode(tax, parentId)) continue; // its parent was refused: already reported
    const siblings = childrenOf(tax, parentId);
    const clash = siblings.find((s) => nameKey(s.name) === nameKey(r.name as string));
    if (clash) {
      issues.push({ path: `${at}.name`, message: `"${displayName(r.name)}" repeats its sibling "${clash.name}" (${ids.get(clash.id) ?? clash.id})` });
      continue;
    }
    const made = createNode(tax, parentId, r.name, { id: r.id as string | undefined, abilityKey: r.abilityKey as string | undefined });
    tax = made.taxonomy;
    ids.set(made.node.id, at);
    children.forEach((c, i) => pending.push({ parentId: made.node.id, raw: c, at: `${at}.children[${i}]`, depth: depth + 1 }));
  }
  if (issues.length > 0) throw new TaxonomyError(issues);
  return tax;
}

/** The JSON a taxonomy exports to (and parseTaxonomyJson reads back to an equal tree). */
export function exportTaxonomyJson(tax: Taxonomy): string {
  const out = (n: TaxonomyNode): unknown => ({ id: n.id, name: n.name, ...(n.abilityKey !== undefined ? { abilityKey: n.abilityKey } : {}), children: n.children.map(out) });
  return `${JSON.stringify({ fields: tax.fields.map(out) }, null, 2)}\n`;
}

/**
 * The revision of a taxonomy's content, recorded by each generation run: SHA-256 of the canonical JSON of names and
 * ability mappings, with siblings sorted (their order on screen is not content) and ids left out (they name nodes,
 * they are not knowledge). A rename, a move, an added or removed node or a changed mapping makes a new revision.
 */
export function taxonomyRevision(tax: Taxonomy): string {
  const canon = (nodes: TaxonomyNode[]): unknown[] =>
    nodes
      .map((n) => ({ name: n.name.normalize('NFC'), abilityKey: n.abilityKey, children: canon(n.children) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return createHash('sha256').update(canonicalJson({ scheme: 'glan-taxonomy/1', fields: canon(tax.fields) }), 'utf8').digest('hex');
}
