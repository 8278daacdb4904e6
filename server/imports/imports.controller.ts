import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { CreateImportDto, ImportUploadDto } from './dto/create-import.dto';
import { writeErrorReport } from './error-report';
import { IMPORT_FILTERS, IMPORT_SORTABLE, ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('adapters')
  adapters() {
    return this.imports.adapters();
  }

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadDto })
  @UseInterceptors(FileInterceptor('file'))
  create(@UploadedFile() file: Express.Multer.File | undefined, @Body() dto: CreateImportDto, @CurrentUser() actor: AuthUser) {
    return this.imports.createFromUpload(file, dto, actor.id);
  }

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, IMPORT_SORTABLE, { field: 'createdAt', order: 'DESC' }, IMPORT_FILTERS);
    const [rows, total] = await this.imports.list(q);
    setContentRange(res, 'imports', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.imports.get(id);
  }

  @Get(':id/errors')
  async errors(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ['line'], { field: 'line', order: 'ASC' });
    const [rows, total] = await this.imports.errors(id, q.offset, q.limit);
    setContentRange(res, 'errors', q, rows.length, total);
    return rows;
  }

  /** The whole report as a download: `?format=csv` (default) or `jsonl`. */
  @Get(':id/errors/report')
  async report(@Param('id', ParseUUIDPipe) id: string, @Query('format') format: string | undefined, @Res() res: Response) {
    await writeErrorReport(res, id, format === 'jsonl' ? 'jsonl' : 'csv', this.imports.errorReport(id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.imports.cancel(id, actor.id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.imports.resume(id, actor.id);
  }
}
