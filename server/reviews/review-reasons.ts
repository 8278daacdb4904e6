/** Why a reviewer rejects an item (the DoIT paper's rejection reasons). */
export const REASON_CODES = [
  'incorrect_answer',
  'wrong_category',
  'low_diversity',
  'ethical_problem',
  'formatting',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
