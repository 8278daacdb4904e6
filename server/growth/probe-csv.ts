import { toCsv, type CsvOptions } from '../analysis/growth/growth-csv';
import type { ProbeView } from './growth-views';

/**
 * The probe study as CSV (issue 13 items 4 and 7): one row per probe run j (the ability it was trained on alone) with
 * the checkpoint it was read at, L_j, Acc(f, j), its row of the accuracy matrix (`acc_on_<i>` = Acc(j, i)), and
 * ability j's measures with their two sums. A cell not known yet (see the view's `missing`) is empty. Pure.
 */
export function probeCsv(view: ProbeView, options: CsvOptions = {}): string {
  const header = [
    'ability',
    'checkpoint_epoch',
    'loss',
    'foundation_acc',
    ...view.abilities.map((i) => `acc_on_${i}`),
    'complexity',
    'transference',
    'lift_from_others',
    'transfer_to_others',
  ];
  const rows = view.abilities.map((j) => {
    const m = view.measures.find((x) => x.ability === j);
    return [
      j,
      view.checkpoints[j],
      view.loss[j],
      view.foundation[j],
      ...view.abilities.map((i) => view.accuracy[j]?.[i]),
      m?.complexity,
      m?.transference,
      m?.liftFromOthers,
      m?.transferToOthers,
    ];
  });
  return toCsv(header, rows, options);
}
