import { BadRequestException, Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../../common/list-query';
import { CreateTaxonomyDto, ImportTaxonomyDto, UpdateTaxonomyDto } from './dto/taxonomy.dto';
import { TAXONOMY_FILTERS, TAXONOMY_SORTABLE } from './taxonomies.repository';
import { TaxonomiesService } from './taxonomies.service';

/** Taxonomies (issue 15 item 1): everyone reads (annotators vote on them); curators create, import, edit and delete. */
@ApiTags('taxonomies')
@ApiBearerAuth()
@Controller('taxonomies')
export class TaxonomiesController {
  constructor(private readonly taxonomies: TaxonomiesService) {}

  @Get()
  @Roles(...ALL_ROLES)
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, TAXONOMY_SORTABLE, { field: 'updatedAt', order: 'DESC' }, TAXONOMY_FILTERS);
    const [rows, total] = await this.taxonomies.list(q);
    setContentRange(res, 'taxonomies', q, rows.length, total);
    return rows;
  }

  @Post()
  @Roles(...CURATORS)
  create(@Body() dto: CreateTaxonomyDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.create({ name: dto.name, language: dto.language ?? 'en', json: dto.json }, actor.id);
  }

  /** A JSON file (multipart `file`) or the document in `json`; each problem is named by its JSON path. */
  @Post('import')
  @Roles(...CURATORS)
  @ApiConsumes('multipart/form-data', 'application/json')
  @UseInterceptors(FileInterceptor('file'))
  import(@UploadedFile() file: Express.Multer.File | undefined, @Body() dto: ImportTaxonomyDto, @CurrentUser() actor: AuthUser) {
    const json = file ? file.buffer.toString('utf8').replace(/^\uFEFF/, '') : dto.json;
    if (json === undefined || json === '') throw new BadRequestException({ message: 'Send the taxonomy JSON as a file (field "file") or in "json"', errors: [{ field: 'file', message: 'missing' }] });
    return this.taxonomies.create({ name: dto.name, language: dto.language ?? 'en', json }, actor.id);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.taxonomies.get(id, user.id);
  }

  @Put(':id')
  @Roles(...CURATORS)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTaxonomyDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.update(id, dto, actor.id);
  }

  @Delete(':id')
  @Roles(...CURATORS)
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.remove(id, actor.id);
  }

  /** The tree as a JSON download (exportTaxonomyJson): importing it gives the same tree and exports the same bytes. */
  @Get(':id/export')
  @Roles(...ALL_ROLES)
  async export(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const { name, revision, json } = await this.taxonomies.exportJson(id);
    const file = `${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}-${revision.slice(0, 12)}.json`;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="taxonomy-${revision.slice(0, 12)}.json"; filename*=UTF-8''${encodeURIComponent(file)}`);
    res.send(json);
  }

  @Get(':id/revisions')
  @Roles(...ALL_ROLES)
  revisions(@Param('id', ParseUUIDPipe) id: string) {
    return this.taxonomies.revisions(id);
  }

  @Get(':id/revisions/:revision')
  @Roles(...ALL_ROLES)
  revision(@Param('id', ParseUUIDPipe) id: string, @Param('revision') revision: string) {
    return this.taxonomies.revision(id, revision);
  }
}
