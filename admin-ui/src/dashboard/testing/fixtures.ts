import type { ReasonCode } from '../../../../server/reviews/review-reasons';
import type { AgreementSummary, Disagreement, GroupAgreement, Pairs, PassRates, QueueDepth, Reviewer, ReviewerFigures, ActiveLease } from '../types';

export const abilities = [
  { id: 3, key: 'biology', nameEn: 'Biology', nameZh: '生物', description: '' },
  { id: 5, key: 'history', nameEn: 'History', nameZh: '历史', description: '' },
];

export const queue: QueueDepth = {
  stages: { filter: 7, revision: 2, validation: 1, distractor_authoring: 0, distractor_review: 4 },
  byAbility: [
    { abilityId: 3, abilityKey: 'biology', stage: 'filter', count: 5 },
    { abilityId: 3, abilityKey: 'biology', stage: 'distractor_review', count: 4 },
    { abilityId: 5, abilityKey: 'history', stage: 'filter', count: 2 },
    { abilityId: 5, abilityKey: 'history', stage: 'revision', count: 2 },
    { abilityId: 5, abilityKey: 'history', stage: 'validation', count: 1 },
  ],
};

const est = (estimate: number, low: number, high: number) => ({ estimate, low, high });
const noPairs = { estimate: null, low: null, high: null };

export function group(key: string, label: string, over: Partial<GroupAgreement> = {}): GroupAgreement {
  return {
    key,
    label,
    rounds: 40,
    singleReviewRounds: 0,
    passRate: 0.6,
    percentAgreement: est(0.8, 0.7, 0.9),
    krippendorffAlpha: est(0.55, 0.4, 0.7),
    fleissKappa: est(0.54, 0.39, 0.69),
    gwetAc1: est(0.62, 0.5, 0.75),
    meanCohenKappa: est(0.58, 0.44, 0.71),
    reviewerPairs: 3,
    ...over,
  };
}

export const byAbility: AgreementSummary = {
  groupBy: 'ability',
  computedAt: '2025-01-10T10:00:00Z',
  groups: [group('3', 'biology'), group('5', 'history', { rounds: 20, passRate: 0.25, meanCohenKappa: noPairs, krippendorffAlpha: est(0.31, 0.12, 0.5) })],
};

/** GET /agreement/pass-rates: a summary's counts without its agreement figures. */
export function passRatesOf(s: AgreementSummary): PassRates {
  return { groupBy: s.groupBy, groups: s.groups.map(({ key, label, rounds, singleReviewRounds, passRate }) => ({ key, label, rounds, singleReviewRounds, passRate })) };
}

export const weekly: AgreementSummary = {
  groupBy: 'week',
  computedAt: '2025-01-10T10:00:00Z',
  groups: [group('2025-01-06', '2025-W02', { meanCohenKappa: noPairs }), group('2025-01-13', '2025-W03', { passRate: 0.7, meanCohenKappa: noPairs })],
};

export const pairs: Pairs = {
  reviewers: [
    { id: 'ann', name: 'Ann' },
    { id: 'bo', name: 'Bo' },
    { id: 'cy', name: 'Cy' },
  ],
  pairs: [
    { reviewerA: 'ann', reviewerB: 'bo', rounds: 10, percentAgreement: 0.8, cohenKappa: est(0.6, 0.3, 0.85), gwetAc1: 0.7 },
    { reviewerA: 'bo', reviewerB: 'cy', rounds: 4, percentAgreement: 0.5, cohenKappa: est(0.2, -0.4, 0.7), gwetAc1: 0.1 },
  ],
  meanCohenKappa: 0.4,
  reviewerCount: 3,
  pairCount: 2,
  reviewerMeans: [
    { reviewerId: 'ann', meanCohenKappa: 0.6, pairs: 1 },
    { reviewerId: 'bo', meanCohenKappa: 0.4, pairs: 2 },
    { reviewerId: 'cy', meanCohenKappa: 0.2, pairs: 1 },
  ],
};

export const figures: ReviewerFigures[] = [
  { reviewerId: 'ann', name: 'Ann', reviewed: 12, medianMs: 8000, approvalRate: 0.5, coReviewerAgreement: 0.75 },
  { reviewerId: 'bo', name: 'Bo', reviewed: 14, medianMs: 95_000, approvalRate: 0.64, coReviewerAgreement: 0.7 },
];

export const reviewers: Reviewer[] = [
  { id: 'ann', name: 'Ann', email: 'ann@pace.test', role: 'annotator', active: true, paused: false, activeLeases: 1, reviewsToday: 3, reviewsLast7Days: 9 },
  { id: 'bo', name: 'Bo', email: 'bo@pace.test', role: 'annotator', active: true, paused: false, activeLeases: 0, reviewsToday: 0, reviewsLast7Days: 14 },
  { id: 'cy', name: 'Cy', email: 'cy@pace.test', role: 'annotator', active: true, paused: true, activeLeases: 0, reviewsToday: 0, reviewsLast7Days: 2 },
  { id: 'dee', name: 'Dee', email: 'dee@pace.test', role: 'lead', active: true, paused: false, activeLeases: 1, reviewsToday: 0, reviewsLast7Days: 0 },
];

export const leases: ActiveLease[] = [
  { kind: 'review', id: '17', itemId: 42, holderId: 'ann', holderName: 'Ann', leasedAt: '2025-01-10T09:00:00Z', expiresAt: '2025-01-10T09:30:00Z' },
  { kind: 'revision', id: '5', itemId: 77, holderId: 'dee', holderName: 'Dee', leasedAt: '2025-01-10T09:00:00Z', expiresAt: '2025-01-10T09:30:00Z' },
];

const decision = (reviewerId: string, reviewerName: string, d: 'approve' | 'reject', reasons: ReasonCode[] = [], comment: string | null = null) => ({
  reviewerId,
  reviewerName,
  decision: d,
  reasons,
  comment,
  timeSpentMs: 9000,
  submittedAt: '2025-01-10T09:00:00Z',
});

export const disagreements: Disagreement[] = [
  {
    id: '900',
    itemId: 42,
    kind: 'filter',
    abilityId: 3,
    abilityKey: 'biology',
    outcome: 'rejected',
    itemStatus: 'rejected',
    decidedAt: '2025-01-10T09:10:00Z',
    instruction: '什么是光合作用？',
    decisions: [decision('ann', 'Ann', 'approve'), decision('bo', 'Bo', 'reject', ['incorrect_answer'], '答案不完整')],
  },
  {
    id: '901',
    itemId: 43,
    kind: 'validation',
    abilityId: 5,
    abilityKey: 'history',
    outcome: 'rejected',
    itemStatus: 'needs_answer',
    decidedAt: '2025-01-10T09:05:00Z',
    instruction: '汉朝是谁建立的？',
    decisions: [decision('bo', 'Bo', 'reject', ['formatting']), decision('cy', 'Cy', 'approve')],
  },
];
