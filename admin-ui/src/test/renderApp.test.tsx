import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../App';
import { renderAppAs } from './renderApp';

// The two tests run in this order: the first leaves the app in Chinese, as a test that fails or times out midway does.
describe('renderAppAs between tests', () => {
  it('a test switches the app to Chinese and ends there', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/items' });
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(await screen.findByRole('button', { name: '中文' })).toBeInTheDocument();
    expect(i18nProvider.getLocale()).toBe('zh-CN');
  });

  it('the next test starts in English', async () => {
    expect(i18nProvider.getLocale()).toBe('en');
    renderAppAs('lead', { path: '/items' });
    expect(await screen.findByRole('button', { name: 'English' })).toBeInTheDocument();
  });
});
