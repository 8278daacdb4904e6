import { Injectable, NotFoundException } from '@nestjs/common';
import { growthPointsCsv, sensitivitiesCsv } from '../analysis/growth/growth-csv';
import { GROWTH_CSV_NAMES, type GrowthCsvName } from './growth-views';
import { parseFileName, parseProbeQuery, parseSelection, type RawQuery } from './growth-query';
import { GrowthFileNames } from './growth-file-names';
import { GrowthService } from './growth.service';
import { ProbeService } from './probe.service';
import { probeCsv } from './probe-csv';

export interface CsvFile {
  body: string;
  fileName: string;
}

/**
 * The growth data as CSV files (issue 13 item 7): `points` and `sensitivities` of a selection (growth-csv.ts), `probe`
 * of a probe study (probe-csv.ts). `forecasts` belongs to the forecasts domain and is answered there once it is built.
 */
@Injectable()
export class GrowthExportsService {
  constructor(
    private readonly growth: GrowthService,
    private readonly probe: ProbeService,
    private readonly names: GrowthFileNames,
  ) {}

  async csv(file: string, query: RawQuery): Promise<CsvFile> {
    const parsed = parseFileName(file, GROWTH_CSV_NAMES, ['csv']);
    if (!parsed) throw new NotFoundException(`No growth export "${file}"; exports: ${GROWTH_CSV_NAMES.map((n) => `${n}.csv`).join(', ')}`);
    return this.byName(parsed.name, query);
  }

  async byName(name: GrowthCsvName, query: RawQuery): Promise<CsvFile> {
    if (name === 'forecasts') throw new NotFoundException('forecasts.csv: the forecasts export is not built yet');
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
