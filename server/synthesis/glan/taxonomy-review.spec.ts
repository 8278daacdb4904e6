import { describe, expect, it } from 'vitest';
import { findNode, parseTaxonomyJson, taxonomyRevision } from './taxonomy';
import { nameKey } from './taxonomy-names';
import { applyVotes, type DraftNode, mergeTaxonomyDrafts, type NodeVote } from './taxonomy-review';

const d = (name: string, ...children: DraftNode[]): DraftNode => ({ name, children });

// three drafts from three prompts, as parsed from the models' JSON
const academic = { fields: [d('Natural Sciences', d('Mathematics', d('Algebra'), d('Geometry')), d('Physics', d('Mechanics'))), d('人文学科', d('历史学', d('中国古代史')))] };
const curriculum = { fields: [d('natural science', d('Mathematics', d('algebra'), d('Statistics'), d('Algebra '))), d('人文 学科', d('历史学', d('中国古代史'), d('世界史')))] };
const professions = { fields: [d('Natural  Sciences', d('Mathematic', d('Geometries')), d('Engineering', d('Statistics'))), d('Arts', d('Music'))] };

describe(mergeTaxonomyDrafts.name, () => {
  it('issue 15 item 1: drafts merge into one de-duplicated tree: normalised names meet, the most common spelling shows, first-seen order', () => {
    const { taxonomy, support, issues, elsewhere } = mergeTaxonomyDrafts([academic, curriculum, professions]);
    expect(issues).toEqual([]);
    const shape = (t: typeof taxonomy.fields): unknown => t.map((n) => (n.children.length ? { [n.name]: shape(n.children) } : n.name));
    expect(shape(taxonomy.fields)).toEqual([
      { 'Natural Sciences': [{ Mathematics: ['Algebra', 'Geometry', 'Statistics'] }, { Physics: ['Mechanics'] }, { Engineering: ['Statistics'] }] },
      { 人文学科: [{ 历史学: ['中国古代史', '世界史'] }] },
      { Arts: ['Music'] },
    ]);
    const sci = taxonomy.fields[0];
    expect(support.get(sci.id)).toEqual([0, 1, 2]);
    expect(support.get(sci.children[0].children[0].id)).toEqual([0, 1]); // Algebra: twice in draft 1, counted once
    expect(support.get(taxonomy.fields[2].id)).toEqual([2]);
    // the same discipline under two sub-fields stays in both, listed for the reviewers
    expect(elsewhere).toEqual([{ name: 'Statistics', paths: [['Natural Sciences', 'Mathematics', 'Statistics'], ['Natural Sciences', 'Engineering', 'Statistics']] }]);
  });

  it('issue 15 item 1: the same drafts merge to the same tree and ids, in any process; the result is a valid taxonomy', () => {
    const a = mergeTaxonomyDrafts([academic, curriculum, professions]).taxonomy;
    expect(mergeTaxonomyDrafts([academic, curriculum, professions]).taxonomy).toEqual(a);
    expect(parseTaxonomyJson(JSON.parse(JSON.stringify(a)))).toEqual(a);
    // the order of drafts changes the display order, and which spelling shows when spellings tie (人文学科 / 人文 学科,
    // Geometry / Geometries: the first seen), but not which nodes there are
    const keys = (t: typeof a.fields): unknown => t.map((n) => [nameKey(n.name), keys(n.children)]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    const reversed = mergeTaxonomyDrafts([professions, curriculum, academic]).taxonomy;
    expect(keys(reversed.fields)).toEqual(keys(a.fields));
    expect(reversed.fields.map((f) => f.name)).toEqual(['Natural Sciences', 'Arts', '人文 学科']);
    expect(new Set(reversed.fields.map((f) => f.id))).toEqual(new Set(a.fields.map((f) => f.id)));
    expect(taxonomyRevision(mergeTaxonomyDrafts([academic, curriculum, professions]).taxonomy)).toBe(taxonomyRevision(a));
  });

  it('issue 15 item 1: unusable draft nodes are listed with the draft and path, the rest is merged', () => {
    const bad = { fields: [d('Sciences', d('Biology', { name: 'Genetics', children: [d('Too deep')] }, { name: '' } as DraftNode))] };
    const { taxonomy, issues } = mergeTaxonomyDrafts([bad, { nope: [] } as never]);
    expect(issues).toEqual([
      { path: 'draft 1: fields', message: 'expected an object with a "fields" array' },
      { path: 'draft 0: fields[0].children[0].children[0].children', message: 'left out: a discipline has no children (at most 3 levels)' },
      { path: 'draft 0: fields[0].children[0].children[1].name', message: 'a name must be a non-empty string' },
    ]);
    expect(taxonomy.fields[0].children[0].children.map((c) => [c.name, c.children])).toEqual([['Genetics', []]]);
  });
});

describe(applyVotes.name, () => {
  const tax = parseTaxonomyJson({
    fields: [
      { id: 'sci', name: 'Sciences', children: [{ id: 'math', name: 'Mathematics', children: [{ id: 'alg', name: 'Algebra' }, { id: 'geo', name: 'Geometry' }] }] },
      { id: 'occ', name: 'Occultism', children: [{ id: 'ast', name: 'Astrology', children: [{ id: 'hor', name: 'Horoscopes' }] }] },
    ],
  });
  const v = (nodeId: string, voter: string, decision: 'keep' | 'remove'): NodeVote => ({ nodeId, voter, decision });

  it('issue 15 item 1: majority wins; removing a node removes its descendants whatever their own votes', () => {
    const votes = [v('occ', 'ann', 'remove'), v('occ', 'bo', 'remove'), v('occ', 'cy', 'keep'), v('hor', 'ann', 'keep'), v('hor', 'bo', 'keep'), v('geo', 'ann', 'remove'), v('geo', 'bo', 'keep'), v('geo', 'cy', 'remove')];
    const r = applyVotes(tax, votes);
    expect(r.removed).toEqual(['geo', 'occ', 'ast', 'hor']); // tree order
    expect(r.taxonomy.fields.map((f) => f.id)).toEqual(['sci']);
    expect(findNode(r.taxonomy, 'math')!.node.children.map((c) => c.id)).toEqual(['alg']);
    const byId = new Map(r.outcomes.map((o) => [o.nodeId, o]));
    expect(byId.get('occ')).toEqual({ nodeId: 'occ', path: ['Occultism'], keep: 1, remove: 2, outcome: 'removed', reason: '2 remove to 1 keep' });
    expect(byId.get('hor')).toMatchObject({ keep: 2, remove: 0, outcome: 'removed with an ancestor', reason: 'its ancestor Occultism was voted out' });
    expect(byId.get('alg')).toMatchObject({ outcome: 'kept', reason: 'no votes' });
    expect(findNode(tax, 'occ')).toBeDefined(); // the input tree is untouched
  });

  it('issue 15 item 1: a tie keeps the node (removal needs a majority); a voter’s last vote counts, once', () => {
    const r = applyVotes(tax, [v('geo', 'ann', 'remove'), v('geo', 'bo', 'keep')]);
    expect(r.removed).toEqual([]);
    expect(r.outcomes.find((o) => o.nodeId === 'geo')).toMatchObject({ keep: 1, remove: 1, outcome: 'kept', reason: 'a tie (1–1) keeps the node: removing needs a majority' });
    // ann votes remove twice (one vote), bo keep, cy keep then remove (cy's last vote counts): 2 remove to 1 keep
    const votes = [v('alg', 'ann', 'remove'), v('alg', 'ann', 'remove'), v('alg', 'bo', 'keep'), v('alg', 'cy', 'keep'), v('alg', 'cy', 'remove')];
    const changed = applyVotes(tax, votes);
    expect(changed.removed).toEqual(['alg']);
    expect(changed.outcomes.find((o) => o.nodeId === 'alg')).toMatchObject({ keep: 1, remove: 2 });
    // cy changing back to keep makes keep the majority (2–1)
    expect(applyVotes(tax, [...votes, v('alg', 'cy', 'keep')]).removed).toEqual([]);
  });

  it('votes on nodes no longer in the tree are returned, not counted; a bad decision is refused naming the vote', () => {
    const r = applyVotes(tax, [v('gone', 'ann', 'remove')]);
    expect(r.unknownVotes).toEqual([v('gone', 'ann', 'remove')]);
    expect(r.removed).toEqual([]);
    expect(() => applyVotes(tax, [v('alg', 'ann', 'keep'), { nodeId: 'alg', voter: 'bo', decision: 'maybe' as 'keep' }])).toThrow('votes[1].decision: expected keep or remove, got "maybe"');
  });
});
