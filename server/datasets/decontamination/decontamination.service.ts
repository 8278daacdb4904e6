import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { messagesText } from '../../imports/standardize';
import { FreezeRepository } from '../freeze/freeze.repository';
import type { ContaminationEvidence } from '../dataset-views';
import { NgramIndex } from './ngram-index';

/**
 * What a flagged train item matched: an evaluation item of this corpus, or a benchmark item; the shared n-gram, how
 * many documents of the pooled corpus hold it, and the cut-off above which it would have been boilerplate.
 */
export type { ContaminationEvidence } from '../dataset-views';

type Reference = Omit<ContaminationEvidence, 'ngram' | 'documentFrequency' | 'cutoff'>;
export type EvalIndex = NgramIndex<Reference> & { evalItems: number; benchmarkItems: number };

@Injectable()
export class DecontaminationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly freeze: FreezeRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The n-grams of every validation/test item and benchmark item (see FreezeRepository.evalReferences), with their
   * document frequency over those and the `candidates` (the texts of the items being frozen), so that boilerplate
   * n-grams are told apart before any item is judged.
   */
  async buildIndex(ngram: number, candidates: AsyncIterable<string[]>): Promise<EvalIndex> {
    const index = Object.assign(new NgramIndex<Reference>(ngram), { evalItems: 0, benchmarkItems: 0 });
    for await (const page of this.freeze.evalReferences()) {
      for (const r of page) {
        if (r.benchmark) index.benchmarkItems++;
        else index.evalItems++;
        index.add(messagesText(r.messages), {
          matchedItemId: r.id,
          matchedSplit: r.split === 'valid' || r.split === 'test' ? r.split : null,
          benchmark: r.benchmark,
        });
      }
    }
    for await (const texts of candidates) for (const text of texts) index.countDocument(text);
    return index;
  }

  /** A lead lets a flagged train item stay in train from the next freeze on; the decision is kept and audited. */
  async overrule(itemId: number, reason: string, actorId: string) {
    return this.db.transaction(async (m) => {
      const [item] = await m.query('SELECT id FROM items WHERE id = $1', [itemId]);
      if (!item) throw new NotFoundException(`Item ${itemId} not found`);
      const [before] = await m.query('SELECT reason, overruled_by FROM decontamination_overrules WHERE item_id = $1', [itemId]);
      const [row] = await m.query(
        `INSERT INTO decontamination_overrules (item_id, overruled_by, reason) VALUES ($1, $2, $3)
         ON CONFLICT (item_id) DO UPDATE SET overruled_by = EXCLUDED.overruled_by, reason = EXCLUDED.reason, created_at = now()
         RETURNING item_id, overruled_by, reason, created_at`,
        [itemId, actorId, reason],
      );
      await this.audit.append(
        { actorId, entity: 'item', entityId: itemId, action: 'overrule_contamination', before: before ?? undefined, after: { reason } },
        m,
      );
      return { itemId: Number(row.item_id), overruledBy: row.overruled_by, reason: row.reason, createdAt: row.created_at };
    });
  }
}
