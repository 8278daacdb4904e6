import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { GrowthChartFilter } from '../charts/specs/growth-curve';
import { growthCurveChart, scoreByEpochChart } from '../charts/specs/growth-curve';
import { sensitivityScatterChart } from '../charts/specs/sensitivity-scatter';
import { chartMessages, growthCurveLabels, scoreByEpochLabels, type ChartLocale } from '../charts/chart-messages';
import { isChartFileFormat, renderChartFile, type RenderedChart } from '../charts/chart-files';
import type { ChartSpec } from '../charts/chart-spec';
import { pearsonCorrelation } from '../analysis/stats/correlation';
import { GROWTH_CHART_NAMES, type GrowthChartName } from './growth-views';
import { CHART_FORMATS, parseChartQuery, parseFileName, type GrowthChartQuery, type RawQuery } from './growth-query';
import { GrowthFileNames } from './growth-file-names';
import { GrowthService } from './growth.service';
import { ProbeService } from './probe.service';

const IN_DOMAIN = 'in-domain';

/**
 * The growth page's charts as SVG/PNG files (issue 13 item 7): the same pure specs the admin UI draws
 * (server/charts/specs), fed from the same services as the JSON routes, drawn by server/charts in the caller's
 * language with the abilities' display names.
 */
@Injectable()
export class GrowthChartsService {
  constructor(
    private readonly growth: GrowthService,
    private readonly probe: ProbeService,
    private readonly names: GrowthFileNames,
  ) {}

  /** `file` is `<chart>.<svg|png>` with chart ∈ GROWTH_CHART_NAMES; anything else is a 404 naming what there is. */
  async render(file: string, query: RawQuery): Promise<RenderedChart> {
    const parsed = parseFileName(file, GROWTH_CHART_NAMES, CHART_FORMATS);
    if (!parsed || !isChartFileFormat(parsed.format)) {
      throw new NotFoundException(`No growth chart "${file}"; charts: ${GROWTH_CHART_NAMES.join(', ')}, each as .svg or .png`);
    }
    const q = parseChartQuery(parsed.name, query);
    const { spec, fileName } = await this.spec(parsed.name, q);
    return renderChartFile(spec, parsed.format, `${fileName}.${parsed.format}`);
  }

  async spec(name: GrowthChartName, q: GrowthChartQuery): Promise<{ spec: ChartSpec; fileName: string }> {
    switch (name) {
      case 'growth-curve':
        return this.growthCurve(q);
      case 'score-by-epoch':
        return this.scoreByEpoch(q);
      case 'complexity':
      case 'transference':
        return this.scatter(name, q);
    }
  }

  private async growthCurve(q: GrowthChartQuery) {
    const curves = await this.growth.curves(q.selection);
    const suite = q.suite ?? IN_DOMAIN;
    const ability = q.ability ?? 'average';
    const kind = ability === 'average' ? 'average' : suite === IN_DOMAIN ? 'ability' : 'benchmark';
    const filter: GrowthChartFilter = { kind, suite, ability, shots: q.shots, parameters: q.parameters, sources: q.sources };
    const family = curves.series.filter((s) => s.kind === kind && s.suite === suite && s.ability === ability);
    if (family.length === 0 && curves.series.length > 0) {
      const known = [...new Set(curves.series.map((s) => (s.suite === IN_DOMAIN ? s.ability : `${s.suite}/${s.ability}`)))];
      const field = suite === IN_DOMAIN || ability !== 'average' ? 'ability' : 'suite';
      throw new BadRequestException({
        message: `${field}: no curve ${suite === IN_DOMAIN ? `"${ability}"` : `"${suite}/${ability}"`} in these runs; curves: ${known.join(', ')}`,
        errors: [{ field, message: `no such curve in these runs` }],
      });
    }
    const names = await this.names.abilityNames(q.locale);
    const curveName = ability === 'average' ? `${suite === IN_DOMAIN ? '' : `${suite} · `}${chartMessages(q.locale).growthCurve.average}` : suite === IN_DOMAIN ? (names[ability] ?? ability) : `${suite} · ${ability}`;
    let spec: ChartSpec;
    try {
      spec = growthCurveChart(curves, filter, growthCurveLabels(q.locale, curveName, curves.minEpoch));
    } catch (e) {
      if (e instanceof RangeError) throw new BadRequestException({ message: e.message, errors: [{ field: 'runs', message: e.message }] });
      throw e;
    }
    return { spec, fileName: `growth-curve-${await this.names.selection(q.selection)}-${this.names.part(curveName)}` };
  }

  private async scoreByEpoch(q: GrowthChartQuery) {
    const experimentId = q.experimentId as string;
    const view = await this.growth.curves({ experimentIds: [experimentId], minEpoch: q.selection.minEpoch });
    const lines = await this.growth.epochScores(experimentId, { suite: q.suite, shots: q.shots });
    const run = view.runs[0];
    const [row] = await this.growth.rows({ experimentIds: [experimentId] });
    const labels = scoreByEpochLabels(q.locale, row.name, view.minEpoch, await this.names.abilityNames(q.locale));
    return { spec: scoreByEpochChart({ lines, reportedEpoch: run?.reportedEpoch ?? null }, labels), fileName: `score-by-epoch-${this.names.part(row.name)}` };
  }

  private async scatter(name: 'complexity' | 'transference', q: GrowthChartQuery) {
    const view = await this.probe.probe(q.probe!);
    const points = name === 'complexity' ? view.scatters.complexityVsSize : view.scatters.transferenceVsData;
    const m = chartMessages(q.locale as ChartLocale)[name === 'complexity' ? 'complexityScatter' : 'transferenceScatter'];
    const correlation = pearsonCorrelation(
      points.map((p) => p.x),
      points.map((p) => p.y),
    );
    const spec = sensitivityScatterChart(points, correlation, { ...m, abilityNames: await this.names.abilityNames(q.locale) });
    return { spec, fileName: `${name}-${await this.names.selection({ studyId: view.studyId })}` };
  }
}
