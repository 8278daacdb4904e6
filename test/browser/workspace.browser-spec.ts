import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../utils/reviews';
import { startBrowserApp, timeUntilVisible, type BrowserApp, type BrowserUser } from './harness';

const question = (n: number) => `第${n}题：秦朝统一六国是在哪一年？`;

async function abilityId(b: BrowserApp, key: string): Promise<number> {
  const [row] = await b.db.query('SELECT id FROM abilities WHERE key = $1', [key]);
  return row.id;
}

/** Counts the prefetches the page has had answered, so a step starts once its next item is there, as in real use. */
function countPrefetches(page: Page): () => number {
  let answered = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/reviews/next') && r.status() === 200 && r.request().postDataJSON()?.prefetch === true) answered++;
  });
  return () => answered;
}

describe('annotator workspace (browser)', () => {
  let b: BrowserApp;

  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('reviews three items from the keyboard, each next item on screen at once', async () => {
    const ann = await b.createUser('annotator', 'Ann');
    const items = await b.seedItems({
      count: 4,
      ability: 'history',
      messages: (n) => [
        { role: 'user', content: question(n) },
        { role: 'assistant', content: `公元前221年，秦王嬴政统一六国。（第${n}号）\n\n| 国家 | 灭亡 |\n| --- | --- |\n| 齐 | 前221年 |` },
      ],
    });
    const page = await b.newPage();
    const prefetched = countPrefetches(page);
    // an annotator's first screen is the workspace's review tab
    await b.login(page, ann);
    await page.getByText(question(1)).waitFor();
    expect(new URL(page.url()).pathname).toBe('/workspace/review');
    await page.getByRole('table').first().waitFor();
    await b.shot(page, 'review-1-first-item');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in, for the screenshot
    await b.shot(page, 'review-1-help');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const timings: number[] = [];
    const step = async (n: number, keys: string[], last: string) => {
      await expect.poll(prefetched, { timeout: 10_000 }).toBeGreaterThanOrEqual(n);
      await page.waitForTimeout(100);
      for (const k of keys) await page.keyboard.press(k);
      if (keys.length) await b.shot(page, `review-${n}-keys-${keys.join('')}`);
      const ms = await timeUntilVisible(page, () => page.keyboard.press(last), { text: question(n + 1) });
      timings.push(ms);
      console.log(`keypress→next item: ${ms.toFixed(1)} ms (item ${n} → ${n + 1}, key ${last})`);
      await b.shot(page, `review-${n + 1}-after-${[...keys, last].join('')}`);
    };
    await step(1, [], 'a');
    await step(2, ['r', '1', '5'], 'Enter');
    await step(3, [], 'a');
    const sorted = [...timings].sort((x, y) => x - y);
    console.log(`keypress→next item: median ${sorted[1].toFixed(1)} ms, max ${sorted[2].toFixed(1)} ms over ${timings.length} decisions`);

    await page.getByText('Today: 3').waitFor();
    const decided = await b.db.query(
      `SELECT r.item_id::int AS item, a.decision, a.reasons FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id
       WHERE a.reviewer_id = $1 AND a.state = 'submitted' ORDER BY a.submitted_at`,
      [ann.id],
    );
    expect(decided).toEqual([
      { item: items[0], decision: 'approve', reasons: [] },
      { item: items[1], decision: 'reject', reasons: ['incorrect_answer', 'formatting'] },
      { item: items[2], decision: 'approve', reasons: [] },
    ]);
    await b.shot(page, 'review-today-3');
    // the next item is drawn within a few frames of the key, with no server round trip in between
    for (const ms of timings) expect(ms).toBeLessThan(500);
  });

  it('lets a reviser fix an item that reviewers rejected, with the live diff', async () => {
    const [r1, r2, reviser] = [await b.createUser('annotator', 'Rui'), await b.createUser('annotator', 'Lan'), await b.createUser('annotator', 'Mei')];
    const biology = await abilityId(b, 'biology');
    const [itemId] = await b.seedItems({
      count: 1,
      ability: 'biology',
      messages: () => [
        { role: 'user', content: '光合作用主要在植物细胞的哪个细胞器中进行？' },
        { role: 'assistant', content: '光合作用主要在线粒体中进行。' },
      ],
    });
    await review(b.t, r1, 'reject', { abilityId: biology });
    await review(b.t, r2, 'reject', { abilityId: biology });
    await b.as(b.people.lead).post('/api/revisions/assign').send({ itemIds: [itemId] }).expect(200);

    const page = await b.newPage();
    await b.login(page, reviser);
    await page.waitForURL('**/workspace/review');
    await page.getByRole('tab', { name: 'Revision' }).click();
    await page.getByRole('heading', { name: `Revise item #${itemId}` }).waitFor();
    const why = page.getByRole('region', { name: 'Why it was sent to revision' });
    expect(await why.getByText('Incorrect answer').count()).toBe(2);
    await b.shot(page, 'revision-1-opened');

    const turn = page.getByRole('group', { name: 'Turn 2: Assistant' });
    await turn.getByRole('textbox', { name: /Your revision/ }).fill('光合作用主要在叶绿体中进行。');
    await turn.getByText('+2 / −2 characters').waitFor();
    expect(await turn.locator('del').allTextContents()).toEqual(['线粒']);
    expect(await turn.locator('ins').allTextContents()).toEqual(['叶绿']);
    await b.shot(page, 'revision-2-edited-with-diff');

    await page.getByRole('button', { name: 'Submit the revision' }).click();
    await page.getByText('Nothing to do right now').waitFor();
    await b.shot(page, 'revision-3-submitted');
    const [item] = await b.db.query('SELECT status, messages FROM items WHERE id = $1', [itemId]);
    expect(item.status).toBe('validating');
    expect(item.messages[1].content).toBe('光合作用主要在叶绿体中进行。');
  });

  it('writes both distractors, with a refused one shown and then fixed', async () => {
    const author = await b.createUser('annotator', 'Hua');
    const gold = '等差数列1，4，7，10的第10项是28。';
    const [itemId] = await b.seedItems({
      count: 1,
      ability: 'cot_math',
      status: 'accepted',
      split: 'valid',
      messages: () => [
        { role: 'user', content: '等差数列1，4，7，10……的第10项是多少？' },
        { role: 'assistant', content: gold },
      ],
    });
    const page = await b.newPage();
    await b.login(page, author);
    await page.waitForURL('**/workspace/review');
    await page.getByRole('tab', { name: 'Distractors' }).click();
    await page.getByRole('heading', { name: `Write distractors for item #${itemId}` }).waitFor();
    const fine = page.getByRole('textbox', { name: 'Fine-grained distractor' });
    expect(await fine.inputValue()).toBe(gold);

    await fine.fill('今天天气很好，我们去公园散步吧。');
    await page.getByText(/^Too far from the gold answer: .* at most 35% allowed\.$/).waitFor();
    await b.shot(page, 'distractor-1-fine-too-far');
    await fine.fill('等差数列1，4，7，10的第10项是31。');
    await page.getByText(/^OK: .* of characters changed \(at most 35%\)\.$/).waitFor();

    await page.getByRole('tab', { name: 'Coarse-grained' }).click();
    const coarse = page.getByRole('textbox', { name: 'Coarse-grained distractor' });
    await coarse.fill('等差数列1，4，7，10的第10项是29。');
    await page.getByText(/^Too close to the gold answer: .* at least 50% needed\.$/).waitFor();
    await page.getByRole('button', { name: 'Submit distractors' }).click();
    await page.getByText('Nothing was saved: fix the fields marked below.').waitFor();
    await page.getByText(/^Refused: Too close to the gold answer for a coarse-grained distractor/).waitFor();
    await b.shot(page, 'distractor-2-coarse-refused');

    await coarse.fill('等比数列的每一项与前一项的比值相同，例如2，4，8，16。');
    await page.getByText(/^OK: .* of characters changed \(at least 50%\)\.$/).waitFor();
    await b.shot(page, 'distractor-3-coarse-fixed');
    await page.getByRole('button', { name: 'Submit distractors' }).click();
    await page.getByText('Nothing to do right now').waitFor();
    await b.shot(page, 'distractor-4-submitted');
    const rows = await b.db.query('SELECT kind, text, status FROM distractors WHERE item_id = $1 ORDER BY kind DESC', [itemId]);
    expect(rows).toEqual([
      { kind: 'fine', text: '等差数列1，4，7，10的第10项是31。', status: 'pending_review' },
      { kind: 'coarse', text: '等比数列的每一项与前一项的比值相同，例如2，4，8，16。', status: 'pending_review' },
    ]);
  });
});
