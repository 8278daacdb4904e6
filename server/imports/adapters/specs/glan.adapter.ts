import { defineAdapter } from '../spec-validator';

/**
 * Generated GLAN pairs (issue 15 item 4) as the synthesis ingestion writes them (server/synthesis/ingest/
 * pairs-file.ts), one JSON object a line: `{pairId, runId, answerKey, question, answer, tags}` with `tags` the
 * pair's PairTags (server/synthesis/synthesis-contract.ts). The question is the user turn and the answer the
 * assistant turn; the ability is the one the taxonomy maps the pair's discipline to (`tags.abilityKey`), else the
 * import's default ability, else the line is reported as having none. The tags go to meta, so every item says where
 * in the taxonomy it comes from; the answer node's key is the source record id.
 */
export const glanAdapter = defineAdapter({
  key: 'glan',
  title: 'GLAN generated pairs (synthetic)',
  description:
    'Question/answer pairs generated from a taxonomy of knowledge (GLAN), as written by a synthesis run’s ingestion: JSON lines with pairId, runId, answerKey, question, answer and tags ' +
    '(field, subField, discipline, subject, level, sessions, concepts, strategy, combo, taxonomyRevision, abilityKey). The ability is tags.abilityKey (the taxonomy’s mapping of the discipline), else the import’s default ability.',
  format: 'jsonl',
  source: { name: 'GLAN', kind: 'synthetic', license: null },
  fields: [
    { path: 'pairId', type: 'integer' },
    { path: 'runId', type: 'nonEmptyString' },
    { path: 'answerKey', type: 'nonEmptyString' },
    { path: 'question', type: 'nonEmptyString' },
    { path: 'answer', type: 'nonEmptyString' },
    { path: 'tags', type: 'object' },
    { path: 'tags.field', type: 'string' },
    { path: 'tags.subField', type: 'string' },
    { path: 'tags.discipline', type: 'nonEmptyString' },
    { path: 'tags.subject', type: 'nonEmptyString' },
    { path: 'tags.sessions', type: 'string[]' },
    { path: 'tags.concepts', type: 'string[]', minLength: 1 },
    { path: 'tags.strategy', type: 'string', oneOf: ['single', 'pair'] },
    { path: 'tags.abilityKey', type: 'string', optional: true },
  ],
  // the taxonomy's ability when it maps the discipline to one; else the import's default, and without one the line is
  // reported as having no ability (never skipped silently)
  ability: {
    rules: [{ if: { path: 'tags.abilityKey', nonEmpty: true }, then: { from: { path: 'tags.abilityKey' }, label: 'taxonomy ability', otherwise: 'error' } }],
    else: { default: true },
  },
  messages: {
    turns: [
      { role: 'user', content: { path: 'question' } },
      { role: 'assistant', content: { path: 'answer' } },
    ],
  },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { path: 'answerKey' },
  meta: {
    synthetic: { const: 'glan' },
    field: { path: 'tags.field' },
    subField: { path: 'tags.subField' },
    discipline: { path: 'tags.discipline' },
    disciplineId: { path: 'tags.disciplineId' },
    subject: { path: 'tags.subject' },
    level: { path: 'tags.level' },
    sessions: { path: 'tags.sessions' },
    concepts: { path: 'tags.concepts' },
    strategy: { path: 'tags.strategy' },
    combo: { path: 'tags.combo' },
    taxonomyRevision: { path: 'tags.taxonomyRevision' },
    runId: { path: 'runId' },
    pairId: { path: 'pairId' },
  },
});
