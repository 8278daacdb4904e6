import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access.decorators';
import { AgreementService } from './agreement.service';
import { AgreementQueryDto } from './dto/agreement-query.dto';

/** Leads and researchers read agreement; annotators do not see their colleagues' figures. */
@ApiTags('agreement')
@ApiBearerAuth()
@Roles('admin', 'lead', 'researcher')
@Controller('agreement')
export class AgreementController {
  constructor(private readonly agreement: AgreementService) {}

  @Get()
  summary(@Query() q: AgreementQueryDto) {
    return this.agreement.summary(q);
  }

  /** Pass rates alone (no bootstrap): what the dashboard draws first. */
  @Get('pass-rates')
  passRates(@Query() q: AgreementQueryDto) {
    return this.agreement.passRates(q);
  }

  @Get('pairs')
  pairs(@Query() q: AgreementQueryDto) {
    return this.agreement.pairs(q);
  }

  @Get('reviewers')
  reviewers(@Query() q: AgreementQueryDto) {
    return this.agreement.reviewers(q);
  }
}
