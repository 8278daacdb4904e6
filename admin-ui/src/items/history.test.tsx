import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from './testing/fixtures';

const item = makeItem({
  messages: [
    { role: 'user', content: '用 Python 写一个函数，返回列表的和。\n| 输入 | 输出 |\n|---|---|\n| [1, 2] | 3 |' },
    { role: 'assistant', content: '可以这样写：\n\n```python\ndef total(xs):\n    return sum(xs)  # 求和\n```' },
  ],
  rawFile: 'code.jsonl',
  rawLine: 3,
});

const reviews = [
  {
    id: '7',
    kind: 'filter',
    status: 'decided',
    outcome: 'rejected',
    revision_id: null,
    distractor_id: null,
    created_at: '2025-01-02T08:00:00Z',
    decided_at: '2025-01-02T09:00:00Z',
    reviewsIn: 2,
    decisions: [
      { reviewerId: 'u1', reviewerName: '王芳', decision: 'approve', reasons: null, comment: null, timeSpentMs: 41_000, submittedAt: '2025-01-02T08:30:00Z' },
      { reviewerId: 'u2', reviewerName: 'Li Lei', decision: 'reject', reasons: ['incorrect_answer', 'formatting'], comment: '缺少空列表的处理', timeSpentMs: 95_400, submittedAt: '2025-01-02T09:00:00Z' },
    ],
  },
  { id: '9', kind: 'validation', status: 'open', outcome: null, revision_id: '5', distractor_id: null, created_at: '2025-01-03T08:00:00Z', decided_at: null, reviewsIn: 1, decisions: [] },
];

const revisions = [
  {
    id: '5',
    itemId: '42',
    reviserId: 'u3',
    reviserName: '张伟',
    state: 'submitted',
    submittedAt: '2025-01-03T07:00:00Z',
    comment: '补上空列表',
    diff: [
      'Index: item-42',
      '===================================================================',
      '--- item-42\tbefore',
      '+++ item-42\tafter',
      '@@ -4,3 +4,4 @@',
      ' def total(xs):',
      '-    return sum(xs)',
      '+    if not xs:',
      '+        return 0',
      '+    return sum(xs)',
      '',
    ].join('\n'),
  },
];

const distractors = [
  { id: '1', itemId: '42', kind: 'fine', authorName: '王芳', text: '```python\ndef total(xs):\n    return sum(xs) - 1\n```', editRatio: 0.04, status: 'approved', createdAt: '2025-01-04T00:00:00Z', decidedAt: null, roundId: '11' },
  { id: '2', itemId: '42', kind: 'coarse', authorName: 'Li Lei', text: '列表是一种数据结构。', editRatio: 0.91, status: 'pending_review', createdAt: '2025-01-04T00:00:00Z', decidedAt: null, roundId: '12' },
];

function renderItem(history: { reviews?: unknown[]; revisions?: unknown[]; distractors?: unknown[] } = {}) {
  return renderAppAs('researcher', {
    path: '/items/42/show',
    api: {
      'GET /api/items/42': () => ({ body: item }),
      'GET /api/abilities': () => listOf('abilities', [{ id: 3, key: 'code', nameEn: 'Code', nameZh: '代码' }]),
      'GET /api/items/42/reviews': () => ({ body: history.reviews ?? reviews }),
      'GET /api/items/42/revisions': () => ({ body: history.revisions ?? revisions }),
      'GET /api/items/42/distractors': () => ({ body: history.distractors ?? distractors }),
    },
  });
}

describe('item history', () => {
  it('shows review rounds with each decision, its reasons and time, and how many reviews an open round has', async () => {
    const user = userEvent.setup();
    const seen = renderItem();
    await user.click(await screen.findByRole('tab', { name: 'Reviews' }));
    const filtering = await screen.findByRole('region', { name: 'Filtering' });
    expect(within(filtering).getByText('Rejected')).toBeInTheDocument();
    const rejectRow = within(filtering).getByText('Li Lei').closest('tr')!;
    expect(within(rejectRow).getByText('Reject')).toBeInTheDocument();
    expect(within(rejectRow).getByText('Incorrect answer、Formatting')).toBeInTheDocument();
    expect(within(rejectRow).getByText('缺少空列表的处理')).toBeInTheDocument();
    expect(within(rejectRow).getByText('95 s')).toBeInTheDocument();
    expect(within(within(filtering).getByText('王芳').closest('tr')!).getByText('Approve')).toBeInTheDocument();

    const validation = screen.getByRole('region', { name: 'Validation of a revision' });
    expect(within(validation).getByText('Open: 1 of 2 reviews in')).toBeInTheDocument();
    expect(within(validation).queryByRole('table')).toBeNull();
    expect(seen.find((r) => r.path === '/api/items/42/reviews')?.authorization).toBe('Bearer access-1');
  });

  it('shows each revision with its comment and its diff, added and removed lines marked', async () => {
    const user = userEvent.setup();
    renderItem();
    await user.click(await screen.findByRole('tab', { name: 'Revisions' }));
    expect(await screen.findByText(/^Revised by 张伟, /)).toBeInTheDocument();
    expect(screen.getByText('补上空列表')).toBeInTheDocument();
    const removed = [...document.querySelectorAll('del')].map((e) => e.textContent);
    const added = [...document.querySelectorAll('ins')].map((e) => e.textContent);
    expect(removed).toEqual(['-     return sum(xs)']);
    expect(added).toEqual(['+     if not xs:', '+         return 0', '+     return sum(xs)']);
    expect(screen.getByText('@@ -4,3 +4,4 @@')).toBeInTheDocument();
    expect(screen.queryByText(/Index: item-42|^\+\+\+ /)).toBeNull();
  });

  it('lists distractors by kind with their status, author and edit ratio', async () => {
    const user = userEvent.setup();
    renderItem();
    await user.click(await screen.findByRole('tab', { name: 'Distractors' }));
    const fine = (await screen.findByText('Fine-grained')).closest('tr')!;
    expect(within(fine).getByText('Approved')).toBeInTheDocument();
    expect(within(fine).getByText('4%')).toBeInTheDocument();
    // the distractor's text is markdown: a code block once the renderer (loaded on first use) is in
    await waitFor(() => expect(fine.querySelector('pre code')).toHaveTextContent('return sum(xs) - 1'));
    const coarse = screen.getByText('Coarse-grained').closest('tr')!;
    expect(within(coarse).getByText('Pending review')).toBeInTheDocument();
    expect(within(coarse).getByText('列表是一种数据结构。')).toBeInTheDocument();
  });

  it('says when there is no history yet', async () => {
    const user = userEvent.setup();
    renderItem({ reviews: [], revisions: [], distractors: [] });
    await user.click(await screen.findByRole('tab', { name: 'Reviews' }));
    expect(await screen.findByText('No review round yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Revisions' }));
    expect(await screen.findByText('No revision submitted.')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Distractors' }));
    expect(await screen.findByText('No distractor written yet.')).toBeInTheDocument();
  });

  it('renders the conversation as markdown with highlighted code, or as plain text', async () => {
    const user = userEvent.setup();
    renderItem();
    const code = await waitFor(() => {
      const found = document.querySelector('pre code.language-python');
      expect(found).not.toBeNull();
      return found!;
    });
    expect([...code.querySelectorAll('.hljs-keyword')].map((e) => e.textContent)).toContain('def');
    expect(code.querySelector('.hljs-comment')?.textContent).toBe('# 求和');
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: '输入' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '[1, 2]' })).toBeInTheDocument();
    expect(screen.getByText('可以这样写：').closest('[lang]')).toHaveAttribute('lang', 'zh-CN');

    await user.click(screen.getByRole('switch', { name: 'Plain text' }));
    expect(document.querySelector('pre code')).toBeNull();
    expect(screen.getByText(/```python/)).toBeInTheDocument();
  });
});
