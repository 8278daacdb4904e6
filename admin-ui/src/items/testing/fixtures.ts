import type { ChatMessage } from '../itemRecord';

const ITEM = {
  id: 42,
  abilityId: 3,
  sourceId: 's1',
  importId: 'i1',
  status: 'accepted',
  split: null as string | null,
  reviewMode: 'dual' as 'dual' | 'single' | 'none',
  questionFormat: 1,
  answerType: 'open',
  gold: null as string | null,
  choices: null as string[] | null,
  messages: [
    { role: 'user', content: '问题' },
    { role: 'assistant', content: '答案' },
  ] as ChatMessage[],
  rawFile: 'items.jsonl',
  rawLine: 1,
  createdAt: '2025-01-01T00:00:00Z',
};

/** An item as GET /api/items answers it: #42 of ability 3, accepted; a test names the conversation and file it checks. */
export function makeItem(overrides: Partial<typeof ITEM> = {}): typeof ITEM {
  return { ...ITEM, ...overrides };
}
