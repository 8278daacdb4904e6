import { createHash } from 'node:crypto';
import { type Taxonomy, TaxonomyError, type TaxonomyIssue, type TaxonomyNode, deleteNode, findNode, MAX_DEPTH } from './taxonomy';
import { displayName, nameKey } from './taxonomy-names';

/**
 * Drafting and review of the taxonomy (issue 15 item 1): several LLM drafts (different prompts) merged into one
 * de-duplicated tree, then a keep/remove vote per node by annotators, majority wins.
 */

/** A draft as a model writes it (after parsing): names and children, no ids. */
export interface DraftNode {
  name: string;
  children?: DraftNode[];
}

export interface MergeResult {
  taxonomy: Taxonomy;
  /** Per merged node id: which drafts (0-based) had it — how much the prompts agree on it. */
  support: Map<string, number[]>;
  /**
   * Names that sit in more than one place at the same level (a discipline under two sub-fields): kept in each place —
   * which one is right is a reviewer's call — and listed so the review can look at them.
   */
  elsewhere: { name: string; paths: string[][] }[];
  /** Draft nodes that could not be used (no name, too deep), each naming the draft and the path. */
  issues: TaxonomyIssue[];
}

/**
 * Merges drafts level by level: siblings with the same nameKey (case, whitespace, NFKC, punctuation, simple plural;
 * CJK too) become one node, whichever draft they came from, including repeats inside one draft. The merged node
 * shows the spelling most drafts used (ties: the first seen), keeps the first-seen order, and gets an id made from
 * its path of keys, so merging the same drafts again gives the same ids.
 */
export function mergeTaxonomyDrafts(drafts: readonly { fields: readonly DraftNode[] }[]): MergeResult {
  const issues: TaxonomyIssue[] = [];
  const support = new Map<string, number[]>();
  const places = new Map<string, { name: string; paths: string[][] }>();

  interface Group {
    key: string;
    spellings: Map<string, number>;
    firstSpelling: string;
    drafts: Set<number>;
    children: { draft: number; node: DraftNode; at: string }[];
  }

  const mergeLevel = (items: { draft: number; node: DraftNode; at: string }[], parentKeys: string[], parentNames: string[]): TaxonomyNode[] => {
    const groups = new Map<string, Group>();
    for (const { draft, node, at } of items) {
      if (node === null || typeof node !== 'object' || typeof node.name !== 'string' || displayName(node.name) === '') {
        issues.push({ path: `draft ${draft}: ${at}.name`, message: 'a name must be a non-empty string' });
        continue;
      }
      const shown = displayName(node.name);
      const key = nameKey(shown);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, spellings: new Map(), firstSpelling: shown, drafts: new Set(), children: [] }));
      g.spellings.set(shown, (g.spellings.get(shown) ?? 0) + 1);
      g.drafts.add(draft);
      const kids = node.children ?? [];
      if (!Array.isArray(kids)) {
        issues.push({ path: `draft ${draft}: ${at}.children`, message: 'expected an array' });
        continue;
      }
      if (parentKeys.length + 1 === MAX_DEPTH && kids.length > 0) {
        issues.push({ path: `draft ${draft}: ${at}.children`, message: `left out: a discipline has no children (at most ${MAX_DEPTH} levels)` });
        continue;
      }
      kids.forEach((c, i) => g.children.push({ draft, node: c, at: `${at}.children[${i}]` }));
    }
    return [...groups.values()].map((g) => {
      let name = g.firstSpelling;
      for (const [spelling, n] of g.spellings) if (n > g.spellings.get(name)!) name = spelling;
      const keys = [...parentKeys, g.key];
      const id = `t${createHash('sha256').update(keys.join('\u001f'), 'utf8').digest('hex').slice(0, 16)}`;
      support.set(id, [...g.drafts].sort((a, b) => a - b));
      const level = `${keys.length}\u001f${g.key}`;
      const place = places.get(level) ?? { name, paths: [] };
      place.paths.push([...parentNames, name]);
      places.set(level, place);
      return { id, name, children: mergeLevel(g.children, keys, [...parentNames, name]) };
    });
  };

  const top = drafts.flatMap((d, draft) => {
    if (d === null || typeof d !== 'object' || !Array.isArray(d.fields)) {
      issues.push({ path: `draft ${draft}: fields`, message: 'expected an object with a "fields" array' });
      return [];
    }
    return d.fields.map((node, i) => ({ draft, node, at: `fields[${i}]` }));
  });
  const taxonomy = { fields: mergeLevel(top, [], []) };
  const elsewhere = [...places.values()].filter((p) => p.paths.length > 1);
  return { taxonomy, support, elsewhere, issues };
}

export type VoteDecision = 'keep' | 'remove';

export interface NodeVote {
  nodeId: string;
  voter: string;
  decision: VoteDecision;
}

export interface NodeOutcome {
  nodeId: string;
  path: string[];
  keep: number;
  remove: number;
  outcome: 'kept' | 'removed' | 'removed with an ancestor';
  /** Why, in words a reviewer can read. */
  reason: string;
}

/**
 * Applies keep/remove votes: each voter's last vote on a node counts; a node is removed when more voters said
 * remove than keep, and its descendants go with it whatever their own votes. A tie (and no vote at all) keeps the
 * node: "majority wins" needs a majority to remove, and a removal takes the whole subtree with it, which a split
 * vote should not decide. Votes on ids no longer in the tree are returned, not counted.
 */
export function applyVotes(
  tax: Taxonomy,
  votes: readonly NodeVote[],
): { taxonomy: Taxonomy; outcomes: NodeOutcome[]; removed: string[]; unknownVotes: NodeVote[] } {
  const bad = votes.flatMap((v, i): TaxonomyIssue[] =>
    v.decision === 'keep' || v.decision === 'remove' ? [] : [{ path: `votes[${i}].decision`, message: `expected keep or remove, got ${JSON.stringify(v.decision)}` }],
  );
  if (bad.length > 0) throw new TaxonomyError(bad);
  const last = new Map<string, Map<string, VoteDecision>>();
  const unknownVotes: NodeVote[] = [];
  for (const v of votes) {
    if (!findNode(tax, v.nodeId)) {
      unknownVotes.push(v);
      continue;
    }
    const byVoter = last.get(v.nodeId) ?? new Map<string, VoteDecision>();
    byVoter.set(v.voter, v.decision);
    last.set(v.nodeId, byVoter);
  }
  const outcomes: NodeOutcome[] = [];
  const toRemove: string[] = [];
  const walk = (nodes: TaxonomyNode[], path: string[], removedAncestor: string | null) => {
    for (const n of nodes) {
      const here = [...path, n.name];
      const tally = [...(last.get(n.id)?.values() ?? [])];
      const keep = tally.filter((d) => d === 'keep').length;
      const remove = tally.length - keep;
      let outcome: NodeOutcome['outcome'];
      let reason: string;
      if (removedAncestor !== null) {
        outcome = 'removed with an ancestor';
        reason = `its ancestor ${removedAncestor} was voted out`;
      } else if (remove > keep) {
        outcome = 'removed';
        reason = `${remove} remove to ${keep} keep`;
        toRemove.push(n.id);
      } else {
        outcome = 'kept';
        reason = tally.length === 0 ? 'no votes' : remove === keep ? `a tie (${keep}–${remove}) keeps the node: removing needs a majority` : `${keep} keep to ${remove} remove`;
      }
      outcomes.push({ nodeId: n.id, path: here, keep, remove, outcome, reason });
      walk(n.children, here, removedAncestor ?? (outcome === 'removed' ? here.join(' / ') : null));
    }
  };
  walk(tax.fields, [], null);
  let taxonomy = tax;
  const removed: string[] = [];
  for (const id of toRemove) {
    const r = deleteNode(taxonomy, id);
    taxonomy = r.taxonomy;
    removed.push(...r.removed);
  }
  return { taxonomy, outcomes, removed, unknownVotes };
}
