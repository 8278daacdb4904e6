import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, lease } from '../utils/reviews';
import { startBrowserApp, type BrowserApp } from './harness';

/** Issue 16 item 1: an annotator changes an open decision and finds it in "My work"; blind until the round is decided. */
describe('my work (browser)', () => {
  let b: BrowserApp;
  let itemId: number;
  let leaseId: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    [itemId] = await b.seedItems({
      count: 1,
      ability: 'history',
      messages: () => [
        { role: 'user', content: '我的工作测试：唐朝的都城在哪里？' },
        { role: 'assistant', content: '唐朝的都城是长安。' },
      ],
    });
    const l = await lease(b.t, b.people.annotator);
    expect(l.item.id).toBe(itemId);
    leaseId = l.lease.id;
    await decide(b.t, b.people.annotator, leaseId, 'reject', { reasons: ['incorrect_answer'] }).expect(200);
  });
  afterAll(() => b?.close());

  it('an annotator changes an open decision in My work; once the co-reviewer decides, the outcome and their decision show', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.annotator);
    await page.getByRole('menuitem', { name: 'My work' }).click();
    await page.waitForURL('**/my-work**');
    const row = page.locator('tbody tr', { hasText: '我的工作测试' });
    await row.getByText('Hidden until the round is decided').waitFor();
    await row.getByText('Incorrect answer').waitFor();
    await b.shot(page, 'open-decision');

    await row.getByRole('button', { name: 'Change' }).click();
    const dialog = page.getByRole('dialog', { name: `Change your decision on item #${itemId}` });
    await dialog.getByRole('radio', { name: 'Approve' }).check();
    await dialog.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText('Decision changed').waitFor();
    await row.getByText(/^changed /).waitFor();
    await expect.poll(() => row.getByText('Incorrect answer').count(), { message: 'the reasons went with the rejection' }).toBe(0);
    await b.shot(page, 'changed');
    const [stored] = await b.db.query(`SELECT decision, reasons FROM review_assignments WHERE id = $1`, [leaseId]);
    expect(stored).toEqual({ decision: 'approve', reasons: [] });
    const audit = await b.db.query(`SELECT actor_id, after->>'decision' AS decision FROM audit_log WHERE entity = 'review' AND entity_id = $1 AND action = 'change'`, [leaseId]);
    expect(audit).toEqual([{ actor_id: b.people.annotator.id, decision: 'approve' }]);

    const co = await b.createUser('annotator', 'Co Reviewer');
    const l2 = await lease(b.t, co);
    expect(l2.item.id).toBe(itemId);
    expect((await decide(b.t, co, l2.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');

    await page.reload();
    await row.getByText('Accepted').waitFor();
    await row.getByText('Co Reviewer').waitFor();
    expect(await row.getByRole('button', { name: 'Change' }).count()).toBe(0);
    await b.shot(page, 'decided');

    await row.getByRole('link', { name: `Open item #${itemId}` }).click();
    await page.getByText('唐朝的都城是长安。').waitFor();
    await page.getByText('Status now: Accepted').waitFor();
    await b.shot(page, 'item');
  });
});
