import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from './roles';
import { renderAppAs } from './test/renderApp';

const EXPECTED: Record<Role, string[]> = {
  admin: ['Users', 'Abilities', 'Generation runs', 'Taxonomies'],
  lead: ['Dashboard', 'Workspace', 'My work', 'Abilities', 'Sources', 'Imports', 'Items', 'Versions', 'Recipes', 'Experiments', 'Studies', 'Growth curves', 'Generation runs', 'Taxonomies'],
  researcher: ['Sources', 'Imports', 'Items', 'Versions', 'Recipes', 'Experiments', 'Studies', 'Growth curves', 'Generation runs', 'Taxonomies'],
  annotator: ['Workspace', 'My work', 'Taxonomies'],
};

async function menuLabels(): Promise<string[]> {
  const first = await screen.findAllByRole('menuitem');
  const menu = first[0].closest('ul') ?? document.body;
  return within(menu as HTMLElement)
    .getAllByRole('menuitem')
    .map((el) => el.textContent ?? '');
}

describe('menu by role', () => {
  for (const [role, labels] of Object.entries(EXPECTED) as [Role, string[]][]) {
    it(`${role}: ${labels.join(', ')}`, async () => {
      renderAppAs(role);
      expect(await menuLabels()).toEqual(labels);
    });
  }

  it('opens an annotator on the review workspace', async () => {
    renderAppAs('annotator', { api: { 'POST /api/reviews/next': () => ({ status: 204 }) } });
    await waitFor(() => expect(window.location.pathname).toBe('/workspace/review'));
    expect(screen.queryByText('Placeholder')).toBeNull();
  });

  it('issue 13 item 7: the growth-curve page is built (no placeholder), for researchers and leads', async () => {
    renderAppAs('lead', { path: '/growth-curves' });
    expect(await screen.findByText('Choose a study or some experiments to see their growth curves.', {}, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.queryByText('Placeholder')).toBeNull();
  });
});
