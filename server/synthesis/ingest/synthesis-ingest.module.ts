import { Module } from '@nestjs/common';
import { AbilitiesModule } from '../../abilities/abilities.module';
import { DatasetsModule } from '../../datasets/datasets.module';
import { ImportsModule } from '../../imports/imports.module';
import { SourcesModule } from '../../sources/sources.module';
import { CoverageRepository } from '../coverage/coverage.repository';
import { CoverageService } from '../coverage/coverage.service';
import { IngestRunner } from './ingest-runner';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { PairDecontamination } from './pair-decontamination';
import { SynthesisReportsController } from './synthesis-reports.controller';

/** Generated pairs into the platform: decontamination, ingestion through the import pipeline, coverage (issue 15 items 4–6). */
@Module({
  imports: [AbilitiesModule, SourcesModule, ImportsModule, DatasetsModule],
  controllers: [SynthesisReportsController],
  providers: [IngestRepository, IngestRunner, IngestService, PairDecontamination, CoverageRepository, CoverageService],
  exports: [IngestRunner, IngestRepository, IngestService],
})
export class SynthesisIngestModule {}
