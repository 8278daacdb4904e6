import type { Server } from 'node:http';
import { INestApplication, Logger, ValidationPipe, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { jsonDepthLimit } from './common/json-depth';
import { securityHeaders } from './common/security-headers';
import { env } from './config/env';

/**
 * Builds the HTTP app exactly as production runs it; tests use this too. With `uiDir` (the built admin UI), it also
 * serves the UI at `/`. `providers` are provided to every module (tests stand in for a domain's port with them).
 */
export async function createApp(opts: { logger?: false | Array<'error' | 'warn' | 'log'>; uiDir?: string; providers?: Provider[] } = {}): Promise<INestApplication> {
  const config = env();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ inProcessWorker: config.PACE_IN_PROCESS_WORKER, providers: opts.providers }), {
    logger: opts.logger ?? ['error', 'warn', 'log'],
  });
  app.disable('x-powered-by');
  app.use(securityHeaders()); // before the UI's static files and every route: issue 14 item 8
  app.setGlobalPrefix('api');
  // JSON parsed here (Nest then skips its own), so the depth check runs right after it, before anything recurses
  app.useBodyParser('json');
  app.use(jsonDepthLimit());
  app.enableCors({ exposedHeaders: ['Content-Range', 'Content-Disposition'] });
  // Only a configured proxy may name the client's address: the per-address sign-in limit counts under it
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new HttpExceptionFilter());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Pace API').setDescription('Annotation and dataset curation for instruction tuning').setVersion('0.1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  if (opts.uiDir) serveAdminUi(app, opts.uiDir);
  keepConnectionsAlive(app.getHttpServer() as Server);
  return app;
}

/** How long an idle keep-alive connection stays open: past an annotator's think time between two requests. */
export const KEEP_ALIVE_MS = 65_000;

/**
 * Node closes an idle keep-alive connection after 5 s by default: shorter than an annotator reading an item, so the
 * next request of nearly every review found its connection closed (a new TCP connection, or, when the close crossed
 * the request on the wire, a reset the client had to resend; seen under `npm run bench -- review-http`). Headers may
 * take a little longer than that, as Node requires.
 */
function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
}

/**
 * Static files, then index.html for any other extension-less GET (the UI's own routes), except under /api and
 * /socket.io. Registered before Nest's routes, so it must step aside for those paths itself.
 */
function serveAdminUi(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Pace').warn(`No admin UI in ${dir} (npm run build:ui builds it); serving the API only`);
    return;
  }
  // File names under assets/ carry a content hash.
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '1y' });
  app.useStaticAssets(dir, { index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const spaRoute = (req.method === 'GET' || req.method === 'HEAD') && !/^\/(api|socket\.io)(\/|$)/.test(req.path) && !extname(req.path);
    if (!spaRoute) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
