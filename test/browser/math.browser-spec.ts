/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from './harness';

const QUESTION = '直角三角形的三边满足 $x^2+y^2=z^2$。若 \\(x=3, y=4\\)，求 $z$，并化简：\n\n$$\\frac{a}{b}$$';
const ANSWER = '由勾股定理 $z^2 = 3^2 + 4^2 = 25$，所以 $z = 5$。价格从 $5 涨到 $10 不是公式。';

/**
 * Issue 16 item 3: a cot_math item's LaTeX is typeset on the item page by KaTeX, whose stylesheet and fonts Pace
 * serves itself (the harness fails the test on any CSP violation), and its answer type is named in words.
 */
describe('math in items (browser)', () => {
  let b: BrowserApp;
  let id: number;
  beforeAll(async () => {
    b = await startBrowserApp();
    [id] = await b.seedItems({
      count: 1,
      ability: 'cot_math',
      questionFormat: 0,
      messages: () => [
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: ANSWER },
      ],
    });
    await b.db.query(`UPDATE items SET answer_type = 'math', gold = '5' WHERE id = $1`, [id]);
  });
  afterAll(() => b?.close());

  /** The page's formulas: the LaTeX source KaTeX keeps in each one's MathML annotation. */
  const sources = (page: Page) => page.locator('.katex annotation[encoding="application/x-tex"]').allTextContents();
  /** The text a reader sees in the conversation: without the (visually hidden) MathML copies. */
  const visibleText = (page: Page) =>
    page.evaluate(() => {
      const copy = document.querySelector('.RaLayout-content')!.cloneNode(true) as Element;
      copy.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
      return copy.textContent ?? '';
    });

  it('typesets the formulas of a cot_math item with fonts served by Pace, and names its answer type', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.researcher);
    await page.goto(`/items/${id}/show`);
    await page.locator('.katex').first().waitFor();

    expect(await sources(page)).toEqual(['x^2+y^2=z^2', 'x=3, y=4', 'z', '\\frac{a}{b}', 'z^2 = 3^2 + 4^2 = 25', 'z = 5']);
    const display = page.locator('.katex-display');
    expect(await display.count()).toBe(1);
    expect(await display.locator('annotation').textContent()).toBe('\\frac{a}{b}');
    // drawn, not just marked up: the numerator stands above the denominator, in KaTeX's fonts (loaded, from Pace)
    const parts = await display.locator('.mfrac .vlist > span').evaluateAll((spans) =>
      spans.filter((s) => s.textContent?.trim()).map((s) => ({ text: s.textContent!.trim(), top: s.getBoundingClientRect().top })),
    );
    expect(parts.map((p) => p.text).sort()).toEqual(['a', 'b']);
    expect(parts.find((p) => p.text === 'a')!.top).toBeLessThan(parts.find((p) => p.text === 'b')!.top);
    await page.evaluate(() => document.fonts.ready);
    expect(await display.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^KaTeX_Main/);
    const loaded = await page.evaluate(() => {
      const families: string[] = [];
      document.fonts.forEach((f) => f.status === 'loaded' && families.push(f.family.replace(/"/g, '')));
      return families;
    });
    expect(loaded).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    const fonts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /KaTeX_/.test(n)));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(new URL(font).origin).toBe(b.baseUrl);

    const text = await visibleText(page);
    expect(text).toContain('直角三角形的三边满足');
    expect(text).toContain('价格从 $5 涨到 $10 不是公式。');
    expect(text.replace('价格从 $5 涨到 $10', '')).not.toContain('$');
    expect(text).not.toMatch(/\\\(|\\frac/);
    expect(text).toContain('Math answer');
    expect(text).not.toContain('single_choice');
    await b.shot(page, 'cot-math-item');
  });

  it('keeps the Chinese around the formulas and names the answer type in Chinese under zh-CN', async () => {
    const page = await b.newPage({ locale: 'zh-CN' });
    await b.login(page, b.people.researcher);
    await page.goto(`/items/${id}/show`);
    await page.locator('.katex').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    const question = page.locator('div[lang="zh-CN"]').filter({ hasText: '直角三角形' });
    expect(await question.locator('.katex').count()).toBe(4);
    const text = await visibleText(page);
    expect(text).toContain('数学题');
    expect(text).toContain('，求');
    await b.shot(page, 'cot-math-item-zh');
  });
});
