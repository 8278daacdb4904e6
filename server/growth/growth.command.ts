import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { formatParameters } from '../charts/specs/growth-curve';
import { GrowthChartsService } from './growth-charts.service';
import { GrowthExportsService } from './growth-exports.service';
import { parseSelection, type RawQuery } from './growth-query';
import { GROWTH_CSV_NAMES, GROWTH_CHART_NAMES, type GrowthCsvName, type GrowthView } from './growth-views';
import { GrowthService } from './growth.service';
import { classifyingFit } from './probe.service';

type WithApp = <T>(fn: (app: INestApplicationContext) => Promise<T>, module?: object) => Promise<T>;

interface SelectionFlags {
  study?: string;
  experiments?: string;
  parameters?: string;
  source?: string;
  minEpoch?: string;
}

/**
 * The flags a growth command shares with the API's query (the same parser, so the same refusals): --study is
 * `studyId`, --experiments `experimentIds`, --parameters and --source the size and source filters, --min-epoch
 * `minEpoch`.
 */
function query(flags: SelectionFlags, extra: Record<string, string | undefined> = {}): RawQuery {
  const q: Record<string, string | undefined> = {
    studyId: flags.study,
    experimentIds: flags.experiments,
    parameters: flags.parameters,
    source: flags.source,
    minEpoch: flags.minEpoch,
    ...extra,
  };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as RawQuery;
}

const selectionOptions = (c: Command) =>
  c
    .option('--study <id>', 'a study')
    .option('--experiments <ids>', 'runs, comma-separated experiment ids')
    .option('--parameters <n>', 'every run of this model size (parameter count); charts: the sizes drawn, comma-separated')
    .option('--source <source>', 'curated or synthetic')
    .option('--min-epoch <n>', 'the best-checkpoint rule\'s first epoch (default: the runs\' bestFromEpoch, else 5)');

/**
 * `growth curves|csv|chart`: the growth page from the command line (issue 13 item 7). Registered on the `growth`
 * command, created here unless another domain's growth subcommands (e.g. `growth backfill`) created it first.
 */
/** `npm run cli -- growth curves|csv|chart`; `module` is what they run in (server/cli/cli.module.ts: GrowthCliModule). */
export function registerGrowthCommands(program: Command, withApp: WithApp, module: object): void {
  const growth = program.commands.find((c) => c.name() === 'growth') ?? program.command('growth').description('growth curves, scaling fits, probe measures');

  selectionOptions(growth.command('curves'))
    .option('--json', 'print the whole view as JSON')
    .description('print each curve (model size × source) with its points, and each ability\'s sensitivity class')
    .action(async (flags: SelectionFlags & { json?: boolean }) => {
      const selection = parseSelection(query(flags));
      const view = await withApp((app) => app.get(GrowthService).curves(selection), module);
      console.log(flags.json ? JSON.stringify(view, null, 2) : curvesTable(view));
    });

  selectionOptions(growth.command('csv'))
    .argument('<name>', `what to export: ${GROWTH_CSV_NAMES.join(', ')}`)
    .requiredOption('-o, --out <file>', 'the CSV file to write')
    .option('--against <studyId>', 'probe: the study whose sensitivities the measures are set against')
    .option('--loss-weight <w>', 'probe: w1')
    .option('--lift-weight <w>', 'probe: w2')
    .option('--transfer-weight <w>', 'probe: w')
    .description('write the growth data as CSV (points, sensitivities, forecasts, probe)')
    .action(async (name: string, flags: SelectionFlags & { out: string; against?: string; lossWeight?: string; liftWeight?: string; transferWeight?: string }) => {
      if (!(GROWTH_CSV_NAMES as readonly string[]).includes(name)) throw new Error(`growth csv: unknown export "${name}"; exports: ${GROWTH_CSV_NAMES.join(', ')}`);
      const q = query(flags, { against: flags.against, lossWeight: flags.lossWeight, liftWeight: flags.liftWeight, transferWeight: flags.transferWeight });
      const csv = await withApp((app) => app.get(GrowthExportsService).byName(name as GrowthCsvName, q), module);
      await writeFile(flags.out, csv.body, 'utf8');
      console.log(`wrote ${flags.out} (${csv.body.split('\r\n').length - 2} rows)`);
    });

  selectionOptions(growth.command('chart'))
    .argument('<name>', `the chart: ${GROWTH_CHART_NAMES.join(', ')}`)
    .option('-f, --format <format>', 'svg or png', 'svg')
    .option('--locale <locale>', 'en or zh-CN', 'en')
    .requiredOption('-o, --out <file>', 'the file to write')
    .option('--ability <key>', 'growth-curve: the ability (or average)')
    .option('--suite <suite>', 'growth-curve: a benchmark suite; score-by-epoch: the suite drawn')
    .option('--shots <n>', 'benchmarks: 0 or 5')
    .option('--experiment <id>', 'score-by-epoch: the run')
    .option('--against <studyId>', 'complexity/transference: the study whose sensitivities the measures are set against')
    .description('draw a growth chart as SVG or PNG, as the API serves it')
    .action(async (name: string, flags: SelectionFlags & { format: string; locale: string; out: string; ability?: string; suite?: string; shots?: string; experiment?: string; against?: string }) => {
      const extra = { locale: flags.locale, ability: flags.ability, suite: flags.suite, shots: flags.shots, experimentId: flags.experiment, against: flags.against };
      // a flag the chart does not take is refused by the same parser as the API's query, naming it
      const q = query(flags, extra);
      const chart = await withApp((app) => app.get(GrowthChartsService).render(`${name}.${flags.format}`, q), module);
      await writeFile(flags.out, chart.body);
      console.log(`wrote ${flags.out} (${chart.contentType}, ${chart.body.length} bytes)`);
    });
}

/** The curves as text: one line per series (its points as volume→score%), then the abilities' classes and fits. */
export function curvesTable(view: GrowthView): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  const lines = [`${view.runs.length} runs, best checkpoint at epoch ≥ ${view.minEpoch}${view.pending.length ? `, ${view.pending.length} pending` : ''}${view.unsized.length ? `, ${view.unsized.length} without a model size` : ''}`, ''];
  lines.push(`${'curve'.padEnd(28)} ${'size'.padEnd(6)} ${'source'.padEnd(10)} ${'shots'.padEnd(5)} points (volume: score %)`);
  for (const s of view.series) {
    const curve = s.kind === 'ability' ? s.ability : `${s.suite}/${s.ability}`;
    const points = s.points.map((p) => `${p.volume}: ${pct(p.score)}`).join(', ');
    lines.push(`${curve.padEnd(28)} ${formatParameters(s.parameters).padEnd(6)} ${s.source.padEnd(10)} ${String(s.shots).padEnd(5)} ${points}`);
  }
  lines.push('', `${'ability'.padEnd(28)} ${'class'.padEnd(22)} ${'α_D (±SE)'.padEnd(20)} α_N (±SE)`);
  for (const s of view.sensitivities) {
    const data = classifyingFit(s)?.fit;
    const fit = (f: { alpha: number; seAlpha: number } | null | undefined) => (f ? `${f.alpha.toFixed(4)} (±${f.seAlpha.toFixed(4)})` : '—');
    lines.push(`${s.ability.padEnd(28)} ${s.class.padEnd(22)} ${fit(data).padEnd(20)} ${fit(s.sizeFit)}`);
  }
  return lines.join('\n');
}
