import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderAppAs } from '../test/renderApp';
import { en } from './en';
import { createI18nProvider, LOCALE_STORAGE_KEY } from './i18nProvider';
import { zh } from './zh';

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locales', () => {
  it('switches the menu to Chinese from the app bar, and remembers the choice', async () => {
    const user = userEvent.setup();
    renderAppAs('lead');
    expect(await screen.findByRole('menuitem', { name: 'Abilities' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));

    for (const label of ['仪表盘', '能力', '数据来源', '导入', '数据条目']) {
      expect(await screen.findByRole('menuitem', { name: label })).toBeInTheDocument();
    }
    expect(screen.queryByRole('menuitem', { name: 'Abilities' })).toBeNull();
    await waitFor(() => expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN'));
  });

  it('starts in the locale chosen last', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'zh-CN');
    const i18n = createI18nProvider();
    expect(i18n.getLocale()).toBe('zh-CN');
    expect(i18n.translate('resources.items.name', { smart_count: 2 })).toBe('数据条目');
  });

  it('has a Chinese message for every English one', () => {
    expect(keysOf(zh).sort()).toEqual(keysOf(en).sort());
  });
});
