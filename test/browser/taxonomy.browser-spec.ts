import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from './harness';

const TREE = {
  fields: [
    {
      name: '自然科学',
      children: [
        { name: 'Physics', children: [{ name: 'Mechanics' }, { name: 'Optics' }] },
        { name: 'Astrology', children: [{ name: 'Horoscopes' }] },
      ],
    },
  ],
};

/** Issue 15 item 1 in the browser: a lead edits a taxonomy's tree, votes with an annotator, and applies the votes. */
describe('taxonomy screens (browser)', () => {
  let b: BrowserApp;
  let id: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    const res = await b.as(b.people.lead).post('/api/taxonomies').send({ name: 'GLAN 分类', json: TREE }).expect(201);
    id = res.body.id;
  });
  afterAll(() => b?.close());

  it('issue 15 item 1: adds and maps a discipline, votes keep/remove with live tallies, applies the votes and shows what went', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.lead);
    await page.getByRole('menuitem', { name: 'Taxonomies' }).click();
    await page.getByRole('row', { name: /GLAN 分类/ }).click();
    await page.waitForURL(`**/taxonomies/${id}/show`);
    const revision = page.getByTestId('revision');
    const first = await revision.innerText();

    // edit: a new discipline under Physics, mapped to an ability
    await page.getByRole('button', { name: 'Add under Physics' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Acoustics');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('node-Acoustics').waitFor();
    await expect.poll(() => revision.innerText()).not.toBe(first);
    await page.getByRole('combobox', { name: 'Ability Acoustics' }).click();
    await page.getByRole('option', { name: 'Logical Reasoning' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Ability Acoustics' }).innerText()).toBe('Logical Reasoning');

    // votes: the annotator's arrives live; the lead's own vote is shown pressed
    await b.as(b.people.annotator).put(`/api/taxonomies/${id}/nodes/${encodeURIComponent((await b.as(b.people.lead).get(`/api/taxonomies/${id}`)).body.tree.fields[0].children[1].id)}/vote`).send({ decision: 'remove' }).expect(200);
    const removeAstrology = page.getByRole('button', { name: 'Remove Astrology' });
    await expect.poll(() => removeAstrology.innerText()).toBe('REMOVE 1');
    await removeAstrology.click();
    await expect.poll(() => removeAstrology.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => removeAstrology.innerText()).toBe('REMOVE 2');
    await page.getByRole('button', { name: 'Keep Physics' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Keep Physics' }).innerText()).toBe('KEEP 1');
    await b.shot(page, 'taxonomy-votes');

    // apply: Astrology goes with Horoscopes, Physics stays, a new revision is in the history
    const beforeApply = await revision.innerText();
    await page.getByRole('button', { name: 'Apply votes' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    const result = page.getByTestId('apply-result');
    await expect.poll(() => result.innerText()).toMatch(/2 nodes removed/);
    expect(await result.innerText()).toMatch(/自然科学 \/ Astrology — Removed \(2 remove to 0 keep\)/);
    expect(await result.innerText()).toMatch(/Horoscopes — Removed with an ancestor/);
    await expect.poll(() => page.getByTestId('node-Astrology').count()).toBe(0);
    await page.getByTestId('node-Physics').waitFor();
    await expect.poll(() => revision.innerText()).not.toBe(beforeApply);
    await expect.poll(() => page.getByTestId('revision-history').getByRole('listitem').count()).toBe(4);
    await b.shot(page, 'taxonomy-applied');
  });
});
