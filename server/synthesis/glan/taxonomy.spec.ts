import { describe, expect, it } from 'vitest';
import {
  createNode,
  deleteNode,
  exportTaxonomyJson,
  findNode,
  listDisciplines,
  moveNode,
  parseTaxonomyJson,
  renameNode,
  setAbility,
  type Taxonomy,
  TaxonomyError,
  taxonomyRevision,
} from './taxonomy';
import { nameKey } from './taxonomy-names';

function sample(): Taxonomy {
  return parseTaxonomyJson({
    fields: [
      {
        id: 'sci',
        name: 'Natural Sciences',
        children: [
          { id: 'math', name: 'Mathematics', children: [{ id: 'alg', name: 'Algebra' }, { id: 'geo', name: 'Geometry' }] },
          { id: 'phys', name: 'Physics', children: [{ id: 'mech', name: 'Mechanics' }] },
        ],
      },
      { id: 'hum', name: '人文学科', children: [{ id: 'hist', name: '历史学', children: [{ id: 'anc', name: '中国古代史', abilityKey: 'history' }] }] },
    ],
  });
}

function issuesOf(f: () => unknown): { path: string; message: string }[] {
  try {
    f();
  } catch (e) {
    if (e instanceof TaxonomyError) return e.issues;
    throw e;
  }
  throw new Error('expected a TaxonomyError');
}

describe(nameKey.name, () => {
  it('issue 15 item 1: case, whitespace, NFC/NFKC, punctuation, & and simple plurals compare equal; CJK spacing and full-width forms too', () => {
    const same = [
      ['Natural Sciences', ' natural   science '],
      ['Arts & Crafts', 'arts and crafts'],
      ['Computer-Science', 'computer science'],
      ['Studies of Religion', 'study of religions'],
      ['Cine\u0301tique', 'Cin\u00e9tique'],
      ['计算 机科学', '计算机科学'],
      ['中国古代史（先秦）', '中国古代史 先秦'],
      ['ＡＩ伦理', 'AI 伦理'],
    ];
    for (const [a, b] of same) expect(nameKey(a), `${a} vs ${b}`).toBe(nameKey(b));
    for (const [a, b] of [['Class', 'Clas'], ['Analysis', 'Analysi'], ['Physics', 'Physical'], ['历史学', '历史']]) expect(nameKey(a)).not.toBe(nameKey(b));
    expect(nameKey('Analysis')).toBe('analysis');
  });
});

describe('taxonomy operations', () => {
  it('issue 15 item 1: create, rename, move, delete — immutable, each keeps the rules', () => {
    const t0 = sample();
    const { taxonomy: t1, node } = createNode(t0, 'math', 'Number Theory', { id: 'nt' });
    expect(findNode(t1, 'nt')).toMatchObject({ path: ['Natural Sciences', 'Mathematics', 'Number Theory'], level: 'discipline', parentId: 'math' });
    expect(node.children).toEqual([]);
    expect(findNode(t0, 'nt')).toBeUndefined(); // the argument is untouched
    const t2 = renameNode(t1, 'nt', '  Number   Theory (Elementary) ');
    expect(findNode(t2, 'nt')!.node.name).toBe('Number Theory (Elementary)');
    const t3 = moveNode(t2, 'nt', 'phys', 0);
    expect(findNode(t3, 'phys')!.node.children.map((c) => c.id)).toEqual(['nt', 'mech']);
    expect(findNode(t3, 'math')!.node.children.map((c) => c.id)).toEqual(['alg', 'geo']);
    const { taxonomy: t4, removed } = deleteNode(t3, 'sci');
    expect(removed).toEqual(['sci', 'math', 'alg', 'geo', 'phys', 'nt', 'mech']);
    expect(listDisciplines(t4)).toEqual([{ id: 'anc', path: ['人文学科', '历史学', '中国古代史'], abilityKey: 'history' }]);
  });

  it('issue 15 item 1: a sub-field with its disciplines moves to another field; a field may become a sub-field when it fits', () => {
    const t = moveNode(sample(), 'phys', 'hum');
    expect(findNode(t, 'mech')!.path).toEqual(['人文学科', 'Physics', 'Mechanics']);
    const { taxonomy: withEmpty } = createNode(t, null, 'Engineering', { id: 'eng' });
    expect(findNode(moveNode(withEmpty, 'eng', 'sci'), 'eng')!.level).toBe('sub-field');
  });

  it('issue 15 item 1: refused — cycles, a fourth level, sibling names that normalise alike, unknown ids, abilities off disciplines', () => {
    const t = sample();
    expect(issuesOf(() => moveNode(t, 'sci', 'math'))).toEqual([
      { path: 'Natural Sciences', message: 'cannot move a node under itself or its own descendant (Natural Sciences / Mathematics)' },
    ]);
    expect(issuesOf(() => moveNode(t, 'sci', 'sci'))[0].message).toMatch(/under itself/);
    expect(issuesOf(() => moveNode(t, 'math', 'phys'))).toEqual([{ path: 'Natural Sciences / Mathematics', message: 'moving it there would make the tree 4 levels deep (at most 3)' }]);
    expect(issuesOf(() => createNode(t, 'alg', 'Groups'))).toEqual([{ path: 'Natural Sciences / Mathematics / Algebra / Groups', message: 'a discipline has no children (at most 3 levels)' }]);
    expect(issuesOf(() => createNode(t, 'math', 'algebra '))).toEqual([{ path: 'Natural Sciences / Mathematics / algebra', message: '"algebra" is already there as "Algebra" (alg)' }]);
    expect(issuesOf(() => renameNode(t, 'geo', 'ALGEBRA'))[0].message).toBe('"ALGEBRA" is already there as "Algebra" (alg)');
    expect(renameNode(t, 'alg', 'algebra').fields[0].children[0].children[0].name).toBe('algebra'); // renaming itself is fine
    expect(issuesOf(() => createNode(t, 'math', '  '))[0].message).toBe('a name must be a non-empty string');
    expect(issuesOf(() => deleteNode(t, 'nope'))).toEqual([{ path: 'node nope', message: 'no such node' }]);
    expect(issuesOf(() => setAbility(t, 'math', 'biology'))[0].message).toBe('only a discipline maps to an ability; this is a sub-field');
    expect(issuesOf(() => moveNode(t, 'anc', 'hum'))[0].message).toBe('it maps to an ability, so it must stay a discipline');
    expect(findNode(moveNode(t, 'geo', 'phys', 0), 'geo')!.parentId).toBe('phys');
  });

  it('issue 15 item 1: disciplines map to abilities and the mapping can be cleared', () => {
    const t = setAbility(sample(), 'alg', 'cot_math');
    expect(findNode(t, 'alg')!.node.abilityKey).toBe('cot_math');
    expect('abilityKey' in findNode(setAbility(t, 'alg', null), 'alg')!.node).toBe(false);
  });
});

describe('taxonomy JSON', () => {
  it('issue 15 item 1: export and import give back the same tree; ids may be left out on import (made from the path)', () => {
    const t = sample();
    expect(parseTaxonomyJson(exportTaxonomyJson(t))).toEqual(t);
    const a = parseTaxonomyJson('{"fields": [{"name": "Arts", "children": [{"name": "Music", "children": [{"name": "Composition"}]}]}]}');
    const b = parseTaxonomyJson({ fields: [{ name: 'Arts', children: [{ name: 'Music', children: [{ name: 'Composition' }] }] }] });
    expect(a).toEqual(b);
    expect(a.fields[0].id).toMatch(/^t[0-9a-f]{16}$/);
  });

  it('issue 15 item 1: every problem is reported at once with its JSON path; nothing is half-imported', () => {
    const issues = issuesOf(() =>
      parseTaxonomyJson({
        fields: [
          { id: 'x', name: 'Sciences', children: [{ name: 'Biology', children: [{ name: 'Genetics', children: [{ name: 'Too deep' }] }] }] },
          { id: 'x', name: 'Arts' },
          { name: 'science' },
          { name: '', children: [] },
          { name: 'Law', children: 'none', colour: 'red' },
          { name: 'Music', abilityKey: 'creative_writing' },
          7,
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'fields[1].id', message: 'id x is also used at fields[0]' },
      { path: 'fields[2].name', message: '"science" repeats its sibling "Sciences" (fields[0])' },
      { path: 'fields[3].name', message: 'a name must be a non-empty string' },
      { path: 'fields[4].colour', message: 'unknown key (expected id, name, abilityKey, children)' },
      { path: 'fields[4].children', message: 'expected an array' },
      { path: 'fields[5].abilityKey', message: 'only a discipline (level 3) maps to an ability' },
      { path: 'fields[6]', message: 'expected an object with a name' },
      { path: 'fields[0].children[0].children[0].children', message: 'a discipline has no children (at most 3 levels: field → sub-field → discipline)' },
    ]);
    expect(issuesOf(() => parseTaxonomyJson('{"fields": ['))[0].path).toBe('(document)');
    expect(issuesOf(() => parseTaxonomyJson({ field: [] }))).toEqual([{ path: 'fields', message: 'expected an object with a "fields" array' }]);
  });
});

describe(taxonomyRevision.name, () => {
  it('issue 15 item 1: stable, independent of sibling order and ids, changed by any edit of content', () => {
    const t = sample();
    const rev = taxonomyRevision(t);
    expect(rev).toMatch(/^[0-9a-f]{64}$/);
    const reordered: Taxonomy = { fields: [...t.fields].reverse().map((f) => ({ ...f, id: `${f.id}-other`, children: [...f.children].reverse() })) };
    expect(taxonomyRevision(reordered)).toBe(rev);
    const edits = [
      renameNode(t, 'geo', 'Geometry and Topology'),
      createNode(t, 'phys', 'Optics').taxonomy,
      deleteNode(t, 'mech').taxonomy,
      moveNode(t, 'geo', 'phys'),
      setAbility(t, 'alg', 'cot_math'),
      setAbility(t, 'anc', null),
    ].map(taxonomyRevision);
    expect(edits.every((r) => r !== rev)).toBe(true);
    expect(new Set(edits).size).toBe(edits.length);
    expect(rev).toMatchInlineSnapshot(`"36f6e34b121f14dc4fe1154a11dea325aced431b7452d85b6aa0b2832fcebc9e"`);
  });
});
