import { describe, expect, it } from 'vitest';
import { getAdapter, listAdapters } from './index';

describe('adapter registry', () => {
  it('lists the generic and source adapters', () => {
    expect(listAdapters().map((a) => a.key)).toEqual([
      'messages',
      'alpaca',
      'sharegpt',
      'csv',
      'logiqa2',
      'c3',
      'prm800k',
      'coig_human_value',
      'coig_exam',
      'belle_eval',
      'leetcode',
      'cmmlu',
      'agieval',
      'ceval',
      'mcq_csv',
      'ifeval',
      'glan',
    ]);
  });

  it('carries source name, kind and license for every source adapter', () => {
    for (const spec of listAdapters()) {
      expect(spec.source.name, spec.key).toBeTruthy();
      if (spec.source.kind === 'curation') expect(spec.source.license, spec.key).toBeTruthy();
    }
    expect(getAdapter('c3').source).toMatchObject({ name: 'C3', license: 'non-commercial research only' });
  });

  it('names the known adapters when a key is unknown', () => {
    expect(() => getAdapter('logiqa')).toThrow(/^unknown adapter 'logiqa'; known adapters: messages, alpaca, sharegpt, csv, logiqa2, c3, /);
  });
});
