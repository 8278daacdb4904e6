/**
 * The JSONL records of records.ts rendered by PostgreSQL, byte for byte the same: strings go through to_json(text),
 * which escapes exactly as JSON.stringify does (", \, \b \f \n \r \t, other controls as \u00xx), and keys are written
 * in the same order with no whitespace. Rendering in the database lets a JSONL file be written as the bytes COPY
 * sends, without decoding, parsing and re-encoding every item in Node (test/e2e/exports-records.e2e-spec.ts
 * compares both renderings on awkward content).
 */
export type LineKind = 'doit' | 'hf' | 'openai';

/** `c`: the snapshot content (jsonb); `id`: the item id (bigint); `ability`: a checked ability key. */
export function lineSql(kind: LineKind, c: string, id: string, ability: string): string {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(ability)) throw new Error(`not an ability key: ${JSON.stringify(ability)}`);
  const type = `'${JSON.stringify(ability)}'`;
  const messages = `'[' || coalesce((SELECT string_agg('{"role":' || to_json(m->>'role')::text || ',"content":' || to_json(m->>'content')::text || '}', ',' ORDER BY o)
      FROM jsonb_array_elements(${c}->'messages') WITH ORDINALITY AS t(m, o)), '') || ']'`;
  const lastAssistant = `(SELECT m->>'content' FROM jsonb_array_elements(${c}->'messages') WITH ORDINALITY AS t(m, o)
      WHERE m->>'role' = 'assistant' ORDER BY o DESC LIMIT 1)`;
  const choices = `CASE WHEN ${c}->'questionFormat' = '1'::jsonb AND jsonb_typeof(${c}->'distractors') = 'object' THEN
      '[' || to_json(coalesce(${c}->>'gold', ${lastAssistant}, ''))::text
      || ',' || coalesce(to_json(${c}->'distractors'->>'fine')::text, 'null')
      || ',' || coalesce(to_json(${c}->'distractors'->>'coarse')::text, 'null') || ']' END`;
  const questionFormat = `(${c}->'questionFormat')::text`;
  const gold = `to_json(${c}->>'gold')::text`;
  switch (kind) {
    case 'doit':
      return `'{"messages":' || ${messages} || ',"type":' || ${type} || ',"question_format":' || ${questionFormat}
        || coalesce(',"choices":' || ${choices}, '') || coalesce(',"answer":' || ${gold}, '')
        || coalesce(',"review_mode":' || to_json(${c}->>'reviewMode')::text, '') || '}'`;
    case 'hf':
      return `'{"id":' || ${id}::text || ',"type":' || ${type} || ',"question_format":' || ${questionFormat}
        || ',"messages":' || ${messages} || ',"choices":' || coalesce(${choices}, 'null') || ',"answer":' || coalesce(${gold}, 'null') || '}'`;
    case 'openai':
      return `'{"messages":' || ${messages} || '}'`;
  }
}
