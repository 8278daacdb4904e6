import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf, type FakeRequest } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import type { RecipePreview, RecipeWithRevisions } from './recipeTypes';

const ABILITIES = ['history', 'cot_math', 'ethics', 'role_play', 'creative_writing'].map((key, i) => ({
  id: i + 1,
  key,
  nameEn: key.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()),
  nameZh: key,
  description: '',
}));
const CAPS = { ethics: 64, role_play: 64, creative_writing: 1000 };
const revision = (n: number) => ({ id: 40 + n, revision: n, notes: '', createdBy: 'u1', createdAt: '2026-11-20T08:00:00Z' });
const reconstruct: RecipeWithRevisions = {
  id: 15,
  name: 'reconstruct',
  revision: 1,
  spec: { pool: 'curated', quotas: { total: 10000, caps: CAPS } },
  builtin: true,
  notes: 'ethics and role_play at 64',
  createdBy: null,
  createdAt: '2026-11-20T08:00:00Z',
  latestRevision: 1,
  revisions: [{ ...revision(1), id: 15 }],
};
const smallMix: RecipeWithRevisions = {
  id: 42,
  name: 'small-mix',
  revision: 2,
  spec: { pool: 'curated', quotas: { perAbility: 16 }, synthetic: { total: 2560 }, seed: 5 },
  builtin: false,
  notes: 'a pilot',
  createdBy: 'u1',
  createdAt: '2026-11-20T09:00:00Z',
  latestRevision: 2,
  revisions: [revision(2), revision(1)],
};
const row = (abilityKey: string, available: number, requested: number, taken: number) => ({
  abilityKey,
  available,
  requested,
  taken,
  shortfall: Math.max(0, requested - taken),
});
const preview: RecipePreview = {
  recipe: { id: 15, name: 'reconstruct', revision: 1, spec: { pool: 'curated', quotas: { total: 10000, caps: CAPS } } },
  versionId: 3,
  seed: 0,
  parts: [{ pool: 'curated', abilities: [] }],
  abilities: [row('cot_math', 1100, 1267, 1100), row('creative_writing', 3000, 1000, 1000), row('ethics', 120, 64, 64), row('history', 9000, 1267, 1434)],
  total: { requested: 3598, taken: 3598, shortfall: 0 },
};

/** Pastes instead of typing key by key: the whole app renders on each keystroke, slow on a small machine. */
async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

const common = {
  'GET /api/abilities': () => listOf('abilities', ABILITIES),
  'GET /api/datasets/versions': () => listOf('versions', [{ id: 3, name: 'v3' }]),
};

describe('recipes screens', () => {
  it('lists built-in and custom recipes with what their quotas amount to, filters them, and opens one', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/recipes',
      api: {
        ...common,
        'GET /api/recipes': (req) => {
          const filter = JSON.parse(req.search.get('filter') ?? '{}');
          return listOf('recipes', [reconstruct, smallMix].filter((r) => filter.builtin === undefined || r.builtin === filter.builtin));
        },
        'GET /api/recipes/small-mix': () => ({ body: smallMix }),
      },
    });
    expect(await screen.findByText('10000 in all, 3 capped, the rest evenly')).toBeInTheDocument();
    expect(screen.getByText('16 per ability + synthetic: 2560 in all, evenly')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Custom' }));
    await waitFor(() => expect(screen.queryByText('reconstruct')).toBeNull());
    const lastList = seen.filter((r: FakeRequest) => r.path === '/api/recipes').at(-1)!;
    expect(JSON.parse(lastList.search.get('filter')!)).toEqual({ builtin: false });

    await user.click(screen.getByText('small-mix'));
    await waitFor(() => expect(window.location.pathname).toBe('/recipes/small-mix'));
  });

  // issue 16 item 7: a built-in recipe's note comes from the messages (its name is the key); a custom one's as written
  it('shows the built-in recipes\' notes in the interface language and custom notes as their authors wrote them', async () => {
    const user = userEvent.setup();
    const builtin = (id: number, name: string, notes: string) => ({ ...reconstruct, id, name, notes, revisions: [{ ...revision(1), id, notes }] });
    const recipes = [
      builtin(1, 'curated-40', '4 curated items per ability'),
      builtin(2, 'mix-2560', 'maximum plus 2560 synthetic items spread evenly over the abilities'),
      builtin(3, 'reconstruct', 'ethics and role_play at 64, creative_writing at 1000, the other abilities replenished evenly to 10000 in all'),
      { ...smallMix, notes: 'a pilot, 试点' },
    ];
    renderAppAs('researcher', { path: '/recipes', api: { ...common, 'GET /api/recipes': () => listOf('recipes', recipes), 'GET /api/recipes/curated-40': () => ({ body: recipes[0] }) } });
    const notesOf = async (name: string) => within((await screen.findByText(name)).closest('tr')!).getAllByRole('cell').at(-1)!.textContent;
    expect(await notesOf('curated-40')).toBe('4 curated items per ability');
    expect(await notesOf('reconstruct')).toBe('ethics and role play at 64, creative writing at 1000, the other abilities replenished evenly to 10000 in all');

    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    await screen.findByText('每个能力 4 条精选数据');
    expect(await notesOf('curated-40')).toBe('每个能力 4 条精选数据');
    expect(await notesOf('mix-2560')).toBe('maximum 再加 2560 条合成数据，平均分配到各能力');
    expect(await notesOf('reconstruct')).toBe('伦理与角色扮演各 64 条，创意写作 1000 条，其余能力平均补足，共 10000 条');
    expect(await notesOf('small-mix')).toBe('a pilot, 试点');

    // the recipe page, its revisions included
    await user.click(screen.getByText('curated-40'));
    await screen.findByRole('heading', { level: 1, name: 'curated-40@1' });
    expect(screen.getAllByText(/每个能力 4 条精选数据/)).toHaveLength(2);
    expect(screen.queryByText(/curated items per ability/)).toBeNull();

    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('button', { name: 'English' });
  });

  // issue 16 item 6: by name with the numbers compared as numbers, whatever order the rows arrive in
  it('lists the recipes by name in natural numeric order: curated-10 < curated-40 < curated-160 < curated-10000', async () => {
    const names = ['curated-10000', 'small-mix', 'curated-160', 'mix-500', 'curated-40', 'mix-40960', 'curated-10', 'baseline'];
    renderAppAs('researcher', {
      path: '/recipes',
      api: { ...common, 'GET /api/recipes': () => listOf('recipes', names.map((name, i) => ({ ...reconstruct, id: i + 1, name, builtin: false }))) },
    });
    await screen.findByText('curated-10000');
    const shown = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0].textContent?.trim());
    expect(shown).toEqual(['baseline', 'curated-10', 'curated-40', 'curated-160', 'curated-10000', 'mix-500', 'mix-40960', 'small-mix']);
  });

  it('shows a built-in recipe as a quota table, read-only, and previews it against a frozen version with its shortfalls', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/recipes/reconstruct',
      api: {
        ...common,
        'GET /api/recipes/reconstruct': () => ({ body: reconstruct }),
        'GET /api/recipes/reconstruct%401/preview': () => ({ body: preview }),
      },
    });
    const quotas = within(await screen.findByRole('region', { name: 'Quotas per ability' }));
    const quotaOf = async (name: string) => (await quotas.findByText(name)).closest('tr')!.lastChild!.textContent;
    expect(await quotaOf('Ethics')).toBe('at most 64');
    expect(await quotaOf('Creative writing')).toBe('at most 1000');
    expect(await quotaOf('History')).toBe('an even share');
    expect(quotas.getByText('In all: 10000, split evenly over the abilities without a cap')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit (new revision)' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Copy as a custom recipe' })).toHaveAttribute('href', '/recipes/create?from=reconstruct%401');

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('Some abilities fall short; others make up for them, so the total of 3598 holds.')).toBeInTheDocument();
    const request = seen.find((r) => r.path.endsWith('/preview'))!;
    expect(Object.fromEntries(request.search)).toEqual({ versionId: '3' });
    const cotMath = screen.getAllByText('Cot math').at(-1)!.closest('tr')!;
    expect([...cotMath.children].map((c) => c.textContent)).toEqual(['Cot math', '1100', '1267', '1100', '167']);
    const history = screen.getAllByText('History').at(-1)!.closest('tr')!;
    expect(history.lastChild!.textContent).toBe('—');
  });

  it('creates a custom recipe, showing each refusal on the field it names, and opens it once saved', async () => {
    const user = userEvent.setup();
    const answers = [
      {
        status: 422,
        body: {
          message: 'Invalid recipe',
          errors: [
            { field: 'spec.quotas.caps.ethics', message: 'expected a whole number from 0 to 10000000' },
            { field: 'spec.quotas.caps', message: 'caps add up to 2064, more than the total 2000' },
          ],
        },
      },
      { status: 409, body: { message: 'A recipe named "small-reconstruct" exists', errors: [{ field: 'name', message: 'already taken' }] } },
      { status: 201, body: { ...smallMix, name: 'small-reconstruct', revision: 1 } },
    ];
    const seen = renderAppAs('researcher', {
      path: '/recipes/create',
      api: {
        ...common,
        'POST /api/recipes': () => answers.shift()!,
        'GET /api/recipes/small-reconstruct': () => ({ body: { ...smallMix, name: 'small-reconstruct', revision: 1, latestRevision: 1 } }),
      },
    });
    await fill(user, await screen.findByLabelText(/^Name/), 'small-reconstruct');
    await user.click(screen.getAllByLabelText('A total: capped abilities at their cap, the rest evenly')[0]);
    await fill(user, screen.getByLabelText('Total'), '2000');
    await fill(user, await screen.findByLabelText('Cap: ethics'), '64');
    await fill(user, screen.getByLabelText('Cap: creative_writing'), '2000');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const posts = () => seen.filter((r) => r.method === 'POST' && r.path === '/api/recipes');
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({
      name: 'small-reconstruct',
      spec: { pool: 'curated', quotas: { total: 2000, caps: { ethics: 64, creative_writing: 2000 } } },
      notes: '',
    });
    expect(await screen.findByText('expected a whole number from 0 to 10000000')).toBeInTheDocument();
    expect(screen.getByLabelText('Cap: ethics')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('caps: caps add up to 2064, more than the total 2000')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('already taken')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('expected a whole number from 0 to 10000000')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(window.location.pathname).toBe('/recipes/small-reconstruct'));
  });

  it('checks names and numbers before sending anything', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', { path: '/recipes/create', api: common });
    await fill(user, await screen.findByLabelText('Items per ability'), '1.5');
    await fill(user, screen.getByLabelText('Default seed'), '-3');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Required')).toBeInTheDocument();
    expect(screen.getAllByText('A whole number ≥ 0')).toHaveLength(2);
    await fill(user, screen.getByLabelText(/^Name/), 'Mix@2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Lowercase letters, digits, ".", "_" and "-", starting with a letter', { selector: 'p.Mui-error' })).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('edits a custom recipe into its next revision, and shows why a stale edit is refused', async () => {
    const user = userEvent.setup();
    const answers = [
      { status: 409, body: { message: 'small-mix@2 is not the latest revision (3); edit small-mix@3' } },
      { body: { ...smallMix, revision: 3, id: 43 } },
    ];
    const seen = renderAppAs('lead', {
      path: '/recipes/small-mix/edit',
      api: {
        ...common,
        'GET /api/recipes/small-mix': () => ({ body: smallMix }),
        'PUT /api/recipes/small-mix%402': () => answers.shift()!,
      },
    });
    expect(await screen.findByText('Edit small-mix: saving makes revision 3')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute('readonly');
    const perAbility = screen.getByLabelText('Items per ability');
    expect(perAbility).toHaveValue('16');
    expect(screen.getByLabelText('Add synthetic items on top (a mix)')).toBeChecked();
    await user.clear(perAbility);
    await fill(user, perAbility, '32');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/is not the latest revision \(3\); edit small-mix@3/)).toBeInTheDocument();
    expect(seen.find((r) => r.method === 'PUT')!.body).toEqual({
      spec: { pool: 'curated', quotas: { perAbility: 32 }, synthetic: { total: 2560 }, seed: 5 },
      notes: 'a pilot',
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(window.location.pathname).toBe('/recipes/small-mix'));
  });

  it('issue 15 item 4: a mix names its synthetic sources (only synthetic ones offered); a refusal shows on that field, and the recipe shows them', async () => {
    const user = userEvent.setup();
    const sources = [
      { id: 's1', name: 'doit', kind: 'curation' },
      { id: 's2', name: 'GLAN 历史', kind: 'synthetic' },
      { id: 's3', name: 'CMMLU', kind: 'benchmark' },
    ];
    const glanMix = { ...smallMix, name: 'glan-mix', revision: 1, latestRevision: 1, spec: { pool: 'curated' as const, quotas: { perAbility: 16 }, synthetic: { total: 100 }, syntheticSources: ['GLAN 历史'] } };
    const answers = [
      { status: 422, body: { message: 'Invalid recipe', errors: [{ field: 'spec.syntheticSources[0]', message: 'no longer exists' }] } },
      { status: 201, body: glanMix },
    ];
    const seen = renderAppAs('researcher', {
      path: '/recipes/create',
      api: {
        ...common,
        'GET /api/sources': () => listOf('sources', sources),
        'POST /api/recipes': () => answers.shift()!,
        'GET /api/recipes/glan-mix': () => ({ body: glanMix }),
      },
    });
    await fill(user, await screen.findByLabelText(/^Name/), 'glan-mix');
    await fill(user, screen.getByLabelText('Items per ability'), '16');
    await user.click(screen.getByLabelText('Add synthetic items on top (a mix)'));
    await fill(user, screen.getByLabelText('Total'), '100');
    await user.click(screen.getByLabelText('Synthetic sources of the mix'));
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['GLAN 历史']);
    await user.click(options[0]);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const posts = () => seen.filter((r) => r.method === 'POST' && r.path === '/api/recipes');
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect((posts()[0].body as { spec: unknown }).spec).toEqual({ pool: 'curated', quotas: { perAbility: 16 }, synthetic: { total: 100 }, syntheticSources: ['GLAN 历史'] });
    expect(await screen.findByText('GLAN 历史: no longer exists')).toBeInTheDocument();
    expect(screen.getByLabelText('Synthetic sources of the mix')).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('recipe-synthetic-sources', {}, { timeout: 10_000 })).textContent).toBe('Synthetic items from: GLAN 历史');
  });

  it('speaks Chinese', async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/recipes', api: { ...common, 'GET /api/recipes': () => listOf('recipes', [reconstruct, smallMix]) } });
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(await screen.findByText('共 10000 条，3 项设上限，其余均分')).toBeInTheDocument();
    expect(screen.getByText('每项能力 16 条 + 合成：共 2560 条，均分')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '新建配方' })).toBeInTheDocument();
  });
});
