/// <reference lib="dom" />
// Code passed to evaluate() runs in the browser.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from './harness';

const VIEWPORT = { width: 1440, height: 900 };
const FILE_NAME = 'ceval-中国近代史-val.jsonl';
/**
 * A CLI import's path as the reporter had it: over 300 characters, Chinese folder names (a line may break between
 * any two Han characters) and one long ASCII name that cannot break at all.
 */
const LONG_PATH = (() => {
  let path = '/srv/语料/中文指令数据集/doit_instruction_tuning_corpus_release_2026_11_curated_and_synthetic_batches_decontaminated/人工精选';
  for (let n = 1; path.length < 290; n++) path += `/历史与文化教育资料汇编第${n}卷_整理版_v${n}`;
  return `${path}/${FILE_NAME}`;
})();

/**
 * How many lines the text of each element matching `selector` takes, by its label: the distinct tops of the boxes
 * its text nodes are drawn in (a header broken one character per line has as many as it has characters).
 */
function linesOf(page: Page, selector: string): Promise<Record<string, number>> {
  return page.$$eval(selector, (els) =>
    Object.fromEntries(
      els.map((el) => {
        const tops: number[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.nodeValue?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
        }
        tops.sort((a, b) => a - b);
        const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
        return [el.textContent?.trim() ?? '', lines];
      }),
    ),
  );
}

/** Issue 16 item 6: a CLI import with a very long path made the Imports list 1,705 px wide at 1,440 px. */
describe('lists that fit: the Imports list at 1440×900 (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
    const [source] = await b.db.query(`INSERT INTO sources (name, kind) VALUES ('人工精选·中国近代史', 'generic') RETURNING id`);
    // one import done (the long path), one failed (its row shows the Resume button, the widest controls cell)
    await b.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status, total_size, done_size, lines_read, items_created)
       VALUES ($1, 'messages', 'jsonl', $2, $2, 'completed', 1000, 1000, 1234, 1234),
              ($1, 'messages', 'jsonl', '/tmp/short.jsonl', 'short.jsonl', 'failed', 1000, 400, 500, 480)`,
      [source.id, LONG_PATH],
    );
  });
  afterAll(() => b?.close());

  async function openImports(locale: 'en-US' | 'zh-CN'): Promise<Page> {
    const page = await b.newPage({ locale, viewport: VIEWPORT });
    await b.login(page, b.people.researcher);
    await page.goto('/imports');
    await page.locator('td.column-originalName', { hasText: FILE_NAME }).waitFor();
    return page;
  }

  async function expectFits(page: Page, name: string, toolbarButtons: string[]) {
    expect(LONG_PATH.length).toBeGreaterThanOrEqual(300);
    await b.shot(page, name);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      table: document.querySelector('table')!.getBoundingClientRect().right,
    }));
    expect(widths.page, 'the page scrolls horizontally').toBeLessThanOrEqual(VIEWPORT.width);
    expect(widths.table, 'the table reaches past the window').toBeLessThanOrEqual(VIEWPORT.width);

    // every header on one line
    const headers = await linesOf(page, 'thead th');
    expect(Object.keys(headers).length).toBeGreaterThanOrEqual(8);
    for (const [label, lines] of Object.entries(headers)) expect(lines, `header "${label}"`).toBeLessThanOrEqual(1);
    // the toolbar's buttons, each label on one line
    const buttons = await linesOf(page, '.RaList-actions button, .RaList-actions a');
    expect(Object.keys(buttons)).toEqual(expect.arrayContaining(toolbarButtons));
    for (const label of toolbarButtons) expect(buttons[label], `button "${label}"`).toBe(1);
    // the path is cut short with an ellipsis, folders first: the file name stays whole, the full path in the tooltip
    const cell = page.locator(`td.column-originalName [title="${LONG_PATH}"]`);
    const parts = await cell.evaluate((el) =>
      [...el.children].map((s) => ({ text: s.textContent, cut: s.scrollWidth > s.clientWidth, ellipsis: getComputedStyle(s).textOverflow })),
    );
    expect(parts).toEqual([
      { text: LONG_PATH.slice(0, -FILE_NAME.length), cut: true, ellipsis: 'ellipsis' },
      { text: FILE_NAME, cut: false, ellipsis: 'ellipsis' },
    ]);
    return headers;
  }

  it('in English: no horizontal scroll, the long path ends in an ellipsis with the whole path as its tooltip', async () => {
    const page = await openImports('en-US');
    const headers = await expectFits(page, 'imports-en', ['Add filter', 'Upload', 'Export']);
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['File', 'Adapter', 'Source', 'Status', 'Progress', 'New items', 'Errors', 'Created']));
  });

  it('in 中文: no horizontal scroll, and each Chinese header cell is one line high', async () => {
    const page = await openImports('zh-CN');
    await page.locator('thead th', { hasText: '新条目' }).waitFor();
    const headers = await expectFits(page, 'imports-zh', ['添加筛选', '上传', '导出']);
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(['文件', '适配器', '数据来源', '状态', '进度', '新条目', '错误', '创建时间']));
    // one line high: the header cell is no taller than one line of its text and its padding
    const { height, lineHeight, padding } = await page.locator('thead th', { hasText: '新条目' }).evaluate((th) => {
      const s = getComputedStyle(th);
      return { height: th.getBoundingClientRect().height, lineHeight: parseFloat(s.lineHeight), padding: parseFloat(s.paddingTop) + parseFloat(s.paddingBottom) };
    });
    expect(height).toBeLessThan(padding + 2 * lineHeight);
  });
});
