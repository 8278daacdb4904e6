import { summariseGroup } from '../../analysis/growth/growth-input';
import type { AbilityScoreView, EvaluationSuite } from '../evaluation-views';
import { aggregate } from '../scoring';
import { BENCHMARKS, IFEVAL_METRICS, isBenchmarkSuite, type IfevalMetric } from '../../benchmarks/benchmark-registry';

export interface Verdict {
  suite: EvaluationSuite;
  ability: string;
  split: string | null;
  shots: number;
  score: number;
  expected: number;
  /** The gold answer's mean per-token negative log-likelihood (details.goldNll), where the evaluation measured it. */
  goldNll?: number | null;
  /** IFEval: per instruction of the prompt, whether the response follows it (details.strict / details.loose). */
  strict?: boolean[] | null;
  loose?: boolean[] | null;
}

/**
 * Per-ability scores for every suite × split × shots of an evaluation (benchmark items, with no split, count as test).
 * Each group also gets what the growth analysis reads without its per-item results (issue 13 items 2 and 4):
 * - its 95% interval, `summariseGroup(scores)` (Wilson for 0/1 scores, the seeded bootstrap otherwise), and its mean
 *   as the same function computes it (the stored score is that mean: a curve drawn from stored summaries equals one
 *   drawn from the per-item results). Scores are taken in the order given: the repository reads them by item id, so
 *   the runner, the backfill and any reader of the per-item results sum them in one order;
 * - `loss`: the mean of the items' gold-answer NLL (L_i of the probe study) when every item of the group has one, else
 *   null — a mean over part of a group (e.g. only its open-ended items) would be another population's loss.
 */
export function abilityScores(verdicts: Iterable<Verdict>): AbilityScoreView[] {
  const groups = new Map<string, { suite: EvaluationSuite; split: 'valid' | 'test'; shots: number; items: Verdict[] }>();
  for (const v of verdicts) {
    const split = v.split === 'valid' ? 'valid' : 'test';
    const key = `${v.suite}\0${split}\0${v.shots}`;
    const group = groups.get(key) ?? { suite: v.suite, split, shots: v.shots, items: [] };
    group.items.push(v);
    groups.set(key, group);
  }
  const out: AbilityScoreView[] = [];
  for (const g of [...groups.values()].sort((a, b) => cmp(a.suite, b.suite) || cmp(a.split, b.split) || a.shots - b.shots)) {
    const byAbility = new Map<string, Verdict[]>();
    for (const v of g.items) {
      const list = byAbility.get(v.ability);
      if (list) list.push(v);
      else byAbility.set(v.ability, [v]);
    }
    if (isBenchmarkSuite(g.suite) && BENCHMARKS[g.suite].kind === 'instruction-following') {
      out.push(...ifevalScores(g.suite, g.split, g.shots, g.items));
      continue;
    }
    for (const a of aggregate(g.items).abilities) {
      const items = byAbility.get(a.ability)!;
      const summary = summariseGroup(items.map((v) => v.score));
      out.push({
        suite: g.suite,
        ability: a.ability,
        split: g.split,
        shots: g.shots,
        items: summary.n,
        score: summary.mean,
        expected: a.expected,
        interval: summary.interval,
        loss: meanGoldNll(items),
      });
    }
  }
  return out;
}

/**
 * IFEval's four metrics as four groups of the suite (reference: evaluation_lib.print_report, what ifevalMetrics
 * computes): prompt-level strict/loose over prompts (a prompt counts when it follows every one of its instructions),
 * instruction-level strict/loose over all the instructions of all prompts — `items` is then the number of instructions,
 * and the mean is exactly instruction-level accuracy. Each is summarised by summariseGroup over its 0/1 outcomes
 * (Wilson); an instruction-level interval treats the instructions as independent, which instructions of one prompt are
 * not quite, so it is somewhat narrow. No random-guess baseline: expected 0.
 */
function ifevalScores(suite: EvaluationSuite, split: 'valid' | 'test', shots: number, items: readonly Verdict[]): AbilityScoreView[] {
  const outcomes: Record<IfevalMetric, number[]> = { prompt_strict: [], prompt_loose: [], instruction_strict: [], instruction_loose: [] };
  for (const v of items) {
    if (!Array.isArray(v.strict) || !Array.isArray(v.loose) || v.strict.length === 0 || v.strict.length !== v.loose.length) {
      throw new Error(`an ${suite} verdict (${v.ability}) has no per-instruction strict/loose outcomes to aggregate`);
    }
    outcomes.prompt_strict.push(v.strict.every(Boolean) ? 1 : 0);
    outcomes.prompt_loose.push(v.loose.every(Boolean) ? 1 : 0);
    for (const s of v.strict) outcomes.instruction_strict.push(s ? 1 : 0);
    for (const l of v.loose) outcomes.instruction_loose.push(l ? 1 : 0);
  }
  return IFEVAL_METRICS.map((metric) => {
    const summary = summariseGroup(outcomes[metric]);
    return { suite, ability: metric, split, shots, items: summary.n, score: summary.mean, expected: 0, interval: summary.interval, loss: null };
  });
}

/** The group's mean gold-answer NLL when every item has one; null otherwise. */
function meanGoldNll(items: readonly Verdict[]): number | null {
  let sum = 0;
  for (const v of items) {
    if (typeof v.goldNll !== 'number' || !Number.isFinite(v.goldNll)) return null;
    sum += v.goldNll;
  }
  return sum / items.length;
}

/** The unweighted mean over in-domain abilities of one split (0-shot), as DoIT averages; null when the split has none. */
export function inDomainAverage(scores: readonly AbilityScoreView[], split: 'valid' | 'test'): number | null {
  const picked = scores.filter((s) => s.suite === 'in-domain' && s.split === split && s.shots === 0);
  return picked.length ? picked.reduce((sum, s) => sum + s.score, 0) / picked.length : null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
