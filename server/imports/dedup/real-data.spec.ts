import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, dedupNormalize } from './dedup-normalize.util';
import { exactJaccard } from './dedup-spec-helpers';
import { NearDuplicateIndex } from './near-duplicate-index';

const dataDir = process.env.PACE_SHARED_DATA;
if (!dataDir) console.warn('[dedup] PACE_SHARED_DATA is not set: the real-data near-duplicate test did NOT run.');

interface AlpacaRecord {
  instruction: string;
  input: string;
  output: string;
}

const toText = (r: AlpacaRecord) => [r.instruction, r.input, r.output].join('\n');

/** Punctuation, width, case and spacing noise (invisible after normalization) plus real changes. */
function slightlyEdit(text: string): string {
  let edited = text
    .replace(/，/g, ', ')
    .replace(/。/g, '. ')
    .replace(/:/g, '：')
    .replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)); // full-width letters
  // Long texts get a changed character in the middle (5 of their 5-grams change).
  if (edited.length > 400) edited = edited.slice(0, 200) + (edited[200] === '嗯' ? '啊' : '嗯') + edited.slice(201);
  // Every text gets one more character (one new 5-gram), so even the shortest stays near 0.94.
  return `  ${edited}呢\n`;
}

describe('near duplicates on real data (alpaca_gpt4_zh sample)', () => {
  it.skipIf(!dataDir)('finds the original of each slightly edited record among all 300', () => {
    const file = join(dataDir as string, 'raw/alpaca_gpt4_zh/alpaca_zh_demo.sample.json');
    const records = JSON.parse(readFileSync(file, 'utf8')) as AlpacaRecord[];
    expect(records).toHaveLength(300);

    const index = new NearDuplicateIndex({ threshold: 0.8, keepSignatures: true, initialCapacity: 300 });
    const originals = records.map((r) => dedupNormalize(toText(r)));
    originals.forEach((text, ordinal) => {
      const sig = index.signature(text);
      index.add(ordinal, index.keysOf(sig), sig);
    });
    expect(new Set(originals.map((t) => contentHash(t).toString('hex'))).size).toBe(300);

    originals.forEach((original, ordinal) => {
      const edited = dedupNormalize(slightlyEdit(toText(records[ordinal])));
      expect(edited).not.toBe(original);
      expect(exactJaccard(original, edited)).toBeGreaterThan(0.9);
      const sig = index.signature(edited);
      const match = index.findBest(sig, index.keysOf(sig));
      expect(match?.ordinal, `record ${ordinal}`).toBe(ordinal);
    });
  });
});
