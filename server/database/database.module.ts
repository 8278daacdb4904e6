import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_URL } from '../config/database-url';
import { env } from '../config/env';
import { dataSourceOptions } from './data-source';
import { runMigrations } from './run-migrations';
import { resolveDatabaseUrl } from './resolve-database';

@Global()
@Module({
  providers: [{ provide: DATABASE_URL, useFactory: () => resolveDatabaseUrl(env()) }],
  exports: [DATABASE_URL],
})
class DatabaseUrlModule {}

@Global()
@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [DATABASE_URL],
      useFactory: (url: string) => dataSourceOptions(url),
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        await runMigrations(ds);
        return ds;
      },
    }),
  ],
  exports: [DatabaseUrlModule],
})
export class DatabaseModule {}
