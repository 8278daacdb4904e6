import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from './roles';
import { renderAppAs } from './test/renderApp';

const EXPECTED: Record<Role, string[]> = {
  admin: ['Users', 'Abilities'],
  lead: ['Dashboard', 'Workspace', 'Abilities', 'Sources', 'Imports', 'Items'],
  researcher: ['Sources', 'Imports', 'Items', 'Versions', 'Experiments', 'Growth curves'],
  annotator: ['Workspace'],
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

  it('opens an annotator on the workspace placeholder, labelled as one', async () => {
    renderAppAs('annotator');
    expect(await screen.findByText(/The review workspace comes next/)).toBeInTheDocument();
    expect(screen.getByText('Placeholder')).toBeInTheDocument();
  });
});
