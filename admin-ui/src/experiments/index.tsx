import { Route, Routes } from 'react-router';
import { BaseModels } from './BaseModels';
import { EvaluationResults } from './EvaluationResults';
import { ExperimentCreate } from './ExperimentCreate';
import { ExperimentList } from './ExperimentList';
import { ExperimentShow } from './ExperimentShow';
import { Policies } from './Policies';

/**
 * `/experiments`, `/experiments/create`, `/experiments/base-models`, `/experiments/policies`, `/experiments/:id`,
 * `/experiments/:id/evaluations/:evaluationId` (one evaluation's per-item results).
 */
export const Experiments = () => (
  <Routes>
    <Route index element={<ExperimentList />} />
    <Route path="create" element={<ExperimentCreate />} />
    <Route path="base-models" element={<BaseModels />} />
    <Route path="policies" element={<Policies />} />
    <Route path=":id" element={<ExperimentShow />} />
    <Route path=":id/evaluations/:evaluationId" element={<EvaluationResults />} />
  </Routes>
);
