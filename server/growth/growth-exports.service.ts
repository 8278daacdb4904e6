import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { growthPointsCsv, sensitivitiesCsv } from '../analysis/growth/growth-csv';
import { GROWTH_CSV_NAMES, type GrowthCsvName } from './growth-views';
import { parseFileName, parseProbeQuery, parseSelection, type RawQuery } from './growth-query';
import { GrowthFileNames } from './growth-file-names';
import { ForecastsCsv } from './growth-selection';
import { GrowthService } from './growth.service';
import { ProbeService } from './probe.service';
import { probeCsv } from './probe-csv';

export interface CsvFile {
  body: string;
  fileName: string;
}

/**
 * The growth data as CSV files (issue 13 item 7): `points` and `sensitivities` of a selection (growth-csv.ts), `probe`
 * of a probe study (probe-csv.ts), `forecasts` from the forecasts domain (ForecastsCsv).
 */
@Injectable()
export class GrowthExportsService {
  constructor(
    private readonly growth: GrowthService,
    private readonly probe: ProbeService,
    private readonly names: GrowthFileNames,
    private readonly modules: ModuleRef,
  ) {}

  async csv(file: string, query: RawQuery): Promise<CsvFile> {
    const parsed = parseFileName(file, GROWTH_CSV_NAMES, ['csv']);
    if (!parsed) throw new NotFoundException(`No growth export "${file}"; exports: ${GROWTH_CSV_NAMES.map((n) => `${n}.csv`).join(', ')}`);
    return this.byName(parsed.name, query);
  }

  /** The forecasts domain's CSV, looked up (it imports growth, so growth cannot import it). */
  private forecasts(): ForecastsCsv {
    try {
      return this.modules.get(ForecastsCsv, { strict: false });
    } catch {
      throw new NotFoundException('forecasts.csv: the forecasts export is not available in this process');
    }
  }

  async byName(name: GrowthCsvName, query: RawQuery): Promise<CsvFile> {
    if (name === 'forecasts') {
      const selection = parseSelection(query);
      if (selection.studyId === undefined && selection.experimentIds === undefined) {
        throw new BadRequestException({ message: 'studyId: forecasts.csv selects the runs by studyId or experimentIds', errors: [{ field: 'studyId', message: 'required' }] });
      }
      const body = await this.forecasts().csv({ studyId: selection.studyId, experimentIds: selection.experimentIds });
      return { body, fileName: `growth-forecasts-${await this.names.selection(selection)}.csv` };
    }
    if (name === 'probe') {
      const q = parseProbeQuery(query);
      return { body: probeCsv(await this.probe.probe(q)), fileName: `probe-${await this.names.selection({ studyId: q.studyId })}.csv` };
    }
    const selection = parseSelection(query);
    const curves = await this.growth.curves(selection);
    const body = name === 'points' ? growthPointsCsv(curves) : sensitivitiesCsv(curves);
    return { body, fileName: `growth-${name}-${await this.names.selection(selection)}.csv` };
  }
}
