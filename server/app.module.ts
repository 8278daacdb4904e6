import { DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { AbilitiesModule } from './abilities/abilities.module';
import { AgreementModule } from './agreement/agreement.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './database/database.module';
import { DatasetsModule } from './datasets/datasets.module';
import { DistractorsModule } from './distractors/distractors.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { EventsGatewayModule } from './realtime/events-gateway.module';
import { EventsModule } from './events/events.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { ExportsModule } from './exports/exports.module';
import { ForecastsModule } from './forecasts/forecasts.module';
import { GrowthModule } from './growth/growth.module';
import { GuidanceModule } from './guidance/guidance.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { ItemsModule } from './items/items.module';
import { QueueModule } from './queue/queue.module';
import { RecipesModule } from './recipes/recipes.module';
import { ReviewersModule } from './reviewers/reviewers.module';
import { ReviewsModule } from './reviews/reviews.module';
import { RevisionsModule } from './revisions/revisions.module';
import { SourcesModule } from './sources/sources.module';
import { StudiesModule } from './studies/studies.module';
import { TaxonomiesModule } from './synthesis/taxonomies/taxonomies.module';
import { SynthesisModule } from './synthesis/synthesis.module';
import { SynthesisIngestModule } from './synthesis/ingest/synthesis-ingest.module';
import { UsersModule } from './users/users.module';
import { WorkersModule } from '../workers/workers.module';

/** Providers given to the whole app (tests: a domain's port, e.g. StudyRuns, standing in for the module that owns it). */
@Global()
@Module({})
class AppProvidersModule {
  static with(providers: Provider[]): DynamicModule {
    const tokens = providers.map((p) => (typeof p === 'function' ? p : p.provide));
    return { module: AppProvidersModule, global: true, providers, exports: tokens };
  }
}

@Module({})
export class AppModule {
  static forRoot(opts: { inProcessWorker: boolean; providers?: Provider[] }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule,
        QueueModule,
        EventsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        AbilitiesModule,
        SourcesModule,
        ImportsModule,
        ItemsModule,
        ReviewsModule,
        ReviewersModule,
        RevisionsModule,
        DistractorsModule,
        AgreementModule,
        DatasetsModule,
        RecipesModule,
        ExportsModule,
        ExperimentsModule,
        EvaluationsModule,
        StudiesModule,
        SynthesisModule,
        SynthesisIngestModule,
        GrowthModule,
        ForecastsModule,
        GuidanceModule,
        TaxonomiesModule,
        HealthModule,
        EventsGatewayModule,
        ...(opts.inProcessWorker ? [WorkersModule] : []),
        ...(opts.providers?.length ? [AppProvidersModule.with(opts.providers)] : []),
      ],
    };
  }
}
