import { Module } from '@nestjs/common';
import { RecipeSamplerService } from '../recipes/recipe-sampler.service';
import { RecipesModule } from '../recipes/recipes.module';
import { ExportRunner } from './export-runner';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { TRAIN_SAMPLER } from './train-sampler';
import { VersionItemsRepository } from './version-items.repository';

@Module({
  imports: [RecipesModule],
  controllers: [ExportsController],
  providers: [
    ExportsService,
    ExportsRepository,
    VersionItemsRepository,
    ExportRunner,
    { provide: TRAIN_SAMPLER, useExisting: RecipeSamplerService },
  ],
  exports: [ExportsService, ExportRunner, ExportsRepository],
})
export class ExportsModule {}
