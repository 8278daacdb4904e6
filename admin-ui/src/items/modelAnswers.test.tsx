import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answer } from '../experiments/testing';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from './testing/fixtures';

const item = makeItem({ messages: [{ role: 'user', content: '统一文字的是哪位皇帝？A. 汉武帝 B. 秦始皇' }, { role: 'assistant', content: 'B' }] });

function renderAnswers(answers: unknown[]) {
  return renderAppAs('researcher', {
    path: `/items/${item.id}/show`,
    api: {
      [`GET /api/items/${item.id}`]: () => ({ body: item }),
      'GET /api/abilities': () => listOf('abilities', [{ id: 3, key: 'history', nameEn: 'History', nameZh: '历史' }]),
      [`GET /api/items/${item.id}/model-answers`]: () => ({ body: answers }),
    },
  });
}

describe('item model answers', () => {
  it('lists each checkpoint’s answer, parsed answer, score and details, newest first', async () => {
    const user = userEvent.setup();
    const older = answer({ evaluationId: 'ev1', epoch: 1, answer: '我觉得是汉武帝，选 A', parsed: 'A', score: 0, details: { method: 'logits', candidateLogprobs: { A: -0.2, B: -1.9 } }, evaluatedAt: '2025-06-01T09:00:00Z' });
    const newer = answer({ evaluationId: 'ev5', epoch: 5, evaluatedAt: '2025-06-03T09:00:00Z' });
    const ppl = answer({ evaluationId: 'ev3', epoch: 3, answer: null, parsed: null, score: 1, expected: 1 / 3, details: { ppl: { gold: 3.1, fine: 4.2, coarse: 9.8 } }, evaluatedAt: '2025-06-02T09:00:00Z' });
    const seen = renderAnswers([older, newer, ppl]);
    await user.click(await screen.findByRole('tab', { name: 'Model answers' }));
    const table = await screen.findByRole('table', { name: 'Model answers' });
    const rows = within(table).getAllByTestId(/^answer-/);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['answer-ev5', 'answer-ev3', 'answer-ev1']);
    expect(within(rows[0]).getByRole('link', { name: 'tiny × v2 × curated-40' })).toHaveAttribute('href', '/experiments/e1');
    expect(within(rows[0]).getByText('epoch 5')).toBeInTheDocument();
    expect(within(rows[0]).getByText('秦始皇统一了文字。答案是 B')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Correct (1)')).toBeInTheDocument();
    expect(within(rows[0]).getByText('expected 0.25')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Scored by perplexity (no generated text)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('expected 0.333')).toBeInTheDocument();
    expect(within(rows[1]).getByText('{"gold":3.1,"fine":4.2,"coarse":9.8}')).toBeInTheDocument();
    expect(within(rows[2]).getByText('我觉得是汉武帝，选 A')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Wrong (0)')).toBeInTheDocument();
    expect(within(rows[2]).getByText('A', { selector: 'td' })).toBeInTheDocument();
    expect(within(rows[2]).getByText('{"A":-0.2,"B":-1.9}')).toBeInTheDocument();
    expect(within(rows[2]).getByText('torch · Test')).toBeInTheDocument();
    expect(seen.find((r) => r.path === `/api/items/${item.id}/model-answers`)?.authorization).toBe('Bearer access-1');
  });

  it('says when no checkpoint has answered the item yet', async () => {
    const user = userEvent.setup();
    renderAnswers([]);
    await user.click(await screen.findByRole('tab', { name: 'Model answers' }));
    expect(await screen.findByText('No checkpoint has answered this item yet.')).toBeInTheDocument();
  });
});
