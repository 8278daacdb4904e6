import type { GrowthRunView, GrowthView, HoursGuidanceView, PaceQueueView, QuotaProposalView } from '../../../server/growth/growth-views';
import type { StudyView } from '../../../server/studies/study-views';
import { reason } from '../../../server/analysis/guidance/guidance-messages';
import { handCurves } from '../../../server/analysis/growth/hand-curves.fixture';

/** Answers as the server sends them, for the growth and studies component tests. */
export function growthRun(over: Partial<GrowthRunView> = {}): GrowthRunView {
  return {
    experimentId: 'exp-1',
    name: 'curated-10',
    baseModel: { id: 1, name: 'llama-7b' },
    parameters: 7e9,
    source: 'curated',
    seed: 1,
    recipe: { id: 3, name: 'curated-10', revision: 1 },
    status: 'completed',
    trainCounts: { chinese: 1 },
    trainTotal: 10,
    reportedEpoch: 5,
    ...over,
  };
}

/** The hand-made curves of the chart tests (chinese: 7B and 13B, curated and synthetic; CMMLU average 0- and 5-shot). */
export function growthView(over: Partial<GrowthView> = {}): GrowthView {
  return { ...handCurves(), studyId: 1, runs: [growthRun(), growthRun({ experimentId: 'exp-4', name: 'curated-40', trainCounts: { chinese: 4 }, trainTotal: 40 })], unsized: [], ...over };
}

export function quotaProposal(): QuotaProposalView {
  return {
    budget: 500,
    floor: 64,
    allocated: 500,
    unallocated: 0,
    parameters: 7e9,
    source: 'curated',
    versionId: 2,
    quotas: [
      {
        ability: 'chinese',
        class: 'responsive',
        quota: 436,
        current: 64,
        available: 1000,
        limit: 1000,
        expectedScore: 0.55,
        expectedChange: 0.086,
        lastItemGain: 0.0001,
        reasons: [reason('pace.guidance.quota.responsive', { ability: 'chinese', alpha: 0.045, marginal: 0.0001 }), reason('pace.guidance.quota.expectedChange', { change: 0.086, current: 64, quota: 436 })],
      },
      {
        ability: 'history',
        class: 'resistant',
        quota: 64,
        current: 256,
        available: 800,
        limit: 64,
        expectedScore: 0.3,
        expectedChange: -0.01,
        lastItemGain: null,
        reasons: [reason('pace.guidance.quota.resistant', { ability: 'history', floor: 64 })],
      },
    ],
    reasons: [reason('pace.guidance.budget.met', { budget: 500 })],
    text: { summary: ['All 500 items of the budget are allocated.'], abilities: {} },
  };
}

export function hoursGuidance(hours = 8): HoursGuidanceView {
  return {
    studyId: null,
    hours,
    reviewsPerItem: 2,
    worthMost: ['chinese', 'history'],
    summary: reason('pace.guidance.hours.worthMost', { hours, abilities: ['chinese', 'history'] }),
    abilities: [
      { ability: 'chinese', class: 'responsive', acceptedPerHour: 12, itemsInHours: 96, gainInHours: 0.03, gainPerHour: 0.00375, weight: 0.75, rank: 1, reasons: [] },
      { ability: 'history', class: 'plateaued', acceptedPerHour: 6, itemsInHours: 48, gainInHours: 0.01, gainPerHour: 0.00125, weight: 0.25, rank: 2, reasons: [] },
    ],
    inputs: [
      { ability: 'chinese', medianReviewSeconds: 90, passRate: 0.6, current: 64, awaitingReview: 300 },
      { ability: 'history', medianReviewSeconds: 120, passRate: 0.4, current: 256, awaitingReview: 100 },
    ],
    text: { summary: '', abilities: {} },
  };
}

export function paceQueue(over: Partial<PaceQueueView> = {}): PaceQueueView {
  return {
    enabled: false,
    studyId: null,
    hours: 8,
    weights: [
      { ability: 'chinese', weight: 0.75, rank: 1 },
      { ability: 'history', weight: 0.25, rank: 2 },
    ],
    updatedAt: null,
    updatedBy: null,
    ...over,
  };
}

export function study(over: Partial<StudyView> = {}): StudyView {
  return {
    id: 1,
    name: 'Volume grid v2',
    template: 'volume-grid',
    version: { id: 2, name: 'v2' },
    followVersions: false,
    policyId: null,
    policyIds: [],
    baseModels: [{ id: 1, name: 'llama-7b', parameters: 7e9 }],
    recipes: ['curated-10', 'curated-40'],
    seeds: [1],
    hyperParams: { epochs: 6 },
    probeItems: null,
    runs: [
      {
        experimentId: 'exp-1',
        name: 'llama-7b × v2 × curated-10',
        baseModel: { id: 1, name: 'llama-7b', parameters: 7e9 },
        version: { id: 2, name: 'v2' },
        recipe: { id: 3, name: 'curated-10', revision: 1 },
        seed: 1,
        status: 'completed',
        percent: 100,
        reused: true,
        probeAbility: null,
      },
      {
        experimentId: 'exp-4',
        name: 'llama-7b × v2 × curated-40',
        baseModel: { id: 1, name: 'llama-7b', parameters: 7e9 },
        version: { id: 2, name: 'v2' },
        recipe: { id: 4, name: 'curated-40', revision: 1 },
        seed: 1,
        status: 'running',
        percent: 20,
        reused: false,
        probeAbility: null,
      },
    ],
    foundation: [],
    progress: { total: 2, queued: 0, running: 1, completed: 1, failed: 0, cancelled: 0, percent: 60 },
    createdAt: '2026-12-01T08:00:00Z',
    createdBy: 'researcher',
    ...over,
  };
}
