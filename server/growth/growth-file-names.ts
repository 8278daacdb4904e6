import { Injectable, Optional } from '@nestjs/common';
import { fileNamePart } from '../charts/chart-files';
import type { ChartLocale } from '../charts/chart-messages';
import { formatParameters } from '../charts/specs/growth-curve';
import { StudyRuns, type GrowthSelection } from './growth-selection';
import { ProbeRepository } from './probe.repository';

/** Names for the growth exports and chart labels: the study's name (Chinese included) and the abilities' display names. */
@Injectable()
export class GrowthFileNames {
  constructor(
    private readonly repo: ProbeRepository,
    @Optional() private readonly studies?: StudyRuns,
  ) {}

  /** Display names per ability key in `locale` (the abilities table's name_en / name_zh). */
  async abilityNames(locale: ChartLocale): Promise<Record<string, string>> {
    const rows = await this.repo.abilityNames();
    return Object.fromEntries(rows.map((a) => [a.key, (locale === 'zh-CN' ? a.zh : a.en) || a.key]));
  }

  /** What a file of this selection is named after: the study (its name where known), or the runs' line, or `runs`. */
  async selection(sel: GrowthSelection): Promise<string> {
    if (sel.studyId !== undefined) {
      const name = (await this.studies?.name?.(sel.studyId)) ?? null;
      return name ? this.part(name) || `study-${sel.studyId}` : `study-${sel.studyId}`;
    }
    if (sel.parameters !== undefined || sel.source !== undefined) {
      return [sel.parameters !== undefined ? formatParameters(sel.parameters) : null, sel.source ?? null].filter(Boolean).join('-');
    }
    return `runs-${sel.experimentIds?.length ?? 0}`;
  }

  part(text: string): string {
    return fileNamePart(text);
  }
}
