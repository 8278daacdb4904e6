import { Module } from '@nestjs/common';
import { EvaluationResultsRepository } from './evaluation-results.repository';
import { EvaluationScoresService } from './evaluation-scores.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { ExperimentEvaluationsController } from './experiment-evaluations.controller';
import { ItemModelAnswersController } from './item-model-answers.controller';
import { BACKEND_FACTORY, CheckpointBackendOpener } from './runner/checkpoint-backend-opener';
import { EvaluationContextRepository } from './runner/evaluation-context.repository';
import { BACKEND_OPENER, EVAL_UNITS_SOURCE } from './runner/evaluation-ports';
import { EvaluationPlanner } from './runner/evaluation-plan';
import { EvaluationRunner } from './runner/evaluation-runner';
import { SuiteUnitsSource } from './runner/suite-units';
import { BenchmarkItemsRepository } from './suites/benchmark-items.repository';
import { VersionEvalItemsRepository } from './runner/version-eval-items.repository';
import { modelBackend } from './runner/model-backend';
import { ScoreSummariesBackfill } from './score-summaries-backfill';

/** Evaluations of checkpoints: enqueueing, the runner behind the `evaluate` job, per-item results and per-ability scores. */
@Module({
  controllers: [EvaluationsController, ExperimentEvaluationsController, ItemModelAnswersController],
  providers: [
    EvaluationsService,
    EvaluationScoresService,
    EvaluationsRepository,
    EvaluationResultsRepository,
    EvaluationContextRepository,
    VersionEvalItemsRepository,
    BenchmarkItemsRepository,
    EvaluationRunner,
    EvaluationPlanner,
    ScoreSummariesBackfill,
    { provide: EVAL_UNITS_SOURCE, useClass: SuiteUnitsSource },
    { provide: BACKEND_OPENER, useClass: CheckpointBackendOpener },
    { provide: BACKEND_FACTORY, useValue: modelBackend },
  ],
  exports: [EvaluationsService, EvaluationScoresService, EvaluationRunner, EvaluationsRepository, ScoreSummariesBackfill],
})
export class EvaluationsModule {}
