import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { formatDateTime } from './dates';

// local time, as the browser shows it
const DEC_7 = new Date(2026, 11, 7, 15, 4, 59);
const JAN_2_MIDNIGHT = new Date(2027, 0, 2, 0, 5);

describe(formatDateTime.name, () => {
  it('writes a date to the minute in the interface language: Dec 7, 2026, 15:04 / 2026/12/07 15:04', () => {
    expect(formatDateTime(DEC_7.toISOString(), 'en')).toBe('Dec 7, 2026, 15:04');
    expect(formatDateTime(DEC_7.toISOString(), 'zh-CN')).toBe('2026/12/07 15:04');
    // a 24-hour clock that starts at 00, never "24:05" or "12:05 AM"
    expect(formatDateTime(JAN_2_MIDNIGHT, 'en')).toBe('Jan 2, 2027, 00:05');
    expect(formatDateTime(JAN_2_MIDNIGHT.getTime(), 'zh-CN')).toBe('2027/01/02 00:05');
  });

  it('shows a dash for no date or a value that is no date', () => {
    for (const none of [null, undefined, '', 'not a date']) expect(formatDateTime(none, 'zh-CN')).toBe('—');
  });
});

describe('dates on the screens', () => {
  it('a list shows its dates in the one format, and in the other language once it switches', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', {
      path: '/sources',
      api: { 'GET /api/sources': () => listOf('sources', [{ id: 1, name: 'cmmlu-history', kind: 'benchmark', license: 'CC BY-NC 4.0', createdAt: DEC_7.toISOString() }]) },
    });
    const row = (await screen.findByText('cmmlu-history')).closest('tr')!;
    expect(within(row).getByText('Dec 7, 2026, 15:04')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    // switching the language re-renders the list: look the row up again
    const rowZh = (await screen.findByText('2026/12/07 15:04')).closest('tr')!;
    expect(within(rowZh).getByText('cmmlu-history')).toBeInTheDocument();
    expect(screen.queryByText('Dec 7, 2026, 15:04')).toBeNull();
    // the app's language outlives this render (one i18n provider per module): back to English for the tests after
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('button', { name: 'English' });
  });
});
