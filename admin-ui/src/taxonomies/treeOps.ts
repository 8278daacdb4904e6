import type { Taxonomy, TaxonomyNode } from './taxonomiesApi';

export const LEVELS = ['field', 'sub-field', 'discipline'] as const;

/** How many nodes go with this one when it is deleted. */
export function countDescendants(node: TaxonomyNode): number {
  return node.children.reduce((n, c) => n + 1 + countDescendants(c), 0);
}

function height(node: TaxonomyNode): number {
  return 1 + Math.max(0, ...node.children.map(height));
}

/**
 * Where a node may move (the server's rule, server/synthesis/glan/taxonomy.ts moveNode): under a parent whose depth
 * plus the node's height stays within three levels, never under itself or its descendants; null (the top) when the
 * node fits there. A discipline mapped to an ability must stay a discipline.
 */
export function moveTargets(tax: Taxonomy, node: TaxonomyNode): { id: string | null; label: string }[] {
  const h = height(node);
  const out: { id: string | null; label: string }[] = [];
  if (h <= 3 && node.abilityKey === undefined && !tax.fields.some((f) => f.id === node.id)) out.push({ id: null, label: '' });
  const walk = (nodes: TaxonomyNode[], path: string[]) => {
    for (const n of nodes) {
      if (n.id === node.id) continue;
      const here = [...path, n.name];
      const depth = here.length;
      const fits = depth + h <= 3 && (node.abilityKey === undefined || depth + 1 === 3);
      if (fits && !n.children.some((c) => c.id === node.id)) out.push({ id: n.id, label: here.join(' / ') });
      walk(n.children, here);
    }
  };
  walk(tax.fields, []);
  return out;
}
