import { CreateFoundation1763700000000 } from './1763700000000-CreateFoundation';
import { ImportThroughput1763800000000 } from './1763800000000-ImportThroughput';
import { CreateReviewWorkflow1763900000000 } from './1763900000000-CreateReviewWorkflow';
import { CreateAgreementCounts1763950000000 } from './1763950000000-CreateAgreementCounts';
import { AddReviewerPause1763960000000 } from './1763960000000-AddReviewerPause';
import { CreateLeaseReviewFunction1763970000000 } from './1763970000000-CreateLeaseReviewFunction';
import { AddReviewPrefetch1763975000000 } from './1763975000000-AddReviewPrefetch';
import { CreateDatasetVersions1763980000000 } from './1763980000000-CreateDatasetVersions';
import { CreateRecipes1763981000000 } from './1763981000000-CreateRecipes';
import { CreateExports1763982000000 } from './1763982000000-CreateExports';
import { AddFreezeHeartbeat1763983000000 } from './1763983000000-AddFreezeHeartbeat';
import { CreateExperiments1763990000000 } from './1763990000000-CreateExperiments';
import { CreateEvaluations1763991000000 } from './1763991000000-CreateEvaluations';
import { EvaluationsPerBaseModel1763993000000 } from './1763993000000-EvaluationsPerBaseModel';
import { RecordOffsets1764000000000 } from './1764000000000-RecordOffsets';
import { AddItemContextSignatures1764001000000 } from './1764001000000-AddItemContextSignatures';
import { GuardItemStatusTransitions1764002000000 } from './1764002000000-GuardItemStatusTransitions';
import { ImportErrorCodes1764004000000 } from './1764004000000-ImportErrorCodes';
import { GrowthStore1764010000000 } from './1764010000000-GrowthStore';
import { CreateStudies1764011000000 } from './1764011000000-CreateStudies';
import { CreateForecasts1764013000000 } from './1764013000000-CreateForecasts';
import { PaceGuidedQueue1764013001000 } from './1764013001000-PaceGuidedQueue';
import { EvaluationValidationAverage1764015000000 } from './1764015000000-EvaluationValidationAverage';
import { ExactScoreSummaries1764014000000 } from './1764014000000-ExactScoreSummaries';
import { CreateAuthSessions1764016000000 } from './1764016000000-CreateAuthSessions';
import { LoginFailures1764018000000 } from './1764018000000-LoginFailures';
import { CreateSynthesis1764020000000 } from './1764020000000-CreateSynthesis';
import { GuardImportedItemStatus1764021000000 } from './1764021000000-GuardImportedItemStatus';
import { SingleReviewRounds1764022000000 } from './1764022000000-SingleReviewRounds';
import { OverruleUnreviewedDuplicate1764023000000 } from './1764023000000-OverruleUnreviewedDuplicate';
import { MyWork1764024000000 } from './1764024000000-MyWork';
import { QueueStageOrder1764025000000 } from './1764025000000-QueueStageOrder';
import { QueueDepthIndex1764026000000 } from './1764026000000-QueueDepthIndex';
import { DisagreementsIndex1764027000000 } from './1764027000000-DisagreementsIndex';
import { ReviewsUnderLoad1764028000000 } from './1764028000000-ReviewsUnderLoad';

/** Every migration in order; listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [
  CreateFoundation1763700000000,
  ImportThroughput1763800000000,
  CreateReviewWorkflow1763900000000,
  CreateAgreementCounts1763950000000,
  AddReviewerPause1763960000000,
  CreateLeaseReviewFunction1763970000000,
  AddReviewPrefetch1763975000000,
  CreateDatasetVersions1763980000000,
  CreateRecipes1763981000000,
  CreateExports1763982000000,
  AddFreezeHeartbeat1763983000000,
  CreateExperiments1763990000000,
  CreateEvaluations1763991000000,
  EvaluationsPerBaseModel1763993000000,
  RecordOffsets1764000000000,
  AddItemContextSignatures1764001000000,
  GuardItemStatusTransitions1764002000000,
  ImportErrorCodes1764004000000,
  GrowthStore1764010000000,
  CreateStudies1764011000000,
  CreateForecasts1764013000000,
  PaceGuidedQueue1764013001000,
  ExactScoreSummaries1764014000000,
  EvaluationValidationAverage1764015000000,
  CreateAuthSessions1764016000000,
  LoginFailures1764018000000,
  CreateSynthesis1764020000000,
  GuardImportedItemStatus1764021000000,
  SingleReviewRounds1764022000000,
  OverruleUnreviewedDuplicate1764023000000,
  MyWork1764024000000,
  QueueStageOrder1764025000000,
  QueueDepthIndex1764026000000,
  DisagreementsIndex1764027000000,
  ReviewsUnderLoad1764028000000,
];
