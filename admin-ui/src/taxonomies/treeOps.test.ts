import { describe, expect, it } from 'vitest';
import { findNode, moveNode, parseTaxonomyJson, type Taxonomy, type TaxonomyNode } from '../../../server/synthesis/glan/taxonomy';
import { countDescendants, moveTargets } from './treeOps';

const TREE: Taxonomy = parseTaxonomyJson({
  fields: [
    { name: 'Science', children: [{ name: 'Physics', children: [{ name: 'Mechanics', abilityKey: 'logical_reasoning' }, { name: 'Optics' }] }, { name: 'Chemistry' }] },
    { name: '人文', children: [{ name: '历史', children: [{ name: '古代史' }] }] },
    { name: 'Empty field' },
  ],
});

function allNodes(nodes: TaxonomyNode[]): TaxonomyNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

describe('taxonomy tree helpers of the UI', () => {
  it('issue 15 item 1: "move to…" offers exactly the parents the server accepts (other than where the node is)', () => {
    for (const node of allNodes(TREE.fields)) {
      const parentId = findNode(TREE, node.id)!.parentId;
      const accepted = [null, ...allNodes(TREE.fields).map((n) => n.id)].filter((target) => {
        if (target === parentId) return false;
        try {
          moveNode(TREE, node.id, target);
          return true;
        } catch {
          return false;
        }
      });
      expect(moveTargets(TREE, node).map((t) => t.id).sort(), node.name).toEqual([...accepted].sort());
    }
  });

  it('issue 15 item 1: a delete confirmation counts every node that goes with the one deleted', () => {
    expect(countDescendants(TREE.fields[0])).toBe(4);
    expect(countDescendants(TREE.fields[1].children[0])).toBe(1);
    expect(countDescendants(TREE.fields[2])).toBe(0);
  });
});
