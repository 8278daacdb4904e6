import { Controller, Get, Header, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import { contentDisposition } from '../charts/chart-files';
import { ExperimentChartsService } from './experiment-charts.service';

/** An experiment's charts as SVG or PNG files; the same readers as its steps. */
@ApiTags('experiments')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('experiments')
export class ExperimentChartsController {
  constructor(private readonly charts: ExperimentChartsService) {}

  /** GET /experiments/:id/charts/loss.svg|loss.png?locale=en|zh-CN: the training-loss curve; a refusal stays a JSON error. Never
   * cached: a running experiment's curve grows. */
  @Get(':id/charts/:file')
  @Header('Cache-Control', 'no-store')
  async chart(@Param('id', ParseUUIDPipe) id: string, @Param('file') file: string, @Query('locale') locale?: string) {
    const chart = await this.charts.render(id, file, locale || undefined);
    return new StreamableFile(chart.body, { type: chart.contentType, disposition: contentDisposition('inline', chart.fileName), length: chart.body.length });
  }
}
