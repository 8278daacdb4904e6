import { BadRequestException, Controller, Get, Header, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { contentDisposition } from '../charts/chart-files';
import { CURATORS, Roles } from '../common/access.decorators';
import { GrowthChartsService } from './growth-charts.service';
import { GrowthExportsService } from './growth-exports.service';
import { parseComparisonQuery, parseEpochSelection, parseProbeQuery, parseSelection, type RawQuery } from './growth-query';
import { RecipeComparisonService } from './recipe-comparison.service';
import type { EpochScoresView, GrowthView, ProbeView, RecipeComparisonView } from './growth-views';
import { GrowthService } from './growth.service';
import { ProbeService } from './probe.service';

/** The growth page's data, charts and CSV files (issue 13 items 2, 4, 7); researchers, leads and admins read them. */
@ApiTags('growth')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('growth')
export class GrowthController {
  constructor(
    private readonly growth: GrowthService,
    private readonly probes: ProbeService,
    private readonly charts: GrowthChartsService,
    private readonly exports: GrowthExportsService,
    private readonly comparisons: RecipeComparisonService,
  ) {}

  /** GET /growth?studyId= | experimentIds=a,b | parameters=&source= [&minEpoch=]: curves and fits. */
  @Get()
  curves(@Query() query: RawQuery): Promise<GrowthView> {
    return this.growth.curves(parseSelection(query));
  }

  /** GET /growth/runs/:experimentId/epochs?suite=&split=&shots=: one run's score at every checkpoint. */
  @Get('runs/:experimentId/epochs')
  epochs(@Param('experimentId', new ParseUUIDPipe({ exceptionFactory: () => badUuid('experimentId') })) id: string, @Query() query: RawQuery): Promise<EpochScoresView> {
    return this.growth.epochScores(id, parseEpochSelection(query));
  }

  /** GET /growth/compare?studyId=&baseline=&tolerance=: recipe × epoch × benchmark against a baseline recipe. */
  @Get('compare')
  compare(@Query() query: RawQuery): Promise<RecipeComparisonView> {
    const q = parseComparisonQuery(query);
    return this.comparisons.compare(q.selection, q.baseline, q.tolerance);
  }

  /** GET /growth/probe?studyId=&lossWeight=&liftWeight=&transferWeight=&against=: Complexity and Transference. */
  @Get('probe')
  probe(@Query() query: RawQuery): Promise<ProbeView> {
    return this.probes.probe(parseProbeQuery(query));
  }

  /** GET /growth/export/points.csv | sensitivities.csv | probe.csv (forecasts.csv: the forecasts domain). */
  @Get('export/:file')
  @Header('Cache-Control', 'no-store')
  async csv(@Param('file') file: string, @Query() query: RawQuery): Promise<StreamableFile> {
    const csv = await this.exports.csv(file, query);
    const body = Buffer.from(csv.body, 'utf8');
    return new StreamableFile(body, { type: 'text/csv; charset=utf-8', disposition: contentDisposition('attachment', csv.fileName), length: body.length });
  }

  /** GET /growth/charts/<growth-curve|score-by-epoch|complexity|transference>.<svg|png>?locale=…: never cached, curves grow. */
  @Get('charts/:file')
  @Header('Cache-Control', 'no-store')
  async chart(@Param('file') file: string, @Query() query: RawQuery): Promise<StreamableFile> {
    const chart = await this.charts.render(file, query);
    return new StreamableFile(chart.body, { type: chart.contentType, disposition: contentDisposition('inline', chart.fileName), length: chart.body.length });
  }
}

function badUuid(field: string): BadRequestException {
  return new BadRequestException({ message: `${field}: not a UUID`, errors: [{ field, message: 'not a UUID' }] });
}
