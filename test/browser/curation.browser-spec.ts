import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople } from '../utils/people';
import { review } from '../utils/reviews';
import { startBrowserApp, type BrowserApp } from './harness';

const CODE_ANSWER = '可以这样写：\n\n```python\ndef total(xs):\n    return sum(xs)  # 求和\n```';

/** The researcher's screens on the real app: upload with live progress, the item browser, an item's history. */
describe('curation screens (browser)', () => {
  let b: BrowserApp;
  let csv: string;
  let reviewedId: number;

  beforeAll(async () => {
    b = await startBrowserApp();
    const dir = await mkdtemp(join(tmpdir(), 'pace-curation-'));
    csv = join(dir, '考试题.csv');
    const rows = Array.from({ length: 400 }, (_, n) => `"第${n + 1}题：汉朝由谁建立？","刘邦，公元前${202 + n}年。"`);
    await writeFile(csv, ['问题,答案', ...rows, '"",空的问题'].join('\n') + '\n');
    [reviewedId] = await b.seedItems({
      count: 1,
      ability: 'code',
      messages: () => [
        { role: 'user', content: '用 Python 写一个函数，返回列表的和。' },
        { role: 'assistant', content: CODE_ANSWER },
      ],
    });
    const [first, second] = await createPeople(b.t, 'annotator', 2);
    await review(b.t, first, 'approve');
    await review(b.t, second, 'reject');
  });
  afterAll(() => b?.close());

  it('uploads a CSV with a column mapping, follows it to completion and downloads its error report', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.researcher);
    await page.goto('/imports');
    await page.getByRole('link', { name: 'Upload' }).click();
    await page.locator('input[type="file"]').setInputFiles(csv);
    await page.getByRole('combobox', { name: 'Record format' }).click();
    await page.getByRole('option', { name: /CSV \(mapped columns\)/ }).click();
    await page.getByRole('textbox', { name: 'instruction *' }).fill('问题');
    await page.getByRole('textbox', { name: 'output *' }).fill('答案');
    await page.getByRole('combobox', { name: 'Default ability' }).click();
    await page.getByRole('option', { name: 'History' }).click();
    await page.getByRole('textbox', { name: 'Source name' }).fill('考试题库');
    await b.shot(page, 'upload-form');
    await page.getByRole('button', { name: 'Upload and import' }).click();

    await page.waitForURL(/\/imports\/[0-9a-f-]{36}\/show$/);
    await page.getByText('Completed').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuenow')).toBe('100');
    const errorRow = page.getByRole('row', { name: /non-empty string/ });
    await expect.poll(() => errorRow.innerText()).toMatch(/^考试题\.csv\s+402\s+问题/);
    await b.shot(page, 'import-completed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^import-[0-9a-f-]{36}-errors\.csv$/);
    const report = await readFile((await download.path())!, 'utf8');
    expect(report.split('\n')[1]).toMatch(/^考试题\.csv,402,问题,empty_text,"expected non-empty string/);

    await page.goto('/imports');
    await expect.poll(() => page.getByRole('row', { name: /考试题\.csv/ }).innerText()).toMatch(/Completed[\s\S]*100%[\s\S]*400/);
    await b.shot(page, 'imports-list');
  });

  it('finds items by a Chinese substring, and shows an item with markdown and its reviews', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.researcher);
    await page.goto('/items');
    await page.getByPlaceholder('Search').fill('列表的和');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await b.shot(page, 'items-search');

    await page.locator('tbody tr').first().click();
    await page.waitForURL(`**/items/${reviewedId}/show`);
    await page.locator('pre code.language-python .hljs-keyword', { hasText: 'def' }).waitFor();
    await b.shot(page, 'item-markdown');
    await page.getByRole('tab', { name: 'Reviews' }).click();
    await page.getByRole('region', { name: 'Filtering' }).getByText('Rejected').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Reject/ }).innerText()).toMatch(/Incorrect answer/);
    await b.shot(page, 'item-reviews');
  });

  it('changes the password from the user menu, in Chinese', async () => {
    const page = await b.newPage({ locale: 'zh-CN' });
    await b.login(page, b.people.lead);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    const field = (label: string) => dialog.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
    await field('当前密码').fill('wrong-password');
    await field('新密码').fill('新的密码-long-enough');
    await field('再次输入新密码').fill('新的密码-long-enough');
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await dialog.getByText('当前密码不正确').waitFor();
    await b.shot(page, 'password-wrong');
    await field('当前密码').fill(b.people.lead.password);
    await dialog.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    const res = await b.t.http.post('/api/auth/login').send({ email: b.people.lead.email, password: '新的密码-long-enough' });
    expect(res.status).toBe(200);
  });
});
