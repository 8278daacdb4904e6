import { Injectable } from '@nestjs/common';
import { StudyRuns } from '../growth/growth-selection';
import { StudiesRepository } from './studies.repository';

/** The growth reader's view of a study (its StudyRuns port): which runs, which probe ability each, which foundation evaluations. */
@Injectable()
export class StudyRunsReader extends StudyRuns {
  constructor(private readonly repo: StudiesRepository) {
    super();
  }

  /** null: no such study. A following study's policy runs are linked first, so none is missing. */
  async experimentIds(studyId: number): Promise<string[] | null> {
    if (!(await this.repo.find(studyId))) return null;
    if ((await this.repo.policies(studyId)).length) await this.repo.linkPolicyRuns(studyId);
    return this.repo.experimentIds(studyId);
  }

  probeAbilities(studyId: number): Promise<Map<string, string>> {
    return this.repo.probeAbilities(studyId);
  }

  async foundationEvaluations(studyId: number): Promise<{ baseModelId: number; evaluationId: string }[]> {
    return (await this.repo.foundations(studyId)).map(({ baseModelId, evaluationId }) => ({ baseModelId, evaluationId }));
  }

  /** The study's name: the growth exports' file names. */
  async name(studyId: number): Promise<string | null> {
    return (await this.repo.find(studyId))?.name ?? null;
  }

  /** The studies these runs belong to: `growth.updated` names them. */
  async studyIdsOf(experimentIds: string[]): Promise<number[]> {
    const ids = new Set<number>();
    for (const id of experimentIds) for (const studyId of await this.repo.studiesOfRun(id)) ids.add(studyId);
    return [...ids].sort((a, b) => a - b);
  }
}
