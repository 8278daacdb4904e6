import type { ImportView } from '../imports/import-views';
import type { RoundKind } from '../reviews/review-views';
import type { StudyView } from '../studies/study-views';
import { PaceApi, poll } from './pace-api';

/**
 * The growth-pace loop's steps through the HTTP API: import → two annotators' reviews → freeze → recipes → study →
 * runs trained and scored. `npm run demo` (server/demo/demo-setup.ts) walks them to fill a demo workspace, and the
 * growth-pace end-to-end test (test/e2e/growth-study-loop.e2e-spec.ts) walks them to prove the loop: one loop, two
 * users of it.
 */

const TERMINAL_IMPORT = ['completed', 'failed', 'cancelled'];

/** Uploads a file through POST /imports (as the UI does) and waits until the import is over; answers its view. */
export async function importFile(api: PaceApi, file: string, fields: Record<string, string>, timeoutMs = 120_000): Promise<ImportView> {
  const { id } = await api.upload<{ id: string }>('/imports', file, fields);
  return poll(
    `import ${id} of ${file}`,
    async () => {
      const imp = await api.get<ImportView>(`/imports/${id}`);
      return TERMINAL_IMPORT.includes(imp.status) ? imp : null;
    },
    timeoutMs,
    100,
  );
}

/** The part of a lease a reviewer decides on. */
export interface LeasedRound {
  lease: { id: string };
  round: { id: string; kind: RoundKind };
  item: { id: number };
}

export type ReviewDecision = 'approve' | 'reject';

/**
 * Each reviewer asks for work (POST /reviews/next) and decides it until the queue has nothing more for them, all at
 * once as a team does. `decide(reviewer index, lease)` says what each one decides (default: approve). Answers how
 * many decisions each reviewer sent.
 */
export async function reviewEverything(reviewers: PaceApi[], decide: (reviewer: number, round: LeasedRound) => ReviewDecision = () => 'approve'): Promise<number[]> {
  return Promise.all(
    reviewers.map(async (api, k) => {
      let sent = 0;
      for (;;) {
        const next = await api.call('POST', '/reviews/next', {});
        if (next.status === 204) return sent;
        if (next.status !== 200) throw new Error(`reviewer ${k + 1} could not lease work: ${next.status} ${JSON.stringify(next.body)}`);
        const round = next.body as LeasedRound;
        const decision = decide(k, round);
        await api.post(`/reviews/${round.lease.id}/decision`, {
          decision,
          reasons: decision === 'reject' ? ['incorrect_answer'] : [],
          idempotencyKey: `${round.lease.id}:${k}`,
        });
        sent++;
      }
    }),
  );
}

export interface FrozenVersion {
  id: number;
  name: string;
  status: string;
  failureReason: string | null;
}

/** Freezes a dataset version (POST /datasets/versions) and waits until it is no longer freezing. */
export async function freezeVersion(api: PaceApi, body: Record<string, unknown>, timeoutMs = 120_000): Promise<FrozenVersion> {
  const { id } = await api.post<{ id: number }>('/datasets/versions', body);
  return poll(
    `version ${id} to freeze`,
    async () => {
      const v = await api.get<FrozenVersion>(`/datasets/versions/${id}`);
      return v.status === 'freezing' ? null : v;
    },
    timeoutMs,
    100,
  );
}

/** The name of the counts recipe of `volume` items of one ability, as countsRecipes makes it. */
export const countsRecipeName = (prefix: string, volume: number) => `${prefix}-${volume}`;

/** Creates (POST /recipes) one curated-pool recipe per volume that trains on that many items of `ability`. */
export async function countsRecipes(api: PaceApi, prefix: string, ability: string, volumes: readonly number[]): Promise<string[]> {
  for (const volume of volumes) {
    await api.post('/recipes', { name: countsRecipeName(prefix, volume), spec: { pool: 'curated', quotas: { counts: { [ability]: volume } } } });
  }
  return volumes.map((v) => countsRecipeName(prefix, v));
}

interface EvaluationRow {
  epoch: number;
  status: string;
  failureReason: string | null;
}

/**
 * Waits through the API until the study has `runs` runs, every one completed with `epochs` completed evaluations; a
 * failed or cancelled run or evaluation throws with its reason.
 */
export async function waitForStudy(api: PaceApi, studyId: number, o: { runs: number; epochs: number; timeoutMs: number }): Promise<StudyView> {
  return poll(
    `the study's ${o.runs} runs and their evaluations to complete`,
    async () => {
      const s = await api.get<StudyView>(`/studies/${studyId}`);
      const failed = s.runs.find((r) => r.status === 'failed' || r.status === 'cancelled');
      if (failed) {
        const x = await api.get<{ failureReason: string | null }>(`/experiments/${failed.experimentId}`);
        throw new Error(`run ${failed.name} ${failed.status}: ${x.failureReason}`);
      }
      if (s.runs.length !== o.runs || !s.runs.every((r) => r.status === 'completed')) return null;
      for (const r of s.runs) {
        const evaluations = await api.get<EvaluationRow[]>(`/experiments/${r.experimentId}/evaluations`);
        const bad = evaluations.find((e) => e.status === 'failed');
        if (bad) throw new Error(`evaluation of ${r.name} epoch ${bad.epoch} failed: ${bad.failureReason}`);
        if (evaluations.length !== o.epochs || !evaluations.every((e) => e.status === 'completed')) return null;
      }
      return s;
    },
    o.timeoutMs,
    500,
  );
}
