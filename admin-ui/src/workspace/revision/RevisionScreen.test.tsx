import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../../test/fakeApi';
import { ORIGINAL_ANSWER, revisionTask } from '../testing/fixtures';
import { renderWorkspace, type Routes } from '../testing/renderWorkspace';

const SUBMIT = `POST /api/revisions/${revisionTask().revision.id}/submit`;

function renderRevision(api: Routes = {}) {
  // made per test: its lease starts now
  const task = revisionTask();
  let served = false;
  return renderWorkspace('/workspace/revision', {
    'POST /api/revisions/next': () => {
      if (served) return { status: 204 };
      served = true;
      return { body: task };
    },
    [`POST /api/revisions/${task.revision.id}/release`]: () => ({ body: { released: true } }),
    ...api,
  });
}

const ability = (id: number, key: string, nameEn: string, nameZh: string) => ({
  id,
  key,
  nameEn,
  nameZh,
  description: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const ABILITIES = () => listOf('abilities', [ability(1, 'history', 'History', '历史'), ability(2, 'biology', 'Biology', '生物'), ability(3, 'code', 'Code', '代码')]);
const SUBMITTED = { body: { revisionId: '7', itemId: 42, validationRoundId: '5', excludedReviewers: [] } };

const answerTurn = () => screen.findByRole('group', { name: 'Turn 2: Assistant' });

describe('revision workspace', () => {
  it('puts the original beside the editable text with a live character diff suited to Chinese', async () => {
    const user = userEvent.setup();
    renderRevision();
    const turn = await answerTurn();
    const editor = within(turn).getByRole('textbox', { name: /Your revision/ });
    expect(within(turn).getByLabelText(/Original/)).toHaveTextContent(ORIGINAL_ANSWER);
    expect(editor).toHaveValue(ORIGINAL_ANSWER);
    expect(within(turn).getByText('No change yet')).toBeInTheDocument();

    await user.clear(editor);
    await user.click(editor);
    await user.paste(ORIGINAL_ANSWER.replace('202', '206').replace('击败', '打败'));

    await waitFor(() => expect(within(turn).getByText('+4 / −4 characters')).toBeInTheDocument());
    const diff = within(turn).getByRole('figure');
    expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['202', '击']);
    expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['206', '打']);
    expect(diff).toHaveTextContent('公元前202206年，刘邦击打败项羽');
    expect(within(await screen.findByRole('group', { name: 'Turn 1: User' })).getByText('No change yet')).toBeInTheDocument();
  });

  it("shows the earlier reviewers' reasons and comments", async () => {
    renderRevision();
    const why = await screen.findByRole('region', { name: 'Why it was sent to revision' });
    expect(within(why).getByText('Filtering round: Rejected')).toBeInTheDocument();
    expect(within(why).getByText('Incorrect answer')).toBeInTheDocument();
    expect(within(why).getByText('“年份写错了”')).toBeInTheDocument();
  });

  it('submits the whole conversation, and shows refused fields beside them', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const seen = renderRevision({
      [SUBMIT]: () =>
        ++attempt === 1
          ? { status: 422, body: { message: 'The revised conversation is not valid', errors: [{ field: 'messages[1].content', message: 'empty' }] } }
          : { body: { revisionId: '7', itemId: 42, validationRoundId: '5', excludedReviewers: [] } },
    });
    const turn = await answerTurn();
    const editor = within(turn).getByRole('textbox', { name: /Your revision/ });
    await user.clear(editor);
    await user.click(screen.getByRole('button', { name: 'Submit the revision' }));

    expect(await within(turn).findByText('empty')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The revision was refused: The revised conversation is not valid');
    expect(within(screen.getByRole('group', { name: 'Turn 1: User' })).queryByText('empty')).toBeNull();

    await user.type(editor, '汉朝由刘邦建立。');
    await user.click(screen.getByRole('button', { name: 'Submit the revision' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    const [first, second] = seen.filter((r) => `${r.method} ${r.path}` === SUBMIT);
    expect(second.body).toEqual({
      messages: [
        { role: 'user', content: '汉朝是谁建立的？' },
        { role: 'assistant', content: '汉朝由刘邦建立。' },
      ],
      idempotencyKey: (first.body as { idempotencyKey: string }).idempotencyKey,
    });
  });

  it('explains a lost lease (410) and fetches the next item on request', async () => {
    const user = userEvent.setup();
    renderRevision({ [SUBMIT]: () => ({ status: 410, body: { message: 'Revision lease 7 expired; the item went back to the revision queue' } }) });
    await answerTurn();
    await user.click(screen.getByRole('button', { name: 'Submit the revision' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Lease lost');
    expect(banner).toHaveTextContent('Revision lease 7 expired; the item went back to the revision queue');
    await user.click(within(banner).getByRole('button', { name: 'Fetch the next item' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
  });

  it('shows the lease countdown and hands the lease back on skip', async () => {
    const user = userEvent.setup();
    const seen = renderRevision();
    await answerTurn();
    expect(screen.getByRole('timer', { name: /Lease expires in (30:00|29:5\d)/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    expect(seen.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/revisions/7/release');
  });

  // issue 16 item 4: a reviewer rejected the item as the wrong category; the reviser moves it to another ability
  it('lets the reviser move the item to another ability, named in English, and sends it', async () => {
    const user = userEvent.setup();
    const seen = renderRevision({ 'GET /api/abilities': ABILITIES, [SUBMIT]: () => SUBMITTED });
    await answerTurn();
    const picker = screen.getByRole('combobox', { name: 'Ability' });
    expect(picker).toHaveTextContent('History');
    await user.click(picker);
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['History', 'Biology', 'Code']);
    await user.click(screen.getByRole('option', { name: 'Biology' }));
    expect(picker).toHaveTextContent('Biology');
    expect(screen.getByText('Was History: the validators review it under the new ability.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Submit the revision' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    expect(seen.find((r) => `${r.method} ${r.path}` === SUBMIT)?.body).toMatchObject({ abilityId: 2 });
  });

  it('keeps the ability unless changed: undoing the change sends no abilityId', async () => {
    const user = userEvent.setup();
    const seen = renderRevision({ 'GET /api/abilities': ABILITIES, [SUBMIT]: () => SUBMITTED });
    await answerTurn();
    const picker = screen.getByRole('combobox', { name: 'Ability' });
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Code' }));
    expect(picker).toHaveTextContent('Code');
    await user.click(screen.getByRole('button', { name: 'Undo my changes' }));
    expect(picker).toHaveTextContent('History');

    await user.click(screen.getByRole('button', { name: 'Submit the revision' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    expect(seen.find((r) => `${r.method} ${r.path}` === SUBMIT)?.body).not.toHaveProperty('abilityId');
  });

  it('in 中文 offers the abilities by their Chinese names and sends the one picked (生物)', async () => {
    const user = userEvent.setup();
    // switching the language reloads the screen, which asks for its task again: the server answers with the same lease
    const task = revisionTask();
    const seen = renderRevision({ 'GET /api/abilities': ABILITIES, 'POST /api/revisions/next': () => ({ body: task }), [SUBMIT]: () => SUBMITTED });
    await answerTurn();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    const picker = await screen.findByRole('combobox', { name: '能力' });
    expect(picker).toHaveTextContent('历史');
    await user.click(picker);
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['历史', '生物', '代码']);
    await user.click(screen.getByRole('option', { name: '生物' }));
    expect(picker).toHaveTextContent('生物');

    await user.click(screen.getByRole('button', { name: '提交修订' }));
    await waitFor(() => expect(seen.some((r) => `${r.method} ${r.path}` === SUBMIT)).toBe(true));
    expect(seen.find((r) => `${r.method} ${r.path}` === SUBMIT)?.body).toMatchObject({ abilityId: 2 });

    // the app's language outlives this render (one i18n provider per module): back to English for the tests after
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('button', { name: 'English' });
  });
});

describe('revision workspace: issue 16 item 3, the preview', () => {
  it('renders the edited text as reviewers will see it, formulas typeset, as it is typed', async () => {
    const user = userEvent.setup();
    renderRevision();
    const turn = await answerTurn();
    const editor = within(turn).getByRole('textbox', { name: /Your revision/ });
    const preview = within(turn).getByRole('region', { name: /Preview/ });
    expect(preview).toHaveTextContent(ORIGINAL_ANSWER);
    await user.clear(editor);
    await user.click(editor);
    await user.paste('面积为 \\(\\pi r^2\\)，而 $$\\frac{a}{b}$$');
    await waitFor(() => expect([...preview.querySelectorAll('.katex annotation')].map((a) => a.textContent)).toEqual(['\\pi r^2', '\\frac{a}{b}']));
    expect(preview).toHaveTextContent(/^Preview.*面积为/);
  });
});
