import { Module } from '@nestjs/common';
import { AbilitiesModule } from '../abilities/abilities.module';
import { DecontaminationController } from './decontamination/decontamination.controller';
import { DecontaminationService } from './decontamination/decontamination.service';
import { DiffRepository } from './diff/diff.repository';
import { DiffService } from './diff/diff.service';
import { FreezeRunner } from './freeze/freeze-runner';
import { FreezeRepository } from './freeze/freeze.repository';
import { SplitsController } from './splits/splits.controller';
import { SplitsRepository } from './splits/splits.repository';
import { SplitsService } from './splits/splits.service';
import { VersionsController } from './versions.controller';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

/** Dataset versions: sticky splits, decontamination, freezing (a job), diffs. */
@Module({
  imports: [AbilitiesModule],
  controllers: [VersionsController, SplitsController, DecontaminationController],
  providers: [
    VersionsService,
    VersionsRepository,
    SplitsService,
    SplitsRepository,
    DecontaminationService,
    FreezeRepository,
    FreezeRunner,
    DiffService,
    DiffRepository,
  ],
  exports: [VersionsService, FreezeRunner, FreezeRepository, DecontaminationService],
})
export class DatasetsModule {}
