import { Injectable } from '@nestjs/common';
import { CONTAMINATION_NGRAM } from '../../datasets/decontamination/contamination-ngrams';
import { DecontaminationService } from '../../datasets/decontamination/decontamination.service';
import type { ContaminationEvidence } from '../synthesis-contract';
import { IngestRepository, type PairRow } from './ingest.repository';

/** The text of a pair as the freeze reads an item (messagesText: the turns joined by newlines). */
export function pairText(p: Pick<PairRow, 'question' | 'answer'>): string {
  return `${p.question}\n${p.answer}`;
}

/**
 * Decontaminates generated pairs against every evaluation set with the freeze's own index and rule
 * (DecontaminationService.buildIndex: every accepted validation/test item and every item of a benchmark source; long
 * n-grams of words, or of characters for CJK; n-grams frequent across the pooled corpus, i.e. templates, earn no
 * match). The pooled corpus is the evaluation items and the pairs being checked, as it is the evaluation items and the
 * train candidates in a freeze.
 */
@Injectable()
export class PairDecontamination {
  constructor(
    private readonly decontamination: DecontaminationService,
    private readonly repo: IngestRepository,
  ) {}

  /** Marks the contaminated pairs excluded with their evidence; returns how many were checked and excluded. */
  async run(pairs: PairRow[], n = CONTAMINATION_NGRAM): Promise<{ checked: number; excluded: Set<number> }> {
    if (pairs.length === 0) return { checked: 0, excluded: new Set() };
    const index = await this.decontamination.buildIndex(n, (async function* () {
      yield pairs.map(pairText);
    })());
    const cutoff = index.cutoff;
    const found: Array<{ pairId: number; match: NonNullable<ReturnType<typeof index.firstMatch>> }> = [];
    for (const p of pairs) {
      const match = index.firstMatch(pairText(p), cutoff);
      if (match) found.push({ pairId: p.id, match });
    }
    const names = await this.repo.sourceNames(found.filter((f) => !f.match.ref.benchmark).map((f) => f.match.ref.matchedItemId));
    const exclusions = found.map(({ pairId, match }) => {
      const evidence: ContaminationEvidence = {
        n,
        matches: [
          {
            itemId: match.ref.matchedItemId,
            source: match.ref.benchmark?.sourceName ?? names.get(match.ref.matchedItemId) ?? '',
            split: match.ref.benchmark ? null : match.ref.matchedSplit,
            ngram: match.ngram,
          },
        ],
      };
      return { pairId, evidence };
    });
    await this.repo.exclude(exclusions);
    return { checked: pairs.length, excluded: new Set(exclusions.map((e) => e.pairId)) };
  }
}
