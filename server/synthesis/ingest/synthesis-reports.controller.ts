import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../../common/list-query';
import { coverageCsv, CoverageService } from '../coverage/coverage.service';
import { IngestRunDto } from './dto/ingest-run.dto';
import { IngestService } from './ingest.service';

/** A generation run's pairs into the platform: ingestion, decontamination report, coverage report (issue 15 items 4–6). */
@ApiTags('synthesis')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('synthesis/runs')
export class SynthesisReportsController {
  constructor(
    private readonly ingest: IngestService,
    private readonly coverage: CoverageService,
  ) {}

  /** Runs (or re-runs) the ingestion: decontamination, then import of what is left; pairs already handled stay as they are. */
  @Post(':id/ingest')
  @HttpCode(202)
  start(@Param('id', ParseUUIDPipe) id: string, @Body() dto: IngestRunDto, @CurrentUser() actor: AuthUser) {
    return this.ingest.request(id, dto.ability, actor.id);
  }

  /** Cancels the ingestion's import in progress; ingesting again resumes it. */
  @Post(':id/ingest/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.ingest.cancel(id, actor.id);
  }

  /** Per discipline: pairs checked and excluded; a page (`range`) of the excluded pairs with their evidence. */
  @Get(':id/decontamination')
  async decontamination(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ['id'], { field: 'id', order: 'ASC' });
    const report = await this.coverage.decontamination(id, q.offset, q.limit);
    setContentRange(res, 'evidence', q, report.evidence.length, report.total);
    return report;
  }

  /** The coverage report as JSON, or `?format=csv` as a download. */
  @Get(':id/coverage')
  async report(@Param('id', ParseUUIDPipe) id: string, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: Response) {
    const report = await this.coverage.coverage(id);
    if (format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="coverage-${id}.csv"`);
    return '\ufeff' + coverageCsv(report);
  }
}
