import type { INestApplicationContext } from '@nestjs/common';
import { ForecastsService, type ForecastSelection } from './forecasts.service';


export interface ForecastFlags {
  study?: string;
  experiment?: string;
  ability?: string;
}

const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

export function forecastSelection(f: ForecastFlags): ForecastSelection {
  const sel: ForecastSelection = {};
  if (f.study !== undefined) {
    const id = Number(f.study);
    if (!Number.isInteger(id) || id < 1) throw new Error(`--study must be a study id, got ${f.study}`);
    sel.studyId = id;
  }
  if (f.experiment !== undefined) {
    if (!/^[0-9a-f-]{36}$/i.test(f.experiment)) throw new Error(`--experiment must be an experiment id (a UUID), got ${f.experiment}`);
    sel.experimentId = f.experiment;
  }
  if (f.ability !== undefined) sel.ability = f.ability;
  return sel;
}

/** `pace forecasts list`: every forecast of the selection, with its check once the run landed. */
export async function runForecastsList(app: INestApplicationContext, flags: ForecastFlags): Promise<number> {
  const rows = await app.get(ForecastsService).list(forecastSelection(flags));
  if (rows.length === 0) console.log('no forecasts');
  for (const f of rows) {
    const check = f.measured === null ? 'not checked yet' : `measured ${num(f.measured)}, error ${num(f.error)}, ${f.inside ? 'inside' : 'OUTSIDE'}`;
    console.log(`${f.ability.padEnd(24)} ${String(f.parameters).padStart(12)} ${f.source.padEnd(9)} ${String(f.volume).padStart(7)} items: ${num(f.predicted)} [${num(f.lower)}, ${num(f.upper)}] (n=${f.basedOn}); ${check} — ${f.experimentName}`);
  }
  return 0;
}

/** `pace forecasts accuracy`: per ability, forecasts made and checked, MAE, mean error and coverage. */
export async function runForecastsAccuracy(app: INestApplicationContext, flags: ForecastFlags): Promise<number> {
  const rows = await app.get(ForecastsService).accuracy(forecastSelection(flags));
  if (rows.length === 0) console.log('no forecasts');
  else console.log(`${'ability'.padEnd(24)} forecasts checked    MAE   mean error coverage`);
  for (const a of rows) {
    console.log(`${a.ability.padEnd(24)} ${String(a.forecasts).padStart(9)} ${String(a.checked).padStart(7)} ${num(a.meanAbsError).padStart(6)} ${num(a.meanError).padStart(12)} ${(a.coverage === null ? '—' : `${(100 * a.coverage).toFixed(0)}%`).padStart(8)}`);
  }
  return 0;
}
