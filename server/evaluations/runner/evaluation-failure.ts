/** A reason the user can act on; anything else is reported as a crash with its message. */
export class EvaluationFailure extends Error {}
