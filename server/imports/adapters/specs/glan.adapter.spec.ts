import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { getAdapter } from '../index';

const spec = getAdapter('glan');

const tags = {
  field: 'Humanities',
  subField: 'History',
  discipline: '中国古代史',
  disciplineId: 'd-1',
  abilityKey: 'history',
  subject: '秦汉史',
  level: 'undergraduate',
  sessions: ['第一讲 秦的统一'],
  concepts: ['郡县制', '书同文'],
  strategy: 'single',
  combo: 's0:0,1',
  taxonomyRevision: 'rev-1',
};
const record = { pairId: 7, runId: 'run-1', answerKey: 'a'.repeat(64), question: '秦朝为何推行郡县制？', answer: '为了加强中央集权。', tags };

describe('glan adapter', () => {
  it('issue 15 item 4: a generated pair becomes an open item of a synthetic source, its tags in meta and the answer node key as record id', () => {
    expect(spec.source.kind).toBe('synthetic');
    const out = applyAdapter(spec, record, { defaultAbility: null });
    expect(out.kind).toBe('items');
    if (out.kind !== 'items') return;
    expect(out.items[0]).toMatchObject({
      messages: [{ role: 'user', content: '秦朝为何推行郡县制？' }, { role: 'assistant', content: '为了加强中央集权。' }],
      ability: 'history',
      questionFormat: 1,
      answerType: 'open',
      sourceRecordId: 'a'.repeat(64),
      meta: {
        synthetic: 'glan',
        field: 'Humanities',
        subField: 'History',
        discipline: '中国古代史',
        subject: '秦汉史',
        level: 'undergraduate',
        sessions: ['第一讲 秦的统一'],
        concepts: ['郡县制', '书同文'],
        strategy: 'single',
        combo: 's0:0,1',
        taxonomyRevision: 'rev-1',
        runId: 'run-1',
        pairId: 7,
      },
    });
  });

  it('issue 15 item 4: a pair whose discipline maps to no ability takes the import default ability', () => {
    const out = applyAdapter(spec, { ...record, tags: { ...tags, abilityKey: null } }, { defaultAbility: 'chinese' });
    expect(out.kind === 'items' && out.items[0].ability).toBe('chinese');
  });

  it('issue 15 item 4: a pair without a question is refused naming the field', () => {
    const out = applyAdapter(spec, { ...record, question: '' }, { defaultAbility: null });
    expect(out).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ field: 'question' })] });
  });
});
