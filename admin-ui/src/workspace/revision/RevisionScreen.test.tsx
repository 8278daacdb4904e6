import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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
