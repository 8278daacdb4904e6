import { Module, type DynamicModule, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { CHECKPOINT_EVALUATOR, type CheckpointEvaluator } from './checkpoint-evaluator';
import { TrainSetRepository } from './train-set.repository';
import { TrainingRunner } from './training-runner';

export interface TrainingModuleOptions {
  /** Modules that provide `evaluator`: evaluations' module, named where the process is wired (training sits below it). */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** What scores a checkpoint after each epoch (the port CHECKPOINT_EVALUATOR). */
  evaluator: Type<CheckpointEvaluator>;
  /**
   * This process as a training host: the providers of TRAINING_HOST and GpuSlots (the worker shell's). They are
   * exported again, so the job runner that leases GPU slots and the training runner share one set of slots.
   */
  host: Provider[];
}

/**
 * The training domain as a Nest module: the runner that samples a recipe, writes the train set, runs the trainer and
 * records its steps and checkpoints. Registered by the worker shell (workers/workers.module.ts) and the experiment
 * CLI (server/cli/cli.module.ts), each handing it the evaluator and the host.
 */
@Module({})
export class TrainingModule {
  static register({ imports, evaluator, host }: TrainingModuleOptions): DynamicModule {
    return {
      module: TrainingModule,
      imports: [ExperimentsModule, ...imports],
      providers: [TrainingRunner, TrainSetRepository, { provide: CHECKPOINT_EVALUATOR, useExisting: evaluator }, ...host],
      exports: [TrainingRunner, ...host.map(tokenOf)],
    };
  }
}

function tokenOf(p: Provider) {
  return typeof p === 'function' ? p : p.provide;
}
