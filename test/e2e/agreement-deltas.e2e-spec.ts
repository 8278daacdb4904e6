import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementFoldService } from '../../server/agreement/agreement-fold.service';
import { AgreementService } from '../../server/agreement/agreement.service';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Decisions add their unit counts as append-only deltas, folded into the totals in the background (issue 17 item 1,
 * the ReviewsUnderLoad migration). The app's own fold is off here (AGREEMENT_FOLD_MS=0): the tests fold by hand.
 */
describe('agreement count deltas', () => {
  let t: TestApp;
  let researcher: Person;
  let raters: Person[];
  const cells = () => t.db.query('SELECT * FROM agreement_cells ORDER BY subject, ability_id, source_id, week, reviews, approvals');
  const totals = () => t.db.query('SELECT * FROM agreement_cell_totals ORDER BY subject, ability_id, source_id, week, reviews, approvals');
  const deltas = async (): Promise<number> => (await t.db.query('SELECT count(*)::int AS n FROM agreement_cell_deltas'))[0].n;

  beforeAll(async () => {
    t = await createTestApp({ AGREEMENT_FOLD_MS: '0' });
    raters = await createPeople(t, 'annotator', 8);
    [researcher] = await createPeople(t, 'researcher', 1);
  });
  afterAll(() => t.close());

  it('counts every decided round in reads and in the live push before the fold runs, and the same after it', async () => {
    await insertItems(t.db, { count: 6, ability: 'chinese' });
    const [x, y] = raters;
    for (const second of ['approve', 'approve', 'approve', 'approve', 'reject', 'reject'] as const) {
      const a = await lease(t, x);
      const b = await lease(t, y);
      await decide(t, x, a.lease.id, 'approve').expect(200);
      await decide(t, y, b.lease.id, second).expect(200);
    }
    expect(await deltas()).toBe(6);
    expect(await totals()).toEqual([]);

    const read = async () => (await t.http.get('/api/agreement').query({ groupBy: 'ability' }).set(...researcher.auth).expect(200)).body.groups;
    const before = await read();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ label: 'chinese', rounds: 6, passRate: 4 / 6 });
    expect(before[0].percentAgreement.estimate).toBeCloseTo(4 / 6, 10);
    // what ReviewsLiveService pushes as agreement.updated
    const pushed = await t.app.get(AgreementService).summary({ groupBy: 'ability', replicates: 200 });
    expect(pushed.groups[0]).toMatchObject({ rounds: 6, passRate: 4 / 6 });
    const unfolded = await cells();

    expect(await t.app.get(AgreementFoldService).fold()).toBe(6);
    expect(await deltas()).toBe(0);
    expect(await totals()).toEqual(unfolded);
    expect(await cells()).toEqual(unfolded);
    const after = await read();
    expect(after[0]).toMatchObject({ rounds: 6, passRate: 4 / 6, percentAgreement: { estimate: before[0].percentAgreement.estimate } });
  });

  it('keeps the totals exact while folds run beside concurrent decisions', async () => {
    const rounds = 60;
    await insertItems(t.db, { count: rounds, ability: 'history' });
    const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM review_rounds WHERE status = 'decided'`);
    let deciding = true;
    let movedUnderLoad = 0;
    const folding = Promise.all(
      [0, 1].map(async () => {
        while (deciding) movedUnderLoad += await t.app.get(AgreementFoldService).fold();
      }),
    );
    await Promise.all(
      raters.map(async (p, i) => {
        for (;;) {
          const res = await t.http.post('/api/reviews/next').set(...p.auth).send({});
          if (res.status === 204) return;
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          await decide(t, p, res.body.lease.id, (i + res.body.item.id) % 3 === 0 ? 'reject' : 'approve').expect(200);
        }
      }),
    ).finally(() => (deciding = false));
    await folding;
    expect(movedUnderLoad).toBeGreaterThan(0);
    await t.app.get(AgreementFoldService).fold();
    expect(await deltas()).toBe(0);

    const [{ decided }] = await t.db.query(`SELECT count(*)::int AS decided FROM review_rounds WHERE status = 'decided'`);
    expect(decided - before).toBe(rounds);
    const folded = await totals();
    expect(folded.reduce((s: number, c: { n: number }) => s + c.n, 0)).toBe(decided);
    await t.db.query('SELECT pace_rebuild_agreement_counts()');
    expect(await totals()).toEqual(folded);
  });
});
