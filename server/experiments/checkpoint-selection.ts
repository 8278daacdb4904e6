/** An experiment's reported checkpoint (paper §4.2): the list of runs and the scores view both pick it by this rule. */
export interface EpochScores {
  epoch: number;
  validation: number;
  test: number;
}

/** DoIT's checkpoint rule: the highest validation score among epochs ≥ minEpoch (ties → the earliest epoch); its test score is the one reported. */
export function selectBestCheckpoint(epochs: Iterable<EpochScores>, minEpoch = 5): EpochScores | null {
  let best: EpochScores | null = null;
  for (const e of epochs) {
    if (e.epoch < minEpoch) continue;
    if (!best || e.validation > best.validation || (e.validation === best.validation && e.epoch < best.epoch)) best = e;
  }
  return best;
}
