/** The body of a refused request, as the global exception filter answers it: dependency-free, shared with the admin UI. */

/** One entry of a 422's `errors`: the field it names (`fine`, `messages[1].content`) and why it was refused. */
export interface FieldError {
  field: string;
  message: string;
  /** Distractor refusals: the edit ratio to the gold answer. */
  editRatio?: number | null;
  /** Optimistic-concurrency refusals (409): what the value is now (a taxonomy's current revision). */
  current?: string;
}

export interface ErrorBody {
  message: string;
  /** class-validator's sentences, or per-field entries. */
  errors?: string[] | FieldError[];
}
