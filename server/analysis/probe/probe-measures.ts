/**
 * Complexity and Transference of each ability from a probe study (DoIT §4.3; DESIGN.md §1 "Analysis"; issue 13 item 4).
 *
 * A probe study trains one model per ability j on that ability's items alone and scores it on every ability i:
 * Acc(j, i). The untuned foundation model f gives Acc(f, i), and L_i is the test loss (mean negative log-likelihood
 * of the gold answers, in nats) of ability i's probe model on ability i's own test items.
 *
 *   Complexity_i   = w1·L_i − w2·Σ_{j≠i} (Acc(j, i) − Acc(f, i))
 *   Transference_i = w ·Σ_{j≠i} (Acc(i, j) − Acc(j, j))
 *
 * Complexity is high when the ability is hard to fit on its own data (high loss) and other abilities' data lifts it
 * little above the foundation model; Transference is how close ability i's data comes, on every other ability j, to
 * that ability's own data (it is ≤ 0 when own data is best).
 *
 * Accuracies are fractions in [0, 1], as evaluations store them (AbilityScoreView.score). Pure functions: no I/O.
 */

export interface ProbeWeights {
  /** w1: weight of the own-ability test loss L_i in Complexity */
  lossWeight: number;
  /** w2: weight of the summed lift other abilities' data gives ability i over the foundation model */
  liftWeight: number;
  /** w: weight of the summed transfer in Transference */
  transferWeight: number;
}

/**
 * Defaults w1 = w2 = w = 1. The paper publishes no weights, only that both measures are linear in the sensitivities,
 * and with accuracies as fractions and L in nats both terms of Complexity are of order one (a probe model's loss is
 * typically 0.5–3 nats; nine lifts of a few points each sum to a few tenths), so neither swamps the other at 1:1.
 * w only rescales Transference: it changes no ranking and no Pearson r (a negative w would flip the sign of r).
 * Likewise only the ratio w1 : w2 shapes Complexity's ranking.
 */
export const DEFAULT_PROBE_WEIGHTS: Readonly<ProbeWeights> = Object.freeze({ lossWeight: 1, liftWeight: 1, transferWeight: 1 });

export interface ProbeInput {
  /** the abilities of the study, in display order; the matrix must be square over exactly these */
  abilities: readonly string[];
  /** accuracy[j][i] = Acc(j, i): the model trained on ability j alone, scored on ability i */
  accuracy: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** foundation[i] = Acc(f, i): the untuned base model on ability i */
  foundation: Readonly<Record<string, number>>;
  /** loss[i] = L_i: mean NLL (nats) of ability i's probe model on ability i's test items */
  loss: Readonly<Record<string, number>>;
}

export interface ProbeMeasure {
  ability: string;
  complexity: number;
  transference: number;
  /** L_i */
  loss: number;
  /** Σ_{j≠i} (Acc(j, i) − Acc(f, i)): how much the other abilities' data lifts ability i over the foundation model */
  liftFromOthers: number;
  /** Σ_{j≠i} (Acc(i, j) − Acc(j, j)): how ability i's data does on the others against their own data */
  transferToOthers: number;
}

/** A probe study whose inputs cannot be used; `problems` names every bad or missing cell. */
export class ProbeInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`probe matrix unusable: ${problems.join('; ')}`);
    this.name = 'ProbeInputError';
  }
}

const isAccuracy = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;

function show(x: unknown): string {
  return typeof x === 'number' ? String(x) : JSON.stringify(x) ?? String(x);
}

/** Every problem with a probe input, each naming its cell; empty when the input is usable. */
export function probeInputProblems(input: ProbeInput, weights: ProbeWeights = DEFAULT_PROBE_WEIGHTS): string[] {
  const problems: string[] = [];
  const { abilities } = input;
  if (abilities.length < 2) problems.push(`a probe study needs at least 2 abilities, got ${abilities.length}`);
  const seen = new Set<string>();
  for (const a of abilities) {
    if (seen.has(a)) problems.push(`ability "${a}" is listed twice`);
    seen.add(a);
  }
  for (const j of abilities) {
    const row = input.accuracy[j];
    if (row === undefined) {
      problems.push(`Acc(${j}, ·): no row for the model trained on ${j}`);
      continue;
    }
    for (const i of abilities) {
      if (!(i in row)) problems.push(`Acc(${j}, ${i}) is missing`);
      else if (!isAccuracy(row[i])) problems.push(`Acc(${j}, ${i}) must be an accuracy in [0, 1], got ${show(row[i])}`);
    }
    for (const i of Object.keys(row)) if (!seen.has(i)) problems.push(`Acc(${j}, ${i}): ${i} is not an ability of the study (the matrix must be square)`);
  }
  for (const j of Object.keys(input.accuracy)) if (!seen.has(j)) problems.push(`Acc(${j}, ·): ${j} is not an ability of the study (the matrix must be square)`);
  for (const i of abilities) {
    if (!(i in input.foundation)) problems.push(`Acc(f, ${i}) (the foundation model on ${i}) is missing`);
    else if (!isAccuracy(input.foundation[i])) problems.push(`Acc(f, ${i}) must be an accuracy in [0, 1], got ${show(input.foundation[i])}`);
    if (!(i in input.loss)) problems.push(`L_${i} (test loss of ${i}'s probe model) is missing`);
    else {
      const l = input.loss[i];
      if (typeof l !== 'number' || !Number.isFinite(l) || l < 0) problems.push(`L_${i} must be a finite non-negative loss, got ${show(l)}`);
    }
  }
  for (const i of Object.keys(input.foundation)) if (!seen.has(i)) problems.push(`Acc(f, ${i}): ${i} is not an ability of the study`);
  for (const i of Object.keys(input.loss)) if (!seen.has(i)) problems.push(`L_${i}: ${i} is not an ability of the study`);
  for (const [name, w] of Object.entries(weights)) if (typeof w !== 'number' || !Number.isFinite(w)) problems.push(`weight ${name} must be a finite number, got ${show(w)}`);
  return problems;
}

/** Complexity and Transference of every ability, in the input's order; throws ProbeInputError naming every bad cell. */
export function probeMeasures(input: ProbeInput, weights: ProbeWeights = DEFAULT_PROBE_WEIGHTS): ProbeMeasure[] {
  const problems = probeInputProblems(input, weights);
  if (problems.length > 0) throw new ProbeInputError(problems);
  const acc = (j: string, i: string) => input.accuracy[j][i];
  return input.abilities.map((i) => {
    let liftFromOthers = 0;
    let transferToOthers = 0;
    for (const j of input.abilities) {
      if (j === i) continue;
      liftFromOthers += acc(j, i) - input.foundation[i];
      transferToOthers += acc(i, j) - acc(j, j);
    }
    const loss = input.loss[i];
    return {
      ability: i,
      complexity: weights.lossWeight * loss - weights.liftWeight * liftFromOthers,
      transference: weights.transferWeight * transferToOthers,
      loss,
      liftFromOthers,
      transferToOthers,
    };
  });
}
