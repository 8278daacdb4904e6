import type { Exclusion, VersionDiff, VersionRecord } from './versionTypes';

/** Records as the server sends them, for the versions component tests. */
export function version(over: Partial<VersionRecord> = {}): VersionRecord {
  const id = over.id ?? 1;
  const name = over.name ?? 'v1';
  const status = over.status ?? 'frozen';
  return {
    id,
    name,
    parentId: null,
    parentName: null,
    notes: '',
    filter: {},
    splitConfig: { valid: 100, test: 100, seed: 'pace' },
    decontamination: { ngram: 13, flagged: 2, overruled: 0, excluded: 2, evalItems: 400, benchmarkItems: 120, documents: 2650, boilerplateCutoff: 10 },
    status,
    progress: { id, name, status, phase: status === 'frozen' ? 'done' : 'snapshot', done: 0, total: 0, percent: status === 'frozen' ? 100 : 0, included: 0, excluded: 0, contaminated: 0 },
    failureReason: null,
    itemCount: status === 'frozen' ? 2150 : null,
    counts: status === 'frozen' ? { history: { train: 900, valid: 100, test: 100, total: 1100 }, code: { train: 850, valid: 100, test: 100, total: 1050 } } : null,
    missingPpl: status === 'frozen' ? { history: { valid: 3, test: 5 } } : null,
    contentHash: status === 'frozen' ? 'ab'.repeat(32) : null,
    createdBy: 'researcher-id',
    createdByName: 'Researcher',
    createdAt: '2025-05-01T08:00:00Z',
    frozenAt: status === 'frozen' ? '2025-05-01T08:05:00Z' : null,
    ...over,
  };
}

export const flags: Exclusion[] = [
  {
    id: 41,
    itemId: 41,
    ability: 'history',
    split: 'train',
    reason: 'contaminated',
    evidence: { ngram: '推行郡县制度并且统一文字之', documentFrequency: 2, cutoff: 10, matchedItemId: 7, matchedSplit: 'test', benchmark: null },
    overruled: false,
    overrule: null,
  },
  {
    id: 42,
    itemId: 42,
    ability: 'biology',
    split: 'train',
    reason: 'contaminated',
    evidence: { ngram: '绿色植物利用光能把二氧化碳', matchedItemId: 9, matchedSplit: null, benchmark: { sourceId: 's9', sourceName: 'CMMLU-生物' } },
    overruled: false,
    overrule: null,
  },
];

export const diff: VersionDiff = {
  a: { id: 1, name: 'v1', itemCount: 10, counts: null },
  b: { id: 2, name: 'v2', itemCount: 12, counts: null },
  summary: {
    added: 3,
    removed: 1,
    changed: 1,
    moved: 1,
    unchanged: 7,
    splitChanged: 0,
    byAbility: [
      { ability: 'chinese', added: 0, removed: 0, changed: 0, movedIn: 1, movedOut: 0 },
      { ability: 'history', added: 3, removed: 1, changed: 1, movedIn: 0, movedOut: 1 },
    ],
  },
  list: {
    kind: 'changed',
    offset: 0,
    total: 1,
    rows: [
      {
        itemId: 5,
        abilityA: 'history',
        abilityB: 'history',
        splitA: 'train',
        splitB: 'train',
        hashA: 'aa'.repeat(32),
        hashB: 'bb'.repeat(32),
        reviewMode: 'single',
        textDiff: [{ value: '[assistant]\n' }, { value: '汉高祖', added: true }, { value: '刘邦建立了汉朝。' }],
      },
    ],
  },
};
