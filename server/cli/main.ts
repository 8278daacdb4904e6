import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { WORKER_PROVIDERS } from '../../workers/worker-providers';
import { ConfigError, env } from '../config/env';
import { closeApp } from '../database/shutdown';
import { FreezeFlags, runFreezeCommand } from '../datasets/datasets.command';
import { runGrowthBackfillCommand, runServeModelCommand, ScoreSummariesCliModule, ServeModelFlags } from '../evaluations/evaluations.command';
import { BENCHMARK_SUITES } from '../benchmarks/benchmark-registry';
import { ExportCliModule, ExportFlags, runExportCommand } from '../exports/exports.command';
import { runSynthCommand, runSynthDryRun, runSynthStatus, SynthesisCliModule, type SynthFlags } from '../synthesis/synthesis.command';
import { ForecastFlags, runForecastsAccuracy, runForecastsList } from '../forecasts/forecasts.command';
import { GuidanceFlags, QuotaFlags, runGuidanceHours, runGuidanceQuotas } from '../guidance/guidance.command';
import { registerGrowthCommands } from '../growth/growth.command';
import { ImportFlags, runImportCommand } from '../imports/imports.command';
import { ImportsService } from '../imports/imports.service';
import { IngestCliModule, runIngestCommand } from '../synthesis/ingest/ingest.command';
import { addBaseModel, addRecipe, cancelStudy, createStudy, listStudies, showStudy, StudyCliModule, type StudyCreateFlags } from '../studies/study.command';
import { runTaxonomyDraftCommand, TaxonomyCliModule, type TaxonomyDraftFlags } from '../synthesis/taxonomies/taxonomies.command';
import { cancelExperiment, ExperimentRunFlags, runExperimentCommand } from '../training/training.command';
import { runDemoCommand, type DemoFlags } from '../demo/demo.command';
import { CliModule, ExperimentCliModule, ForecastsCliModule, GrowthCliModule, GuidanceCliModule } from './cli.module';

async function withApp<T>(fn: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>, module: object = CliModule): Promise<T> {
  env();
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  try {
    return await fn(app);
  } finally {
    await closeApp(app);
  }
}

/** The experiment commands' module; the training host (name, GPUs) comes from the worker shell's options. */
const experimentCliModule = ExperimentCliModule.forRoot(WORKER_PROVIDERS);

const program = new Command('pace').description('Pace command line');

program
  .command('import')
  .argument('<path>', 'file (or folder of Markdown files) to import')
  .option('-a, --adapter <key>', 'adapter (detected for messages/alpaca/sharegpt files when omitted)')
  .option('--ability <key>', 'default ability for records that name none')
  .option('-s, --source <name>', 'source name (created when missing)')
  .option('--license <text>', 'license recorded on a new source')
  .option('--map <pairs>', 'CSV column mapping, e.g. instruction=Question,output=Answer')
  .option('--review-mode <mode>', 'dual (default: two blind reviews), single, or none (accepted without review); single and none only for a synthetic source')
  .action(async (path: string, flags: ImportFlags) => {
    process.exitCode = await withApp((app) => runImportCommand(app, path, flags));
  });

program
  .command('resume')
  .argument('<id>', 'import id')
  .description('continue a cancelled or failed import from its last committed batch')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runImportCommand(app, undefined, {}, id));
  });

program
  .command('cancel')
  .argument('<id>', 'import id')
  .action(async (id: string) => {
    await withApp(async (app) => console.log((await app.get(ImportsService).cancel(id, null)).status));
  });

program
  .command('export')
  .argument('<version>', 'dataset version name or id (frozen)')
  .option('-r, --recipe <name>', 'recipe for the train split (name or name@revision); omitted: the whole train split')
  .option('--seed <n>', 'sampling seed', '0')
  .option('-f, --format <list>', 'formats, comma-separated: doit,hf,openai (default: all)')
  .requiredOption('-o, --out <dir>', 'folder to write the export into')
  .description('export a frozen dataset version (DoIT JSON lines, Hugging Face, OpenAI) with a SHA-256 manifest')
  .action(async (version: string, flags: ExportFlags) => {
    process.exitCode = await withApp((app) => runExportCommand(app, version, flags), ExportCliModule);
  });

program
  .command('taxonomy-draft')
  .requiredOption('-n, --name <name>', 'name of the taxonomy the draft creates')
  .requiredOption('-e, --endpoint <id>', 'LLM endpoint id')
  .option('-l, --language <en|zh>', 'prompt language (default en)')
  .option('-p, --prompts <list>', 'drafting prompts, comma-separated: academic,curriculum,professions (default: all)')
  .option('-k, --samples <n>', 'completions per prompt (default 1)')
  .option('-t, --temperature <t>', 'sampling temperature (default 0.7)')
  .description('draft a GLAN taxonomy with an LLM (one call per prompt and sample; drafts merged, de-duplicated)')
  .action(async (flags: TaxonomyDraftFlags) => {
    process.exitCode = await withApp((app) => runTaxonomyDraftCommand(app, flags), TaxonomyCliModule);
  });

program
  .command('taxonomy-draft-resume')
  .argument('<runId>', 'taxonomy draft id')
  .description('continue a cancelled or failed taxonomy draft, asking only for the completions it has not stored')
  .action(async (runId: string) => {
    process.exitCode = await withApp((app) => runTaxonomyDraftCommand(app, null, runId), TaxonomyCliModule);
  });

program
  .command('export-resume')
  .argument('<id>', 'export id')
  .description('continue a cancelled or failed export, keeping the files it finished')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runExportCommand(app, undefined, null, id), ExportCliModule);
  });

program
  .command('synthesis-ingest')
  .argument('<run>', 'generation run id')
  .description("decontaminate a completed GLAN run's pairs and import the rest into its synthetic source (resumes an interrupted ingestion)")
  .action(async (run: string) => {
    process.exitCode = await withApp((app) => runIngestCommand(app, run), IngestCliModule);
  });

program
  .command('adapters')
  .description('list import adapters')
  .action(async () => {
    await withApp(async (app) => {
      for (const a of app.get(ImportsService).adapters()) console.log(`${a.key.padEnd(18)} ${a.format.padEnd(15)} ${a.title}`);
    });
  });

program
  .command('freeze')
  .description('freeze a dataset version from the accepted items, with a progress bar')
  .requiredOption('-n, --name <name>', 'version name')
  .option('-p, --parent <name|id>', 'the version this one follows')
  .option('--notes <text>', 'notes kept with the version')
  .option('--abilities <keys>', 'only these abilities, comma-separated')
  .option('--sources <ids>', 'only these source ids, comma-separated')
  .option('--accepted-from <date>', 'only items accepted at or after this ISO date')
  .option('--accepted-to <date>', 'only items accepted before this ISO date')
  .option('--valid <n>', 'validation items per ability (default 100)')
  .option('--test <n>', 'test items per ability (default 100)')
  .option('--seed <text>', 'seed of the split order (default "pace")')
  .option('--ngram <n>', 'decontamination n-gram length in characters (default 13)')
  .action(async (flags: FreezeFlags) => {
    process.exitCode = await withApp((app) => runFreezeCommand(app, flags));
  });

program
  .command('freeze-resume')
  .argument('<id>', 'dataset version id')
  .description('continue a cancelled or failed freeze from its last committed batch')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runFreezeCommand(app, {}, Number(id)));
  });

const experiment = program.command('experiment').description('fine-tune a base model on a frozen version in this process (GPUs: PACE_WORKER_GPUS)');
experiment
  .command('run')
  .requiredOption('-m, --model <name|id>', 'registered base model')
  .requiredOption('-v, --version <name|id>', 'frozen dataset version')
  .option('-r, --recipe <name>', 'recipe for the train set (default: the whole train split)')
  .option('--seed <n>', 'seed (default 42)')
  .option('--epochs <n>', 'epochs (default: the paper\'s, 15; 25/20/18 for curated-10/40/160)')
  .option('--benchmarks <list>', `benchmarks each checkpoint is also scored on, comma-separated (${BENCHMARK_SUITES.join(', ')})`)
  .option('--ifeval-max-new-tokens <n>', 'generation budget of IFEval prompts (default 1280)')
  .option('--name <text>', 'run name')
  .description('train a new experiment with a progress bar; Ctrl-C cancels')
  .action(async (flags: ExperimentRunFlags) => {
    process.exitCode = await withApp((app) => runExperimentCommand(app, flags), experimentCliModule);
  });
experiment
  .command('resume')
  .argument('<id>', 'experiment id')
  .description('continue a cancelled or failed experiment after its last checkpoint')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runExperimentCommand(app, null, id), experimentCliModule);
  });
experiment
  .command('cancel')
  .argument('<id>', 'experiment id')
  .action(async (id: string) => {
    await withApp((app) => cancelExperiment(app, id), experimentCliModule);
  });

const collect = (value: string, previous: string[] = []) => [...previous, value];
const study = program.command('study').description('studies: grids of runs (base models × recipes × seeds) on a frozen version or on every new one');
study
  .command('create')
  .requiredOption('-n, --name <name>', 'study name (unique)')
  .option('-t, --template <template>', 'custom, volume-grid or probe', 'custom')
  .option('-v, --version <name|id>', 'frozen dataset version')
  .option('--follow', 'also run the grid on every new frozen version')
  .requiredOption('-m, --base-model <name|id>', 'base model (repeat for several)', collect)
  .option('-r, --recipe <name>', 'recipe (custom; repeat for several)', collect)
  .option('--seed <n>', 'seed (repeat for several; default 42)', collect)
  .option('--hyper <key=value>', 'hyper-parameter override, e.g. epochs=3 (repeat for several)', collect)
  .option('--sources <list>', 'volume-grid: curated,synthetic (default: every kind that exists)')
  .option('--probe-items <n>', 'probe: train items per ability (default 64)')
  .description('create a study and queue its runs (an identical existing run is reused)')
  .action(async (flags: StudyCreateFlags) => {
    process.exitCode = await withApp((app) => createStudy(app, flags), StudyCliModule);
  });
study
  .command('list')
  .description('every study with its progress')
  .action(async () => {
    process.exitCode = await withApp((app) => listStudies(app), StudyCliModule);
  });
study
  .command('show')
  .argument('<study>', 'study id or name')
  .option('-w, --watch', 'a progress bar until its runs finish (Ctrl-C stops watching)')
  .description("a study's grid and its runs' progress")
  .action(async (ref: string, flags: { watch?: boolean }) => {
    process.exitCode = await withApp((app) => showStudy(app, ref, !!flags.watch), StudyCliModule);
  });
study
  .command('add-base-model')
  .argument('<study>', 'study id or name')
  .argument('<model>', 'base model name or id')
  .description("add a base model to a study's grid, queuing its runs")
  .action(async (ref: string, model: string) => {
    process.exitCode = await withApp((app) => addBaseModel(app, ref, model), StudyCliModule);
  });
study
  .command('add-recipe')
  .argument('<study>', 'study id or name')
  .argument('<recipe>', 'recipe name')
  .description("add a recipe to a study's grid, queuing its runs")
  .action(async (ref: string, recipe: string) => {
    process.exitCode = await withApp((app) => addRecipe(app, ref, recipe), StudyCliModule);
  });
study
  .command('cancel')
  .argument('<study>', 'study id or name')
  .description('cancel the queued and running runs the study registered, and stop following new versions')
  .action(async (ref: string) => {
    process.exitCode = await withApp((app) => cancelStudy(app, ref), StudyCliModule);
  });

const forecasts = program.command('forecasts').description('forecasts of queued runs and how well they came true (issue 13)');
for (const [name, run, description] of [
  ['list', runForecastsList, 'every forecast: the predicted score and 95% prediction interval, and the measured score once the run landed'],
  ['accuracy', runForecastsAccuracy, 'per ability: forecasts, checked, mean absolute error, mean error, interval coverage'],
] as const) {
  forecasts
    .command(name)
    .option('--study <id>', 'only the runs of this study')
    .option('--experiment <id>', 'only this run')
    .option('--ability <key>', 'only this ability')
    .description(description)
    .action(async (flags: ForecastFlags) => {
      process.exitCode = await withApp((app) => run(app, flags), ForecastsCliModule);
    });
}

const guidance = program.command('guidance').description('data-mix and annotation-budget guidance from the growth fits (issue 13)');
const guidanceSelection = (c: Command) =>
  c
    .option('--study <id>', "the study whose fits guide (default: every run on the line)")
    .option('--experiments <ids>', 'these runs, comma-separated')
    .option('--parameters <n>', "the line's model size (default: the largest)")
    .option('--source <source>', 'curated (default) or synthetic')
    .option('--locale <locale>', 'en (default) or zh-CN');
guidanceSelection(guidance.command('quotas'))
  .requiredOption('--budget <n>', 'total training items to spread')
  .option('--floor <n>', 'quota of resistant abilities (default 64)')
  .option('--plateau-cap <n>', 'cap of every plateaued ability (default: where its plateau starts)')
  .option('--version <id>', "the frozen version whose items bound the quotas (default: the latest run's)")
  .option('--apply <recipe>', 'save the proposal as this recipe (a new revision when it exists)')
  .option('--start', 'with --apply: queue a run of it')
  .option('--model <id>', "with --start: the base model (default: the line's)")
  .option('--seed <n>', 'with --start: the seed')
  .description('per-ability quotas for an item budget: floors, caps and marginal gain, with the reasoning')
  .action(async (flags: QuotaFlags) => {
    process.exitCode = await withApp((app) => runGuidanceQuotas(app, flags), GuidanceCliModule);
  });
guidanceSelection(guidance.command('hours'))
  .option('--hours <n>', 'annotation hours to spend', '10')
  .description('where the next N annotation hours are worth most (median review time and pass rate per ability)')
  .action(async (flags: GuidanceFlags & { hours: string }) => {
    process.exitCode = await withApp((app) => runGuidanceHours(app, flags), GuidanceCliModule);
  });

program
  .command('serve-model')
  .argument('<onnx-dir>', 'a folder written by `python -m pace_trainer export-onnx`')
  .option('--port <n>', 'port', '8000')
  .option('--host <address>', 'address to listen on (loopback by default: there is no authentication)', '127.0.0.1')
  .option('--name <name>', 'model name served (default: the folder name)')
  .option('--device <device>', 'auto, cpu or cuda', 'auto')
  .description('serve an ONNX export through an OpenAI-compatible API (/v1/models, /v1/completions with logprobs and echo)')
  .action(async (dir: string, flags: ServeModelFlags) => {
    await runServeModelCommand(dir, flags);
  });

const synthOptions = (c: Command) =>
  c
    .option('-n, --name <name>', 'run name')
    .option('-t, --taxonomy <id>', 'taxonomy id (its current revision is used)')
    .option('--revision <hash>', 'or an exact kept taxonomy revision')
    .requiredOption('-e, --endpoint <id>', 'LLM endpoint id (questions, and answers unless --answer-endpoint)')
    .option('--answer-endpoint <id>', 'another endpoint for the answers')
    .option('-s, --settings <json>', 'generation settings as JSON, or @file.json (defaults: k=10 subject samples, …)')
    .option('--review-mode <mode>', 'dual (default), single or none');

synthOptions(program.command('synth-dry-run'))
  .description('estimate a GLAN generation run: calls, tokens and cost per stage, nothing created')
  .action(async (flags: SynthFlags) => {
    process.exitCode = await withApp((app) => runSynthDryRun(app, flags), SynthesisCliModule);
  });

synthOptions(program.command('synth-run'))
  .description('create a GLAN generation run and run it here with a progress bar; Ctrl-C pauses it')
  .action(async (flags: SynthFlags) => {
    process.exitCode = await withApp((app) => runSynthCommand(app, flags), SynthesisCliModule);
  });

program
  .command('synth-resume')
  .argument('<id>', 'generation run id')
  .description('continue a paused or failed generation run here; committed nodes are not asked again')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runSynthCommand(app, null, id), SynthesisCliModule);
  });

program
  .command('synth-status')
  .argument('<id>', 'generation run id')
  .description("a generation run's status, per-stage progress, usage and failures count")
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runSynthStatus(app, id), SynthesisCliModule);
  });

const growth = program.command('growth').description('growth-pace analysis');
growth
  .command('backfill')
  .description('store the 95% interval and gold-answer loss of ability scores stored before evaluations kept them (idempotent, resumable)')
  .action(async () => {
    process.exitCode = await withApp((app) => runGrowthBackfillCommand(app), ScoreSummariesCliModule);
  });

registerGrowthCommands(program, withApp, GrowthCliModule);

program
  .command('demo')
  .description('set up a demo workspace in .pace-demo/ (its own PostgreSQL, port 3100) and serve it: samples imported, reviewed, frozen, a tiny growth study trained on CPU')
  .option('--remove', 'stop the demo\'s PostgreSQL and delete .pace-demo/')
  .option('--no-serve', 'set up, then stop instead of serving')
  .option('--port <n>', 'HTTP port (default 3100)')
  .action(async (flags: DemoFlags) => {
    const code = await runDemoCommand(flags);
    process.exit(code);
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `Error: ${(e as Error).message}`);
  process.exit(1);
});
