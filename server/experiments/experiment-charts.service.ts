import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { CHART_LOCALES, chartMessages, isChartLocale, type ChartLocale } from '../charts/chart-messages';
import { CHART_FILE_FORMATS, renderChartFile, type ChartFileFormat, type RenderedChart } from '../charts/chart-files';
import { lossCurveChart } from '../charts/specs/loss-curve';
import { ExperimentsService } from './experiments.service';

const CHARTS = ['loss'] as const;
const FILES = CHARTS.flatMap((c) => Object.keys(CHART_FILE_FORMATS).map((f) => `${c}.${f}`));

/** An experiment's charts as files to publish: the same specs the UI draws, in the caller's language. */
@Injectable()
export class ExperimentChartsService {
  constructor(private readonly experiments: ExperimentsService) {}

  /** `file` is `<chart>.<svg|png>`; `locale` one of CHART_LOCALES (default en). */
  async render(id: string, file: string, locale = 'en'): Promise<RenderedChart> {
    if (!isChartLocale(locale)) throw new BadRequestException(`locale: expected one of ${CHART_LOCALES.join(', ')}, got "${locale}"`);
    if (!FILES.includes(file)) throw new NotFoundException(`No chart "${file}" for an experiment; charts: ${FILES.join(', ')}`);
    const format = file.slice(file.lastIndexOf('.') + 1) as ChartFileFormat;
    return renderChartFile(await this.lossCurve(id, locale), format, `experiment-${id}-${file}`);
  }

  private async lossCurve(id: string, locale: ChartLocale) {
    const experiment = await this.experiments.get(id);
    const steps = await this.experiments.steps(id);
    const m = chartMessages(locale).lossCurve;
    return lossCurveChart(steps, { title: m.title(experiment.name), step: m.step, loss: m.loss, empty: m.empty });
  }
}
