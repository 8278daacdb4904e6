/**
 * What exports need from recipes (server/recipes' RecipeSamplerService): a recipe's deterministic train sample of a
 * version for a seed, the item ids of each ability in sample order.
 */
export interface TrainSample {
  recipe: { id: number; name: string; revision: number; spec: unknown };
  seed: number;
  abilities: Array<{ abilityKey: string; requested: number; taken: number; itemIds: string[] }>;
}

export interface TrainSampler {
  sampleTrain(versionId: number, recipe: { name?: string; id?: number }, seed: number): Promise<TrainSample>;
}

export const TRAIN_SAMPLER = Symbol('TRAIN_SAMPLER');
