import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementPairs, AgreementSummary } from '../../server/agreement/agreement-views';
import type { GrowthView } from '../../server/growth/growth-views';
import type { ReviewerView } from '../../server/reviewers/reviewer-views';
import type { ReviewTally } from '../../server/reviews/review-views';
import type { StudyView } from '../../server/studies/study-views';
import { demoPlan, setUpDemo, type DemoResult } from '../../server/demo/demo-setup';
import { PaceApi } from '../../server/demo/pace-api';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';

/**
 * Issue 16 item 9's proof: `npm run demo`'s setup (server/demo/demo-setup.ts, without the serving) on a fresh data
 * folder and database fills every screen's API, and a second run finds everything done and changes nothing. The
 * shipped demo files and a tiny study (two runs, one epoch) keep it short; the full loop is growth-study-loop's.
 */
let plan = demoPlan({ sharedData: null, size: 'tiny' });

describe('npm run demo: the setup', () => {
  let t: TestApp;
  let baseUrl: string;
  let first: DemoResult;
  const lines: string[] = [];
  const as = async (role: string, k = 0) => {
    const a = first.accounts.filter((x) => x.role === role)[k];
    return PaceApi.login(baseUrl, a.email, a.password);
  };
  const total = async (api: PaceApi, path: string) => {
    const res = await fetch(`${baseUrl}/api${path}`, { headers: { Authorization: `Bearer ${(api as unknown as { token: string }).token}` } });
    expect(res.status, path).toBe(200);
    return Number(res.headers.get('content-range')?.split('/')[1]);
  };
  const counts = async () =>
    (
      await t.db.query(`SELECT (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM review_assignments) AS reviews, (SELECT count(*) FROM review_rounds) AS rounds,
                               (SELECT count(*) FROM dataset_versions) AS versions, (SELECT count(*) FROM exports) AS exports, (SELECT count(*) FROM experiments) AS experiments,
                               (SELECT count(*) FROM evaluations) AS evaluations, (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM recipes) AS recipes`)
    )[0];

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    // the machine's cached tiny model (test/utils/tiny-model.ts), registered as the demo would its own
    plan = { ...plan, modelPath: await tinyModel() };
    const started = Date.now();
    first = await setUpDemo({ app: t.app, baseUrl, dir: t.dataDir, plan, log: (l) => lines.push(l) });
    console.log(`demo setup: ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}`);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reports one line per step and makes one account per role, whose passwords sign in', async () => {
    expect(lines.filter((l) => /^\[\d\/9\] /.test(l))).toHaveLength(9);
    expect(first.did).toEqual(['accounts', 'imports', 'reviews', 'freeze', 'export', 'base model', 'recipes', 'growth study']);
    expect(first.createdAccounts).toBe(true);
    expect(first.accounts.map((a) => a.role).sort()).toEqual(['admin', 'annotator', 'annotator', 'lead', 'researcher']);
    const admin = await as('admin');
    expect(await total(admin, '/users')).toBe(5);
  });

  it("fills every screen's API: sources, imports, items accepted and rejected, reviews and the dashboard, versions, exports", async () => {
    const researcher = await as('researcher');
    const lead = await as('lead');
    const sources = await researcher.get<{ name: string }[]>('/sources');
    expect(sources.map((s) => s.name)).toEqual(expect.arrayContaining(plan.sources.map((s) => s.sourceName)));
    const imports = await researcher.get<{ status: string; itemsCreated: number }[]>('/imports');
    expect(imports).toHaveLength(plan.sources.length);
    for (const i of imports) expect(i).toMatchObject({ status: 'completed', itemsCreated: expect.any(Number) });
    expect(await total(researcher, '/items')).toBeGreaterThanOrEqual(imports.reduce((n, i) => n + i.itemsCreated, 0));
    expect(await total(researcher, `/items?filter=${encodeURIComponent(JSON.stringify({ status: 'accepted' }))}`)).toBeGreaterThan(40);
    expect(await total(researcher, `/items?filter=${encodeURIComponent(JSON.stringify({ status: 'rejected' }))}`)).toBeGreaterThan(0);
    // the lead's dashboard: agreement per ability, both annotators with their reviews, disagreements
    const agreement = await lead.get<AgreementSummary>('/agreement');
    expect(agreement.groups.length).toBeGreaterThan(0);
    expect((await lead.get<AgreementPairs>('/agreement/pairs')).pairs).toHaveLength(1);
    const reviewers = await lead.get<ReviewerView[]>('/reviewers');
    for (const email of ['annotator1@pace.demo', 'annotator2@pace.demo']) expect(reviewers.find((r) => r.email === email)?.reviewsToday).toBeGreaterThan(40);
    expect(await total(lead, '/reviews/disagreements')).toBeGreaterThan(0);
    const mine = await (await as('annotator')).get<ReviewTally>('/reviews/mine');
    expect(mine.today).toBeGreaterThan(0);
    const versions = await researcher.get<{ id: number; name: string; status: string; itemCount: number }[]>('/datasets/versions');
    expect(versions).toEqual([expect.objectContaining({ id: first.versionId, name: 'demo-v1', status: 'frozen' })]);
    const exports = await researcher.get<{ versionId: number; status: string }[]>('/exports');
    expect(exports).toEqual([expect.objectContaining({ versionId: first.versionId, status: 'completed' })]);
  });

  it('trains the growth study: runs completed and scored, the growth curve has a point per run', async () => {
    const researcher = await as('researcher');
    const models = await researcher.get<{ name: string; parameters: number }[]>('/base-models');
    expect(models).toEqual([expect.objectContaining({ parameters: expect.any(Number) })]);
    const study = await researcher.get<StudyView>(`/studies/${first.studyId}`);
    expect(study.runs).toHaveLength(plan.volumes.length);
    expect(study.runs.every((r) => r.status === 'completed')).toBe(true);
    expect(await total(researcher, '/experiments')).toBe(plan.volumes.length);
    const growth = await researcher.get<GrowthView>(`/growth?studyId=${first.studyId}`);
    const series = growth.series.find((s) => s.kind === 'ability' && s.ability === plan.ability && s.suite === 'in-domain');
    expect(series?.points.map((p) => p.volume).sort((a, b) => a - b)).toEqual(plan.volumes);
    for (const p of series!.points) expect(p.n).toBe(plan.splits.test);
  });

  it('a second run finds everything done and changes nothing', async () => {
    const before = await counts();
    const again: string[] = [];
    const second = await setUpDemo({ app: t.app, baseUrl, dir: t.dataDir, plan, log: (l) => again.push(l) });
    expect(second.did).toEqual([]);
    expect(second.createdAccounts).toBe(false);
    expect(again.filter((l) => l.includes('already done'))).toHaveLength(9);
    expect(second).toMatchObject({ versionId: first.versionId, studyId: first.studyId });
    expect(await counts()).toEqual(before);
  });
});
