import { estimateJaccard } from './band-keys.util';

/**
 * The MinHash signatures an item is compared by. `full` is the signature of all its text (what the LSH bands are
 * made of); an item whose adapter declares a shared context (a passage several items ask about) also has `qa`, the
 * signature of its text without the context, and `context`, the signature of the context.
 */
export interface ItemSignatures {
  full: Uint32Array;
  qa: Uint32Array | null;
  context: Uint32Array | null;
}

/**
 * Estimated similarity of two items, as near-duplicate detection judges them.
 *
 * Without contexts it is the Jaccard of the whole texts, as it always was. With a context on both sides it is the
 * smaller of the Jaccard of what they ask and answer (context left out) and the Jaccard of their contexts: two items
 * are near duplicates only when both are near-identical. Leaving the context out alone would let the same generic
 * question ("What does the man mean?") over two different dialogues merge distinct items; counting it in the whole
 * text (the old rule) made every question about one long dialogue a near duplicate of the others. With the same
 * threshold on both parts, the whole-text Jaccard of a pair is at least the smaller of the two (the shingle sets
 * are unions of the parts' sets), so every pair this rule can accept is still found by the whole-text LSH bands.
 *
 * An item with a context and one without do not describe the same task: 0. (Items stored before contexts were
 * declared have none; copies of them are still found by the exact hash of the whole text.)
 */
export function itemSimilarity(a: ItemSignatures, b: ItemSignatures): number {
  if (!a.context && !b.context) return estimateJaccard(a.full, b.full);
  if (!a.context || !b.context || !a.qa || !b.qa) return 0;
  return Math.min(estimateJaccard(a.qa, b.qa), estimateJaccard(a.context, b.context));
}

/**
 * The normalized text of an item without its context: the first occurrence of the normalized context removed from
 * the normalized whole (both dedupNormalize'd, so spacing and punctuation around it do not matter). When the context
 * does not occur in the text (an adapter that rewrites it), the whole text stands for what is asked and answered.
 */
export function withoutContext(normalizedText: string, normalizedContext: string): string {
  if (normalizedContext === '') return normalizedText;
  const at = normalizedText.indexOf(normalizedContext);
  if (at < 0) return normalizedText;
  return normalizedText.slice(0, at) + normalizedText.slice(at + normalizedContext.length);
}
