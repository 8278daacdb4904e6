import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/access.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Public()
  @Get()
  async check() {
    const started = Date.now();
    try {
      await this.db.query('SELECT 1');
    } catch (e) {
      throw new ServiceUnavailableException(`database unreachable: ${(e as Error).message}`);
    }
    const [{ pending }] = await this.db.query(
      `SELECT count(*)::int AS pending FROM pgboss.job WHERE state IN ('created', 'retry', 'active')`,
    );
    return { status: 'ok', database: { latencyMs: Date.now() - started }, queue: { pending } };
  }
}
