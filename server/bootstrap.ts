import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { env } from './config/env';

/** Builds the HTTP app exactly as production runs it; tests use this too. */
export async function createApp(opts: { logger?: false | Array<'error' | 'warn' | 'log'> } = {}): Promise<INestApplication> {
  const config = env();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ inProcessWorker: config.PACE_IN_PROCESS_WORKER }), {
    logger: opts.logger ?? ['error', 'warn', 'log'],
  });
  app.setGlobalPrefix('api');
  app.enableCors({ exposedHeaders: ['Content-Range', 'Content-Disposition'] });
  app.set('trust proxy', 'loopback');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new HttpExceptionFilter());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Pace API').setDescription('Annotation and dataset curation for instruction tuning').setVersion('0.1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
