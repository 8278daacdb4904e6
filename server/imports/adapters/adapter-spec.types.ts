/**
 * An adapter is data: an AdapterSpec says which fields a raw record must have, which records to
 * skip, and how to build each StandardizedItem field from the record. One engine evaluates them all.
 *
 * Paths: `question.problem`, `options[2]`, `[1]` (array records), `messages[*].role` (field checks
 * only), `$parent[0]` (the record an exploded element came from), `$index` (element index),
 * `@name` (a value computed in `vars`), `$col.instruction` (CSV: the column mapped to `instruction`), `$file` (the
 * base name of the record's file as the user knows it, e.g. CMMLU's `chinese_history.csv`: benchmarks name subsets so).
 */

export type ChatRole = 'system' | 'user' | 'assistant';

/** A filter step: `'trim'` or `['between', '<!-- a -->', '<!-- b -->']` (name, then arguments). */
export type PipeStep = string | [string, ...Array<string | number>];

export type Expr =
  | { const: unknown }
  | { path: string; pipe?: PipeStep[] }
  /** Placeholders `{path|filter:arg1,arg2|filter2}`; `{{` and `}}` are literal braces; null renders as ''. */
  | { template: string; pipe?: PipeStep[] }
  /** The first value that is not null, undefined, blank text or []. */
  | { first: Expr[]; pipe?: PipeStep[] }
  /** An array of the values (CSV option columns A–D as one list). */
  | { list: Expr[]; pipe?: PipeStep[] }
  | { if: Condition; then: Expr; else?: Expr };

/** A test on one value (exactly one subject and one predicate), or a combination of tests. */
export type Condition =
  | ({ path: string } & Predicate)
  | ({ value: Expr } & Predicate)
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type Predicate =
  | { equals: unknown }
  | { in: unknown[] }
  /** Regular expression source tested against the value as text; `flags` as for `new RegExp`. */
  | { matches: string; flags?: string }
  | { nonEmpty: true }
  | { exists: true };

export type FieldType =
  | 'any'
  | 'string'
  | 'nonEmptyString'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'string[]'
  /** A string or a finite number (ids, answers). */
  | 'scalar';

/** A declared field of the raw record; a failed check makes the record `invalid` naming the path. */
export interface FieldCheck {
  /** A path, or several alternatives of which the first present one is checked (`['example_id', 'id']`). */
  path: string | string[];
  type: FieldType;
  optional?: boolean;
  /** Exact array length; or bounds with minLength/maxLength. */
  length?: number;
  minLength?: number;
  maxLength?: number;
  oneOf?: unknown[];
  /** The value must equal one element of the array at this path (C3: `answer` is one of `choice`). */
  inPath?: string;
  /** Check only when this holds (messages: choices only matter for question_format 1). */
  when?: Condition;
}

/** Records failing `require` are skipped; `reason` is a template over the record. */
export interface SkipRule {
  require: Condition;
  reason: string;
}

export type AbilityRule =
  | { const: string }
  /**
   * The value (mapped through `map` when given, else taken as the ability key). When it is empty
   * or not in the map: 'skip' → skipped "no ability for <label> <value>", 'error' → invalid,
   * 'default' → the import's default ability, else skipped.
   */
  | { from: Expr; label: string; map?: Record<string, string>; otherwise: 'skip' | 'error' | 'default' }
  | { rules: Array<{ if: Condition; then: AbilityRule }>; else: AbilityRule }
  /** The import's default ability (null when none was given: decided later, at storage). */
  | { default: true };

export interface TurnRule {
  role: ChatRole;
  content: Expr;
  /** An optional turn whose content is empty is left out (e.g. an absent system prompt). */
  optional?: boolean;
}

export type MessagesRule =
  | { turns: TurnRule[] }
  /** The record's own list of turns, e.g. `messages` [{role, content}] or ShareGPT `conversations`. */
  | {
      fromPath: string;
      roleKey: string;
      contentKey: string;
      /** Raw role value → chat role; without it the raw value must already be system/user/assistant. */
      roleMap?: Record<string, ChatRole>;
      /** Turns put before the record's own (ShareGPT's top-level `system`). */
      prepend?: TurnRule[];
    };

export type SourceKind = 'curation' | 'synthetic' | 'benchmark' | 'generic';

export type InputFormat = 'jsonl' | 'json-array' | 'json-any' | 'csv' | 'markdown-files';

export interface AdapterSpec {
  key: string;
  title: string;
  description: string;
  /** What the reader must hand over: a JSON value per line/element, a CSV row, or `{ path, text }`. */
  format: InputFormat;
  /** For markdown-files: which file names are records (`README.md`, not `README_EN.md`). */
  fileName?: string;
  source: { name: string; kind: SourceKind; license: string | null; homepage?: string };
  /** CSV only: the logical columns, mapped to real column names by the import's csvMapping. */
  columns?: Record<string, { required: boolean }>;
  /** Checked on the raw record. */
  fields: FieldCheck[];
  /** Each element of the array at `path` becomes one item; `fields` are then checked per element. */
  explode?: { path: string; fields: FieldCheck[] };
  /** Named values computed in order (each may use earlier ones as `@name`). */
  vars?: Record<string, Expr>;
  when?: SkipRule[];
  ability: AbilityRule;
  messages: MessagesRule;
  /**
   * The part of the item that several items may share: the passage they are asked about (C3's dialogue, an alpaca
   * `input`, LogiQA's text). It must appear in the user turn as the messages build it. Near-duplicate detection
   * compares it apart from the rest (what is asked and answered), so items that only share a context are not near
   * duplicates; items without one (generic formats) are compared whole.
   */
  context?: Expr;
  questionFormat: Expr;
  answerType: Expr;
  gold: Expr;
  choices?: Expr;
  /** When known, gold letters must fall within this many choices. */
  choiceCount?: Expr;
  sourceRecordId: Expr;
  meta?: Record<string, Expr>;
  /** True → the item has no usable answer yet: an empty assistant message is allowed. */
  needsAnswer?: Condition;
}

/** Settings of one import run that adapters may consult. */
export interface AdapterContext {
  defaultAbility?: string | null;
  /** CSV: logical column (instruction, output, …) → the file's column name. */
  csvMapping?: Record<string, string>;
  /** The record's file as the user knows it (a path or a name); `$file` is its base name. */
  fileName?: string;
}
