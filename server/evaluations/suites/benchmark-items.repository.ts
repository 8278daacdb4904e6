import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnswerType } from '../../imports/import-types';
import type { ChatMessage } from '../backends/chat-format';
import { BENCHMARK_SUITES, BENCHMARKS, isBenchmarkSuite, type BenchmarkSuite } from '../../benchmarks/benchmark-registry';
import type { EvalItem } from './suite.types';

interface BenchmarkRow {
  itemId: number;
  subset: string;
  messages: ChatMessage[];
  answerType: AnswerType;
  gold: string | null;
  meta: Record<string, unknown>;
}

/** The imported items of a benchmark (sources of kind `benchmark`, written by the cmmlu/agieval/ceval/mcq_csv/ifeval importers). */
@Injectable()
export class BenchmarkItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every item of the benchmark as an EvalItem (ability = subset, split 'test'), subsets in name order and each in source
   * order (import, then line), which is what makes its first five the 5-shot exemplars. An exact copy of an item of
   * the same benchmark (the same file imported again) is left out.
   */
  async load(suite: BenchmarkSuite): Promise<EvalItem[]> {
    if (!isBenchmarkSuite(suite)) throw new RangeError(`unknown benchmark '${String(suite)}'; known: ${BENCHMARK_SUITES.join(', ')}`);
    const rows: BenchmarkRow[] = await this.db.query(
      `SELECT i.id::int AS "itemId", i.meta->>'subset' AS subset, i.messages, i.answer_type AS "answerType", i.gold, i.meta
         FROM items i
         JOIN sources s ON s.id = i.source_id AND s.kind = 'benchmark'
         JOIN imports imp ON imp.id = i.import_id
        WHERE i.meta->>'benchmark' = $1
          AND NOT (i.duplicate_kind = 'exact' AND EXISTS (
                SELECT 1 FROM items d JOIN sources ds ON ds.id = d.source_id
                 WHERE d.id = i.duplicate_of AND ds.kind = 'benchmark' AND d.meta->>'benchmark' = $1))
        ORDER BY i.meta->>'subset', imp.created_at, imp.id, i.raw_line, i.raw_offset, i.sub_index`,
      [suite],
    );
    return rows.map((r) => {
      // IFEval has no subsets: its items are one group (scored into its four metrics)
      const subset = r.subset ?? (BENCHMARKS[suite].kind === 'instruction-following' ? suite : null);
      if (!subset) throw new Error(`${suite} item ${r.itemId} has no meta.subset; re-import it with the ${suite} adapter`);
      return {
        itemId: r.itemId,
        ability: subset,
        split: 'test',
        messages: r.messages,
        questionFormat: 0,
        answerType: r.answerType,
        gold: r.gold,
        choices: null,
        meta: r.meta,
      };
    });
  }
}
