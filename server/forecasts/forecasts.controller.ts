import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import type { ForecastAccuracyView, ForecastView } from '../growth/growth-views';
import { ForecastQueryDto } from './dto/forecast-query.dto';
import { ForecastsService } from './forecasts.service';

/** Forecasts and their accuracy (issue 13 item 5): researchers, leads and admins read them. */
@ApiTags('forecasts')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  @Get()
  list(@Query() q: ForecastQueryDto): Promise<ForecastView[]> {
    return this.forecasts.list(q);
  }

  @Get('accuracy')
  accuracy(@Query() q: ForecastQueryDto): Promise<ForecastAccuracyView[]> {
    return this.forecasts.accuracy(q);
  }
}
