import type { ReviewMode } from '../synthesis/synthesis-contract';

/**
 * How many decisions a round of an item in this review mode needs (DESIGN.md invariant 1: two, unless a synthetic
 * source chose one review or none).
 *
 * - Filtering rounds: `dual` 2, `single` 1 (the lease function opens them, see the SingleReviewRounds migration);
 *   `none` items never get one (they are created accepted).
 * - Validation rounds of a revised item: `dual` 2 as before; `single` 1, because the source's owner chose one review
 *   per item for this data and a revision does not make the item more contested than the first review did, while a
 *   different person than the reviser still validates it (the reviser is always excluded); `none` 1 too, because
 *   once a person has rewritten an item its text is no longer the generated text the source chose to accept
 *   unreviewed, and a human edit is never accepted without a second person looking at it.
 * - Distractor rounds review a human-written distractor and always need two.
 */
export function reviewsNeeded(mode: ReviewMode): 1 | 2 {
  return mode === 'dual' ? 2 : 1;
}
