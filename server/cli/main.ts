import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { WORKER_PROVIDERS } from '../../workers/worker-providers';
import { ConfigError, env } from '../config/env';
import { closeApp } from '../database/shutdown';
import { FreezeFlags, runFreezeCommand } from '../datasets/datasets.command';
import { runGrowthBackfillCommand, runServeModelCommand, ScoreSummariesCliModule, ServeModelFlags } from '../evaluations/evaluations.command';
import { ExportCliModule, ExportFlags, runExportCommand } from '../exports/exports.command';
import { ImportFlags, runImportCommand } from '../imports/imports.command';
import { ImportsService } from '../imports/imports.service';
import { cancelExperiment, ExperimentRunFlags, runExperimentCommand } from '../training/training.command';
import { CliModule, ExperimentCliModule } from './cli.module';

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
  .command('export-resume')
  .argument('<id>', 'export id')
  .description('continue a cancelled or failed export, keeping the files it finished')
  .action(async (id: string) => {
    process.exitCode = await withApp((app) => runExportCommand(app, undefined, null, id), ExportCliModule);
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

const growth = program.command('growth').description('growth-pace analysis');
growth
  .command('backfill')
  .description('store the 95% interval and gold-answer loss of ability scores stored before evaluations kept them (idempotent, resumable)')
  .action(async () => {
    process.exitCode = await withApp((app) => runGrowthBackfillCommand(app), ScoreSummariesCliModule);
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `Error: ${(e as Error).message}`);
  process.exit(1);
});
