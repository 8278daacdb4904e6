import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople } from '../utils/people';
import { itemStatus, review } from '../utils/reviews';
import { startBrowserApp, type BrowserApp } from './harness';

/** Issue 16 item 5: a lead acts on any item, from its page and from the Items list's bulk selection. */
describe('lead actions on items (browser)', () => {
  let b: BrowserApp;
  let rejectedId: number;

  beforeAll(async () => {
    b = await startBrowserApp();
    [rejectedId] = await b.seedItems({ count: 1, ability: 'history' });
    const [first, second] = await createPeople(b.t, 'annotator', 2);
    await review(b.t, first, 'reject');
    await review(b.t, second, 'reject');
  });
  afterAll(() => b?.close());

  it('a lead sends a unanimously rejected item to revision from its page, and a reviser can then lease it', async () => {
    expect(await itemStatus(b.t, rejectedId)).toBe('rejected');
    const page = await b.newPage();
    await b.login(page, b.people.lead);
    await page.goto(`/items/${rejectedId}/show`);
    await page.getByText('Rejected', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Send to revision' }).click();
    const dialog = page.getByRole('dialog', { name: `Send item #${rejectedId} to revision?` });
    await dialog.getByText(`Item #${rejectedId} is “Rejected” now.`).waitFor();
    await b.shot(page, 'send-dialog');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.getByText(`Item #${rejectedId} sent to revision`).waitFor();
    await page.getByText('Sent to revision', { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Send to revision' }).count(), { message: 'no longer rejected: no send action' }).toBe(0);
    await b.shot(page, 'sent');
    expect(await itemStatus(b.t, rejectedId)).toBe('in_revision');

    const task = await b.as(b.people.annotator).post('/api/revisions/next').send({}).expect(200);
    expect(task.body.item.id).toBe(rejectedId);
  });

  it('a lead selects items in the list and re-opens the accepted one with a reason; the other is skipped by name and the list refreshes', async () => {
    const text = (n: number) => [
      { role: 'user' as const, content: `批量操作测试第${n}题：简述科举制度。` },
      { role: 'assistant' as const, content: '科举制度始于隋朝，以考试选拔官员。' },
    ];
    const [accepted] = await b.seedItems({ count: 1, ability: 'history', status: 'accepted', messages: text });
    const [pending] = await b.seedItems({ count: 1, ability: 'history', status: 'pending_review', messages: (n) => text(n + 1) });
    const page = await b.newPage();
    await b.login(page, b.people.lead);
    await page.goto('/items');
    await page.getByPlaceholder('Search').fill('批量操作测试');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Re-open' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-open 2 selected items for revision' });
    await dialog.getByText(`Accepted: 1 item (#${accepted})`).waitFor();
    await dialog.getByText(`Pending review: 1 item (#${pending})`).waitFor();
    await dialog.getByText(`Will re-open 1 item: #${accepted}`).waitFor();
    await dialog.getByText(`#${pending} (Pending review): only accepted items can be re-opened`).waitFor();
    await b.shot(page, 'reopen-plan');
    await expect.poll(() => dialog.getByRole('button', { name: 'Re-open' }).isDisabled(), { message: 'a reason first' }).toBe(true);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('答案有误，需复核');
    await dialog.getByRole('button', { name: 'Re-open' }).click();
    await dialog.getByText(`Re-opened: 1 item (#${accepted})`).waitFor();
    await b.shot(page, 'reopen-outcome');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('tbody tr', { hasText: '批量操作测试第1题' }).innerText(), { message: 'the list refreshed' }).toMatch(/Sent to revision/);
    expect([await itemStatus(b.t, accepted), await itemStatus(b.t, pending)]).toEqual(['in_revision', 'pending_review']);
  });
});
