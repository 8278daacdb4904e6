import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: 20, application_name: 'pace' },
    // logs "query is slow" with the SQL when a query takes longer (SLOW_QUERY_MS)
    maxQueryExecutionTime: Number(process.env.SLOW_QUERY_MS ?? 1000),
    logging: ['warn'],
  };
}

/** For the TypeORM CLI (`typeorm migration:generate -d dist/server/database/data-source.js`). */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/pace'));
