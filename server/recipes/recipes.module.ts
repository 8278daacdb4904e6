import { Module } from '@nestjs/common';
import { RecipeSamplerService } from './recipe-sampler.service';
import { RecipesController } from './recipes.controller';
import { RecipesRepository } from './recipes.repository';
import { RecipesService } from './recipes.service';
import { TrainPoolRepository } from './train-pool.repository';

/** Exports RecipeSamplerService: `sampleTrain(versionId, { name } | { id }, seed)` is how exports pick train items. */
@Module({
  controllers: [RecipesController],
  providers: [RecipesService, RecipesRepository, RecipeSamplerService, TrainPoolRepository],
  exports: [RecipeSamplerService, RecipesService],
})
export class RecipesModule {}
