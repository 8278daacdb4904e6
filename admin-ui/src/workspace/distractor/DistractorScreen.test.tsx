import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FakeRequest } from '../../test/fakeApi';
import type { DistractorKind } from '../shared/types';
import { distractorTask, GOLD } from '../testing/fixtures';
import { renderWorkspace, type Routes } from '../testing/renderWorkspace';

const FINE = GOLD.replace('202', '206');
const COARSE = '长安是一座历史悠久的城市，今天有很多名胜古迹值得游览。';
const RATIOS: Record<string, number> = { [GOLD]: 0, [FINE]: 0.042, [COARSE]: 0.9 };
const BOUNDS = { fineMaxEditRatio: 0.35, coarseMinEditRatio: 0.5 };
const SUBMIT = `POST /api/distractors/tasks/${distractorTask().task.id}/submit`;

/** The server's rule (server/distractors/distractor-rules.ts) over made-up edit ratios. */
function check(req: FakeRequest) {
  const { kind, text } = req.body as { kind: DistractorKind; text: string };
  const editRatio = RATIOS[text] ?? 0.2;
  const ok = editRatio > 0 && (kind === 'fine' ? editRatio <= BOUNDS.fineMaxEditRatio : editRatio >= BOUNDS.coarseMinEditRatio);
  return { body: { ok, kind, editRatio, message: ok ? null : 'refused', bounds: BOUNDS } };
}

function renderDistractors(api: Routes = {}) {
  // made per test: its lease starts now
  const task = distractorTask();
  let served = false;
  return renderWorkspace('/workspace/distractor', {
    'POST /api/distractors/next': () => {
      if (served) return { status: 204 };
      served = true;
      return { body: task };
    },
    'POST /api/distractors/check': check,
    [`POST /api/distractors/tasks/${task.task.id}/release`]: () => ({ body: { released: true } }),
    ...api,
  });
}

const checks = (seen: FakeRequest[]) => seen.filter((r) => r.path === '/api/distractors/check').map((r) => r.body as { kind: string; text: string });

/** Replaces the whole text in one input event (as a paste over a selection does), however slow the machine. */
function replaceText(field: HTMLElement, text: string) {
  fireEvent.change(field, { target: { value: text } });
}

describe('distractor workspace', () => {
  it('seeds fine and coarse editors with the gold answer, one tab each', async () => {
    const user = userEvent.setup();
    renderDistractors();
    const fine = await screen.findByRole('textbox', { name: 'Fine-grained distractor' });
    expect(fine).toHaveValue(GOLD);
    expect(screen.queryByRole('textbox', { name: 'Coarse-grained distractor' })).toBeNull();
    expect(await within(screen.getByRole('tabpanel')).findByText('Identical to the gold answer: change something.')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Coarse-grained' }));
    expect(screen.getByRole('textbox', { name: 'Coarse-grained distractor' })).toHaveValue(GOLD);
    expect(screen.queryByRole('textbox', { name: 'Fine-grained distractor' })).toBeNull();
  });

  it('shows the server verdict inline, with the ratio and the threshold, checking once typing pauses', async () => {
    // no pause between keystrokes, however slow the machine: only a pause of the typist's should trigger a check
    const user = userEvent.setup({ delay: null });
    const seen = renderDistractors();
    const fine = await screen.findByRole('textbox', { name: 'Fine-grained distractor' });
    await waitFor(() => expect(checks(seen)).toHaveLength(2));

    replaceText(fine, COARSE);
    expect(await screen.findByText('Too far from the gold answer: 90% of characters changed, at most 35% allowed.')).toBeInTheDocument();

    replaceText(fine, FINE.slice(0, -3));
    await user.type(fine, FINE.slice(-3));
    expect(await screen.findByText('OK: 4.2% of characters changed (at most 35%).')).toBeInTheDocument();
    // keystrokes in quick succession are checked once, after the last
    const fineChecks = checks(seen).filter((c) => c.kind === 'fine').map((c) => c.text);
    expect(fineChecks.slice(0, 2)).toEqual([GOLD, COARSE]);
    expect(fineChecks.at(-1)).toBe(FINE);
    expect(fineChecks).not.toContain(FINE.slice(0, -1));
    expect(fineChecks).not.toContain(FINE.slice(0, -2));

    const diff = screen.getByRole('figure', { name: /Fine-grained distractor · diff/ });
    expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['202']);
    expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['206']);

    await user.click(screen.getByRole('tab', { name: 'Coarse-grained' }));
    replaceText(screen.getByRole('textbox', { name: 'Coarse-grained distractor' }), FINE);
    expect(await screen.findByText('Too close to the gold answer: 4.2% of characters changed, at least 50% needed.')).toBeInTheDocument();
  });

  it('shows the fields a submit refused (422) beside them, then submits the fixed pair with the same key', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const seen = renderDistractors({
      [SUBMIT]: () =>
        ++attempt === 1
          ? {
              status: 422,
              body: {
                message: 'Distractors refused: nothing was saved',
                errors: [{ field: 'coarse', message: 'Too close to the gold answer for a coarse-grained distractor: 4.2% of characters changed', editRatio: 0.042 }],
              },
            }
          : { body: { taskId: '9', itemId: 77, distractors: [] } },
    });
    replaceText(await screen.findByRole('textbox', { name: 'Fine-grained distractor' }), FINE);
    await user.click(screen.getByRole('tab', { name: 'Coarse-grained' }));
    replaceText(screen.getByRole('textbox', { name: 'Coarse-grained distractor' }), FINE);
    await user.click(screen.getByRole('tab', { name: 'Fine-grained' }));
    await user.click(screen.getByRole('button', { name: 'Submit distractors' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was saved: fix the fields marked below.');
    const coarse = await screen.findByRole('textbox', { name: 'Coarse-grained distractor' });
    expect(coarse).toHaveAccessibleDescription('Refused: Too close to the gold answer for a coarse-grained distractor: 4.2% of characters changed');
    expect(coarse).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('tab', { name: 'Coarse-grained' })).toHaveAttribute('aria-selected', 'true');

    replaceText(coarse, COARSE);
    await user.click(screen.getByRole('button', { name: 'Submit distractors' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    const [first, second] = seen.filter((r) => `${r.method} ${r.path}` === SUBMIT);
    expect(first.body).toMatchObject({ fine: FINE, coarse: FINE });
    expect(second.body).toEqual({ fine: FINE, coarse: COARSE, idempotencyKey: (first.body as { idempotencyKey: string }).idempotencyKey });
  });

  it('explains a lost lease (410) with a way to the next item', async () => {
    const user = userEvent.setup();
    renderDistractors({ [SUBMIT]: () => ({ status: 410, body: { message: 'Distractor task 9 expired; the item went back to the pool' } }) });
    await screen.findByRole('textbox', { name: 'Fine-grained distractor' });
    await user.click(screen.getByRole('button', { name: 'Submit distractors' }));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Lease lost');
    expect(banner).toHaveTextContent('Distractor task 9 expired; the item went back to the pool');
    await user.click(within(banner).getByRole('button', { name: 'Fetch the next item' }));
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
  });
});

describe('distractor workspace: issue 16 item 3, the preview', () => {
  it('renders the distractor as reviewers will see it, formulas typeset', async () => {
    renderDistractors();
    const fine = await screen.findByRole('textbox', { name: 'Fine-grained distractor' });
    const preview = screen.getByRole('region', { name: /Fine-grained distractor · Preview/ });
    expect(preview).toHaveTextContent(GOLD);
    replaceText(fine, '答案是 $\\frac{1}{3}$，不是 $5。');
    await waitFor(() => expect([...preview.querySelectorAll('.katex annotation')].map((a) => a.textContent)).toEqual(['\\frac{1}{3}']));
    expect(preview).toHaveTextContent(/不是 \$5。$/);
  });
});
