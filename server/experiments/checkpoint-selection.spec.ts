import { describe, expect, it } from 'vitest';
import { selectBestCheckpoint } from './checkpoint-selection';

describe(selectBestCheckpoint.name, () => {
  const epochs = [
    { epoch: 1, validation: 0.9, test: 0.1 },
    { epoch: 4, validation: 0.8, test: 0.2 },
    { epoch: 5, validation: 0.6, test: 0.5 },
    { epoch: 6, validation: 0.7, test: 0.55 },
    { epoch: 7, validation: 0.65, test: 0.6 },
    { epoch: 9, validation: 0.7, test: 0.58 },
  ];

  it('takes the best validation score from epoch 5 on, ties to the earliest epoch, and reports its test score', () => {
    expect(selectBestCheckpoint(epochs)).toEqual({ epoch: 6, validation: 0.7, test: 0.55 });
    expect(selectBestCheckpoint([...epochs].reverse())).toEqual({ epoch: 6, validation: 0.7, test: 0.55 });
  });

  it('returns null when no epoch reaches the minimum', () => {
    expect(selectBestCheckpoint(epochs.slice(0, 2))).toBeNull();
    expect(selectBestCheckpoint(epochs, 10)).toBeNull();
  });
});
