/// <reference lib="dom" />
// Code passed to evaluate() runs in the browser.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformFonts, startBrowserApp, type BrowserApp } from './harness';

const RESEARCHER_MENU_ZH = ['数据来源', '导入', '数据条目', '数据集版本', '配方', '实验', '研究', '增长曲线', '生成任务', '分类体系'];
const INSTRUCTION = '请用一句话解释“光合作用”。Explain photosynthesis in one sentence.';
const ANSWER = '光合作用是绿色植物利用光能，把二氧化碳和水合成有机物并释放氧气的过程。';

const menuLabels = async (page: Page) => (await page.locator('.RaMenuItemLink-root').allInnerTexts()).map((s) => s.trim());
const hanCount = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;

/** Asserts chromium drew every Chinese character of `el` with Noto Sans CJK: a missing font would show as boxes. */
async function expectDrawnWithCjkFont(el: Locator, text: string): Promise<void> {
  const fonts = await platformFonts(el);
  const cjk = fonts.find((f) => /^Noto Sans CJK/.test(f.familyName));
  expect(cjk, `fonts used: ${JSON.stringify(fonts)}`).toBeDefined();
  expect(cjk!.glyphCount).toBeGreaterThanOrEqual(hanCount(text));
}

describe('locale and Chinese text (browser)', () => {
  let b: BrowserApp;
  let itemId: number;
  beforeAll(async () => {
    b = await startBrowserApp();
    [itemId] = await b.seedItems({
      count: 1,
      messages: () => [
        { role: 'user', content: INSTRUCTION },
        { role: 'assistant', content: ANSWER },
      ],
    });
    await b.seedItems({ count: 3 });
  });
  afterAll(() => b?.close());

  it('switching to 中文 from the app bar translates the menu, and the choice survives a reload and signing in again', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.researcher);
    expect(await menuLabels(page)).toEqual(['Sources', 'Imports', 'Items', 'Versions', 'Recipes', 'Experiments', 'Studies', 'Growth curves', 'Generation runs', 'Taxonomies']);

    await page.getByRole('button', { name: 'English' }).click();
    await b.shot(page, 'locale-menu');
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.locator('.RaMenuItemLink-root', { hasText: '数据来源' }).waitFor();
    expect(await menuLabels(page)).toEqual(RESEARCHER_MENU_ZH);
    await b.shot(page, 'menu-in-chinese');

    await page.reload();
    await page.locator('.RaMenuItemLink-root', { hasText: '数据来源' }).waitFor();
    expect(await menuLabels(page)).toEqual(RESEARCHER_MENU_ZH);
    expect(await page.evaluate(() => localStorage.getItem('pace.locale'))).toBe('zh-CN');

    await page.locator('button[aria-label="个人资料"]').click();
    expect(await page.getByRole('menuitem').allInnerTexts()).toEqual(['修改密码', '退出所有设备', '退出登录']);
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await b.login(page, b.people.researcher);
    expect(await menuLabels(page)).toEqual(RESEARCHER_MENU_ZH);
  });

  it('Chinese items render in the CJK font, in the list and on the item page', async () => {
    const page = await b.newPage({ locale: 'zh-CN' });
    await b.login(page, b.people.researcher);
    await page.goto('/items');
    const cell = page.getByText(INSTRUCTION, { exact: true });
    await cell.waitFor();
    // The theme asks for the CJK face by name after the Latin ones …
    expect(await cell.evaluate((el) => getComputedStyle(el).fontFamily)).toContain('"Noto Sans CJK SC"');
    // … and chromium really drew the characters with it (the package is installed, fontconfig finds it).
    await expectDrawnWithCjkFont(cell, INSTRUCTION);
    await b.shot(page, 'items-list-chinese');

    await page.goto(`/items/${itemId}/show`);
    // The item's text is markdown, typeset once its renderer's chunk is in (it shows as plain text until then, and
    // that element is replaced): wait for the typeset paragraph, the element that stays.
    const answer = page.locator('p').filter({ hasText: ANSWER });
    await answer.waitFor();
    await expectDrawnWithCjkFont(answer, ANSWER);
    await b.shot(page, 'item-show-chinese');
  });
});
