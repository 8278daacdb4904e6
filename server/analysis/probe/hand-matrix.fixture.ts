import type { ProbeInput } from './probe-measures';

// Issue 13 item 4: a hand-made 3×3 probe study. accuracy[j][i] = Acc(j, i), the model trained on j alone scored on i.
//                 scored on: code  history ethics
//   trained on code           0.60  0.30    0.50
//   trained on history        0.20  0.70    0.40
//   trained on ethics         0.25  0.35    0.80
//   foundation f              0.10  0.30    0.45
//   L_i                       1.2   0.8     0.5
export const ABILITIES = ['code', 'history', 'ethics'];
export const PROBE: ProbeInput = {
  abilities: ABILITIES,
  accuracy: {
    code: { code: 0.6, history: 0.3, ethics: 0.5 },
    history: { code: 0.2, history: 0.7, ethics: 0.4 },
    ethics: { code: 0.25, history: 0.35, ethics: 0.8 },
  },
  foundation: { code: 0.1, history: 0.3, ethics: 0.45 },
  loss: { code: 1.2, history: 0.8, ethics: 0.5 },
};
