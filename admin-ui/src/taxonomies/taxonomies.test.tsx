import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import type { TaxonomyDetail } from './taxonomiesApi';

const ID = '11111111-2222-4333-8444-555555555555';
const detail = (revision: string, fields: TaxonomyDetail['tree']['fields'], votes: TaxonomyDetail['votes'] = {}): TaxonomyDetail => ({
  id: ID,
  name: '知识分类',
  language: 'zh',
  revision,
  fieldCount: fields.length,
  disciplineCount: 0,
  createdBy: null,
  createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z',
  tree: { fields },
  votes,
});
const R1 = 'a'.repeat(64);
const R2 = 'b'.repeat(64);
const science = { id: 'f1', name: '自然科学', children: [] };
const arts = { id: 'f2', name: 'Arts', children: [] };

describe('taxonomy screens', () => {
  it('issue 15 item 1: the LLM draft dialog says so when no endpoint is set up (the endpoints API answers 404)', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/taxonomies', api: { 'GET /api/taxonomies': () => listOf('taxonomies', []) } });
    await user.click(await screen.findByRole('button', { name: 'Draft with an LLM' }));
    expect(await screen.findByText('No LLM endpoint is set up yet: an admin adds one under LLM endpoints.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start drafting' })).toBeNull();
  });

  it('issue 15 item 1: an edit on a revision someone else moved past reloads the tree and says so', async () => {
    const user = userEvent.setup();
    let gets = 0;
    const seen = renderAppAs('lead', {
      path: `/taxonomies/${ID}/show`,
      api: {
        [`GET /api/taxonomies/${ID}`]: () => ({ body: gets++ === 0 ? detail(R1, [science]) : detail(R2, [science, arts]) }),
        [`GET /api/taxonomies/${ID}/revisions`]: () => ({ body: [] }),
        [`POST /api/taxonomies/${ID}/nodes`]: () => ({ status: 409, body: { message: 'changed', errors: [{ field: 'baseRevision', message: 'not the current revision', current: R2 }] } }),
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Add a field' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), '法学');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone else changed this taxonomy; it has been reloaded. Make your change again.')).toBeInTheDocument();
    expect(await screen.findByText('Arts')).toBeInTheDocument();
    expect(screen.getByTestId('revision')).toHaveTextContent('Revision bbbbbbbbbbbb');
    expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ baseRevision: R1, parentId: null, name: '法学' });
  });

  it('issue 15 item 1: an annotator votes (and withdraws by pressing again) but is offered no edit', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('annotator', {
      path: `/taxonomies/${ID}/show`,
      api: {
        [`GET /api/taxonomies/${ID}`]: () => ({ body: detail(R1, [science], { f1: { keep: 1, remove: 0, mine: null } }) }),
        [`GET /api/taxonomies/${ID}/revisions`]: () => ({ body: [] }),
        [`PUT /api/taxonomies/${ID}/nodes/f1/vote`]: () => ({ body: { keep: 1, remove: 1, mine: 'remove' } }),
        [`DELETE /api/taxonomies/${ID}/nodes/f1/vote`]: () => ({ body: { keep: 1, remove: 0, mine: null } }),
      },
    });
    const remove = await screen.findByRole('button', { name: 'Remove 自然科学' });
    expect(screen.queryByRole('button', { name: 'Apply votes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete 自然科学' })).toBeNull();
    await user.click(remove);
    await waitFor(() => expect(remove).toHaveAttribute('aria-pressed', 'true'));
    expect(remove).toHaveTextContent('Remove 1');
    await user.click(remove);
    await waitFor(() => expect(remove).toHaveAttribute('aria-pressed', 'false'));
    expect(seen.filter((r) => r.path.endsWith('/vote')).map((r) => [r.method, r.body])).toEqual([
      ['PUT', { decision: 'remove' }],
      ['DELETE', undefined],
    ]);
  });
});
