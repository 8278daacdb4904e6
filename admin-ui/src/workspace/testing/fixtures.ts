import type { DistractorTask, ReviewLease, RevisionTask } from '../shared/types';

const HISTORY = { id: 1, key: 'history', nameEn: 'History', nameZh: '历史' };
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export function reviewLease(n: number, overrides: Partial<ReviewLease> = {}): ReviewLease {
  return {
    lease: { id: String(100 + n), leasedAt: new Date().toISOString(), expiresAt: inMinutes(30) },
    round: { id: String(n), kind: 'filter', reviewsNeeded: 2 },
    item: {
      id: n,
      messages: [
        { role: 'user', content: `第${n}题：简述汉朝的建立过程。` },
        { role: 'assistant', content: `第${n}号答案：公元前202年，刘邦建立汉朝。\n\n\`\`\`python\nprint("汉")\n\`\`\`` },
      ],
      gold: null,
      choices: null,
      questionFormat: 1,
      answerType: 'open',
      split: null,
      reviewMode: 'dual',
    },
    ability: HISTORY,
    source: { id: 's1', name: 'doit-zh' },
    ...overrides,
  };
}

export const ORIGINAL_ANSWER = '公元前202年，刘邦击败项羽，建立汉朝，定都长安。';

export function revisionTask(overrides: Partial<RevisionTask> = {}): RevisionTask {
  return {
    revision: { id: '7', leasedAt: new Date().toISOString(), expiresAt: inMinutes(30), state: 'leased' },
    item: {
      id: 42,
      messages: [
        { role: 'user', content: '汉朝是谁建立的？' },
        { role: 'assistant', content: ORIGINAL_ANSWER },
      ],
      gold: null,
      choices: null,
      questionFormat: 1,
      answerType: 'open',
      status: 'revising',
      ability: HISTORY,
      source: { id: 's1', name: 'doit-zh' },
    },
    history: [
      {
        roundId: '3',
        kind: 'filter',
        outcome: 'rejected',
        decisions: [
          { decision: 'reject', reasons: ['incorrect_answer'], comment: '年份写错了' },
          { decision: 'approve', reasons: [], comment: null },
        ],
      },
    ],
    ...overrides,
  };
}

export const GOLD = '公元前202年，刘邦击败项羽，建立汉朝，定都长安。';

export function distractorTask(overrides: Partial<DistractorTask> = {}): DistractorTask {
  return {
    task: { id: '9', kinds: ['fine', 'coarse'], leasedAt: new Date().toISOString(), expiresAt: inMinutes(30) },
    item: { id: 77, messages: [{ role: 'user', content: '汉朝是谁建立的？' }, { role: 'assistant', content: GOLD }], split: 'valid', gold: GOLD },
    ability: HISTORY,
    bounds: { fineMaxEditRatio: 0.35, coarseMinEditRatio: 0.5 },
    ...overrides,
  };
}
