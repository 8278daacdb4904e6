import 'reflect-metadata';
import { runExportBench } from './export.bench';
import { runFuzzBench } from './fuzz.bench';
import { runGrowthBench } from './growth.bench';
import { runImportBench } from './import.bench';
import { runReviewBench } from './review.bench';
import { runReviewHttpBench } from './review-http.bench';
import { runScoreBench } from './score-bench';
import { runSynthBench } from './synth.bench';
import { runUiBench } from './ui.bench';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  import: runImportBench,
  review: runReviewBench,
  'review-http': runReviewHttpBench,
  ui: runUiBench,
  export: runExportBench,
  score: runScoreBench,
  fuzz: runFuzzBench,
  growth: runGrowthBench,
  synth: runSynthBench,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const names = name ? [name] : Object.keys(BENCHES);
  for (const n of names) {
    const bench = BENCHES[n];
    if (!bench) throw new Error(`unknown bench "${n}"; known: ${Object.keys(BENCHES).join(', ')}`);
    await bench(args);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
