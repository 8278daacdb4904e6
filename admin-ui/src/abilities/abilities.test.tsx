import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

const history = { id: 5, key: 'history', nameEn: 'History', nameZh: '历史', description: 'Chinese and world history' };
const doit = { id: 's1', name: 'doit', kind: 'curation', license: 'CC BY 4.0', notes: '论文附带的数据', createdAt: '2025-01-01T00:00:00Z' };

describe('abilities and sources', () => {
  it('creates an ability with its key and both names', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', { path: '/abilities/create', api: { 'POST /api/abilities': (req) => ({ status: 201, body: { id: 11, ...(req.body as object) } }) } });
    const fill = async (label: RegExp, text: string) => {
      await user.click(await screen.findByLabelText(label));
      await user.paste(text);
    };
    await fill(/^Key/, 'law');
    await fill(/^English name/, 'Law');
    await fill(/^Chinese name/, '法律');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ key: 'law', nameEn: 'Law', nameZh: '法律' }));
  });

  it("edits an ability's names but not its key, and clears a description as an empty text", async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('admin', {
      path: '/abilities/5',
      api: { 'GET /api/abilities/5': () => ({ body: history }), 'PUT /api/abilities/5': (req) => ({ body: { ...history, ...(req.body as object) } }) },
    });
    const description = await screen.findByDisplayValue('Chinese and world history');
    expect(screen.getByDisplayValue('history')).toHaveAttribute('readonly');
    await user.clear(description);
    await user.clear(screen.getByDisplayValue('历史'));
    await user.paste('历史学');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({ nameZh: '历史学', description: '' }));
  });

  it("clears a source's notes as an empty text", async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/sources/s1',
      api: { 'GET /api/sources/s1': () => ({ body: doit }), 'PUT /api/sources/s1': (req) => ({ body: { ...doit, ...(req.body as object) } }) },
    });
    await user.clear(await screen.findByDisplayValue('论文附带的数据'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(seen.find((r) => r.method === 'PUT')?.body).toEqual({ notes: '' }));
  });

  it('lists abilities for leads, each row opening its form', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/abilities', api: { 'GET /api/abilities': () => listOf('abilities', [history]), 'GET /api/abilities/5': () => ({ body: history }) } });
    await user.click(await screen.findByText('Chinese and world history'));
    await waitFor(() => expect(window.location.pathname).toBe('/abilities/5'));
  });
});
