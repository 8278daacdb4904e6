/**
 * The kinds of problem an import reports for a line or record: the one list every reader, adapter and the
 * standardizer draw from, stored with each error row (`import_errors.code`) so a report can be grouped and a
 * test can tell a known problem from an unexpected one. The reason text says the details; the code says the kind.
 */
export const IMPORT_ERROR_CODES = {
  // The bytes or the framing of a line (readers)
  invalid_utf8: 'the bytes are not valid UTF-8 text',
  bad_character: 'a NUL, an unpaired UTF-16 surrogate or a control character that the import refuses (text-policy.ts)',
  too_long: 'the line, array element or file is over the size limit',
  malformed_json: 'the text is not valid JSON',
  too_deep: 'JSON nested deeper than the importer follows (readers/json-depth.ts)',
  malformed_yaml: 'a Markdown file whose YAML front matter does not parse',
  empty_element: 'an empty array element (two commas in a row)',
  truncated: 'an element or the array is not closed at the end of the file',
  trailing_content: 'content after the end of the top-level array',
  resume_mismatch: 'the file changed since the import began (the resume point does not fit)',
  csv_cell_count: 'a CSV row with a different number of cells than the header',
  csv_syntax: 'CSV that cannot be parsed (quotes, record size); the rest of the file is not read',
  // The fields of a record (adapters)
  missing_field: 'a required field or column is missing',
  wrong_type: 'a field has the wrong type or shape',
  value_not_allowed: 'a field holds a value outside the allowed ones',
  bad_conversation: 'the turns are not user/assistant pairs ending with an answer',
  empty_text: 'a text field or message is empty',
  bad_answer: 'the gold answer is missing or does not fit the question',
  no_ability: 'the record names no ability and the import has no default',
  unknown_ability: 'the record names an ability that does not exist',
} as const satisfies Record<string, string>;

export type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

export function isImportErrorCode(code: unknown): code is ImportErrorCode {
  return typeof code === 'string' && Object.hasOwn(IMPORT_ERROR_CODES, code);
}
