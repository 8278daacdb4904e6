/** Shapes of the workspace's API answers (server/reviews/lease-view.ts, revisions.service.ts, distractors.service.ts). */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface AbilityRef {
  id: number;
  key: string;
  nameEn: string;
  nameZh: string;
}

export const REASON_CODES = ['incorrect_answer', 'wrong_category', 'low_diversity', 'ethical_problem', 'formatting', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type RoundKind = 'filter' | 'validation' | 'distractor';

export interface ReviewLease {
  lease: { id: string; leasedAt: string; expiresAt: string };
  round: { id: string; kind: RoundKind };
  item: {
    id: number;
    messages: ChatMessage[];
    gold: string | null;
    choices: string[] | null;
    questionFormat: 0 | 1;
    answerType: string;
    split: string | null;
  };
  ability: AbilityRef;
  source: { id: string; name: string };
  distractor?: { id: string; kind: 'fine' | 'coarse'; text: string };
  revision?: { id: string; diff: string | null; comment: string | null };
}

export interface Tally {
  today: number;
  approvedToday: number;
}

export interface PastDecision {
  decision: 'approve' | 'reject';
  reasons: ReasonCode[];
  comment: string | null;
}

export interface RevisionTask {
  revision: { id: string; leasedAt: string; expiresAt: string; state: string };
  item: {
    id: number;
    messages: ChatMessage[];
    gold: string | null;
    choices: string[] | null;
    questionFormat: 0 | 1;
    answerType: string;
    ability: AbilityRef;
    source: { id: string; name: string };
  };
  history: { roundId: string; kind: RoundKind; outcome: 'accepted' | 'rejected' | null; decisions: PastDecision[] }[];
}

export type DistractorKind = 'fine' | 'coarse';

export interface DistractorBounds {
  fineMaxEditRatio: number;
  coarseMinEditRatio: number;
}

export interface DistractorTask {
  task: { id: string; kinds: DistractorKind[]; leasedAt: string; expiresAt: string };
  item: { id: number; messages: ChatMessage[]; split: string | null; gold: string };
  ability: AbilityRef;
  bounds: DistractorBounds;
}

export interface DistractorCheck {
  ok: boolean;
  kind: DistractorKind;
  editRatio: number;
  message: string | null;
  bounds: DistractorBounds;
}
