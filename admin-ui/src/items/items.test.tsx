import { getDefaultNormalizer, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from './testing/fixtures';

const item = makeItem({
  split: 'test',
  messages: [
    { role: 'user', content: '什么是光合作用？\n请简要回答。' },
    { role: 'assistant', content: '光合作用是植物利用光能把二氧化碳和水合成有机物的过程。' },
  ],
  rawFile: 'biology.jsonl',
  rawLine: 12,
});
const abilities = () => listOf('abilities', [{ id: 3, key: 'biology', nameEn: 'Biology', nameZh: '生物' }]);

describe('items', () => {
  it('filters the list by text through `q`', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/items',
      api: { 'GET /api/items': () => listOf('items', [item]), 'GET /api/abilities': abilities },
    });
    expect(await screen.findByText('什么是光合作用？ 请简要回答。')).toBeInTheDocument();
    expect(await screen.findByText('Biology')).toBeInTheDocument();
    await user.type(screen.getByPlaceholderText('Search'), '光合');
    await waitFor(() => {
      const filters = seen.filter((r) => r.path === '/api/items').map((r) => JSON.parse(r.search.get('filter')!));
      expect(filters).toContainEqual({ q: '光合' });
    });
  });

  it('sends ability, status, source, split and text filters as the filter GET /api/items reads', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/items',
      api: {
        'GET /api/items': () => listOf('items', [item]),
        'GET /api/abilities': () => listOf('abilities', [{ id: 3, key: 'biology', nameEn: 'Biology', nameZh: '生物' }, { id: 5, key: 'history', nameEn: 'History', nameZh: '历史' }]),
        'GET /api/sources': () => listOf('sources', [{ id: 's1', name: 'doit', kind: 'curation' }, { id: 's2', name: 'belle', kind: 'curation' }]),
      },
    });
    const lastFilter = () => JSON.parse(seen.filter((r) => r.path === '/api/items').at(-1)!.search.get('filter')!);
    const choose = async (label: string, option: string) => {
      await user.click(await screen.findByRole('combobox', { name: label }));
      await user.click(await screen.findByRole('option', { name: option }));
    };
    const addFilter = async (label: string) => {
      await user.click(screen.getByRole('button', { name: 'Add filter' }));
      await user.click(await screen.findByRole('menuitemcheckbox', { name: label }));
    };
    expect(await screen.findByText('什么是光合作用？ 请简要回答。')).toBeInTheDocument();

    await choose('Ability', 'History');
    await waitFor(() => expect(lastFilter()).toEqual({ abilityId: 5 }));
    await choose('Status', 'Pending review');
    await waitFor(() => expect(lastFilter()).toEqual({ abilityId: 5, status: 'pending_review' }));
    await addFilter('Source');
    await choose('Source', 'belle');
    await waitFor(() => expect(lastFilter()).toEqual({ abilityId: 5, status: 'pending_review', sourceId: 's2' }));
    await addFilter('Split');
    await choose('Split', 'Validation');
    await waitFor(() => expect(lastFilter()).toEqual({ abilityId: 5, status: 'pending_review', sourceId: 's2', split: 'valid' }));
    await user.click(screen.getByPlaceholderText('Search'));
    await user.paste('汉朝 建立');
    await waitFor(() => expect(lastFilter()).toEqual({ abilityId: 5, status: 'pending_review', sourceId: 's2', split: 'valid', q: '汉朝 建立' }));
  });

  it('shows an item with its conversation', async () => {
    renderAppAs('researcher', {
      path: '/items/42/show',
      api: { 'GET /api/items/42': () => ({ body: item }), 'GET /api/abilities': abilities },
    });
    expect(await screen.findByText('光合作用是植物利用光能把二氧化碳和水合成有机物的过程。')).toBeInTheDocument();
    const keepLineBreaks = { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) };
    expect(screen.getByText('什么是光合作用？\n请简要回答。', keepLineBreaks)).toBeInTheDocument();
    expect(screen.getByText('User')).toBeInTheDocument();
    expect(screen.getByText('Assistant')).toBeInTheDocument();
    expect(screen.getByText('biology.jsonl:12')).toBeInTheDocument();
  });

  it('issue 15 item 4: marks single- and no-review items in the list and on the item page, and filters by review mode', async () => {
    const user = userEvent.setup();
    const items = [makeItem({ id: 1, reviewMode: 'single' }), makeItem({ id: 2, reviewMode: 'none' }), makeItem({ id: 3 })];
    const seen = renderAppAs('researcher', { path: '/items', api: { 'GET /api/items': () => listOf('items', items), 'GET /api/abilities': abilities } });
    await waitFor(() => expect(screen.getAllByTestId('review-mode-chip').map((c) => c.textContent)).toEqual(['Single review', 'No review']));
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Review mode' }));
    await user.click(await screen.findByRole('combobox', { name: 'Review mode' }));
    await user.click(await screen.findByRole('option', { name: 'Single review' }));
    await waitFor(() => expect(JSON.parse(seen.filter((r) => r.path === '/api/items').at(-1)!.search.get('filter')!)).toEqual({ reviewMode: 'single' }));
  });

  it('issue 15 item 4: says on the item page that a single-review item was decided by one reviewer', async () => {
    renderAppAs('researcher', { path: '/items/42/show', api: { 'GET /api/items/42': () => ({ body: { ...item, reviewMode: 'single' } }), 'GET /api/abilities': abilities } });
    expect(await screen.findByTestId('review-mode-chip')).toHaveTextContent('Single review');
  });

  describe('issue 16 item 3: content renders as written', () => {
    const exam = makeItem({
      status: 'needs_answer',
      questionFormat: 0,
      answerType: 'single_choice',
      gold: '$\\frac{3}{4}$',
      choices: ['$\\frac{1}{2}$', '$\\frac{3}{4}$'],
      messages: [{ role: 'user', content: '已知 $x^2=9$，求 \\(x\\) 的值。' }],
    });
    const show = () => renderAppAs('researcher', { path: '/items/42/show', api: { 'GET /api/items/42': () => ({ body: exam }), 'GET /api/abilities': abilities } });
    const sources = () => [...document.querySelectorAll('.katex annotation')].map((a) => a.textContent);

    it('names the answer type and the status in words on the item page, never by key (en)', async () => {
      show();
      expect(await screen.findByText('Single choice')).toBeInTheDocument();
      expect(screen.getByText('Needs an answer')).toBeInTheDocument();
      expect(screen.queryByText('single_choice')).toBeNull();
      expect(screen.queryByText('needs_answer')).toBeNull();
    });

    it('names them in Chinese under zh-CN', async () => {
      const user = userEvent.setup();
      show();
      await screen.findByText('Single choice');
      await user.click(screen.getByRole('button', { name: 'English' }));
      await user.click(await screen.findByRole('menuitem', { name: '中文' }));
      expect(await screen.findByText('单选题')).toBeInTheDocument();
      expect(screen.getByText('待补答案')).toBeInTheDocument();
      expect(screen.queryByText('single_choice')).toBeNull();
      // the app's i18n provider outlives the render: back to English for the tests after this one
      await user.click(screen.getByRole('button', { name: '中文' }));
      await user.click(await screen.findByRole('menuitem', { name: 'English' }));
      expect(await screen.findByText('Single choice')).toBeInTheDocument();
    });

    it('names answer types in the list and filters by them', async () => {
      const user = userEvent.setup();
      const seen = renderAppAs('researcher', { path: '/items', api: { 'GET /api/items': () => listOf('items', [exam, makeItem({ id: 43 })]), 'GET /api/abilities': abilities } });
      expect(await screen.findByText('Single choice')).toBeInTheDocument();
      expect(screen.getByText('Open answer')).toBeInTheDocument();
      expect(screen.queryByText('single_choice')).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Add filter' }));
      await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Answer type' }));
      await user.click(await screen.findByRole('combobox', { name: 'Answer type' }));
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
        expect.arrayContaining(['Single choice', 'Multiple choice', 'True or false', 'Fill in the blank', 'Math answer', 'Open answer']),
      );
      await user.click(screen.getByRole('option', { name: 'Math answer' }));
      await waitFor(() => expect(JSON.parse(seen.filter((r) => r.path === '/api/items').at(-1)!.search.get('filter')!)).toEqual({ answerType: 'math' }));
    });

    it('typesets the LaTeX of the question, the gold answer and the choices', async () => {
      show();
      await waitFor(() => expect(sources()).toEqual(['x^2=9', 'x', '\\frac{3}{4}', '\\frac{1}{2}', '\\frac{3}{4}']));
    });
  });
});
