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
}
