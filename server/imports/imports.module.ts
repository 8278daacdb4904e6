import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AbilitiesModule } from '../abilities/abilities.module';
import { env } from '../config/env';
import { SourcesModule } from '../sources/sources.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { ImportRunner } from './pipeline/import-runner';

@Module({
  imports: [
    AbilitiesModule,
    SourcesModule,
    MulterModule.registerAsync({
      useFactory: () => ({
        dest: join(env().dataDir, 'uploads', 'incoming'),
        limits: { fileSize: env().UPLOAD_MAX_BYTES },
        // Browsers send a file name as raw UTF-8; multer's default (latin1) garbled 考试题.csv into Latin-1 mojibake.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportRunner],
  exports: [ImportsService, ImportRunner, ImportsRepository],
})
export class ImportsModule {}
