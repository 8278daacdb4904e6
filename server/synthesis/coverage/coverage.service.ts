import { Injectable, NotFoundException } from '@nestjs/common';
import { csvField } from '../../analysis/growth/growth-csv';
import { env } from '../../config/env';
import { CONTAMINATION_NGRAM } from '../../datasets/decontamination/contamination-ngrams';
import { charLength, countNearDuplicates, lengthStats } from './coverage';
import { byText, CoverageRepository } from './coverage.repository';
import type { CoverageCounts, CoverageReport, CoverageRow, DecontaminationReport } from './coverage-views';

const COUNT_KEYS = ['generated', 'excluded', 'ingested', 'rejected', 'itemsAccepted', 'itemsPending', 'itemsDuplicate'] as const;

/** A generation run's coverage report (issue 15 item 6) and decontamination report (item 5). */
@Injectable()
export class CoverageService {
  constructor(private readonly repo: CoverageRepository) {}

  async coverage(runId: string): Promise<CoverageReport> {
    const run = await this.repo.run(runId);
    if (!run) throw new NotFoundException(`Generation run ${runId} not found`);
    const subjects = (await this.repo.subjectCounts(runId)).sort(
      (a, b) => byText(a.field, b.field) || byText(a.discipline ?? '', b.discipline ?? '') || byText(a.subject ?? '', b.subject ?? ''),
    );
    const disciplines = rollUp(subjects, (s) => `${s.field}\u0000${s.discipline}`, (s) => ({ field: s.field, discipline: s.discipline }));
    const fields = rollUp(subjects, (s) => s.field, (s) => ({ field: s.field }));

    const config = env();
    const settings = { threshold: config.DEDUP_NEAR_THRESHOLD, numPerm: config.DEDUP_NUM_PERM, ngram: config.DEDUP_NGRAM };
    const questions: string[] = [];
    const questionLengths: number[] = [];
    const answerLengths: number[] = [];
    for await (const page of this.repo.texts(runId)) {
      for (const p of page) {
        questions.push(p.question);
        questionLengths.push(charLength(p.question));
        answerLengths.push(charLength(p.answer));
      }
    }
    const duplicates = countNearDuplicates(questions, settings);
    return {
      runId,
      name: run.name,
      totals: sum(subjects),
      fields,
      disciplines,
      subjects,
      nearDuplicates: { questions: questions.length, duplicates, rate: questions.length ? duplicates / questions.length : 0, threshold: settings.threshold },
      lengths: { questions: lengthStats(questionLengths), answers: lengthStats(answerLengths) },
      failures: await this.repo.failures(runId),
      usage: {
        calls: Number(run.usage?.calls ?? 0),
        promptTokens: Number(run.usage?.promptTokens ?? 0),
        completionTokens: Number(run.usage?.completionTokens ?? 0),
        costUsd: Number(run.usage?.costUsd ?? 0),
      },
      usageByStage: await this.repo.usageByKind(runId),
    };
  }

  async decontamination(runId: string, offset: number, limit: number): Promise<DecontaminationReport> {
    if (!(await this.repo.run(runId))) throw new NotFoundException(`Generation run ${runId} not found`);
    const page = await this.repo.excludedPage(runId, offset, limit);
    return {
      runId,
      n: page.rows[0]?.contamination?.n ?? CONTAMINATION_NGRAM,
      disciplines: await this.repo.decontaminationByDiscipline(runId),
      total: page.total,
      evidence: page.rows,
    };
  }
}

function zero(): CoverageCounts {
  return { generated: 0, excluded: 0, ingested: 0, rejected: 0, itemsAccepted: 0, itemsPending: 0, itemsDuplicate: 0 };
}

/** The counts of some rows added up. */
function sum(rows: readonly CoverageCounts[]): CoverageCounts {
  const total = zero();
  for (const r of rows) for (const c of COUNT_KEYS) total[c] += r[c];
  return total;
}

/** Sums sorted subject rows into groups by `key`, in first-seen order. */
function rollUp(rows: readonly CoverageRow[], key: (r: CoverageRow) => string, head: (r: CoverageRow) => Omit<CoverageRow, keyof CoverageCounts>): CoverageRow[] {
  const groups = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    const group = groups.get(key(r));
    if (group) group.push(r);
    else groups.set(key(r), [r]);
  }
  return [...groups.values()].map((g) => ({ ...head(g[0]), ...sum(g) }));
}

/**
 * The report as CSV: a table of counts (`level` total, field, discipline or subject), then one `key,value` row per
 * figure (near duplicates, length percentiles, failures by stage and code, usage). RFC 4180, CRLF.
 */
export function coverageCsv(r: CoverageReport): string {
  const lines: Array<Array<string | number | null>> = [['level', 'field', 'discipline', 'subject', ...COUNT_KEYS]];
  const counts = (c: CoverageCounts) => COUNT_KEYS.map((k) => c[k]);
  lines.push(['total', '', '', '', ...counts(r.totals)]);
  for (const f of r.fields) lines.push(['field', f.field, '', '', ...counts(f)]);
  for (const d of r.disciplines) lines.push(['discipline', d.field, d.discipline ?? '', '', ...counts(d)]);
  for (const s of r.subjects) lines.push(['subject', s.field, s.discipline ?? '', s.subject ?? '', ...counts(s)]);
  lines.push(['near_duplicate_questions', r.nearDuplicates.duplicates], ['near_duplicate_rate', r.nearDuplicates.rate], ['near_duplicate_threshold', r.nearDuplicates.threshold]);
  for (const k of ['questions', 'answers'] as const) {
    const s = r.lengths[k];
    lines.push([`${k}_length_p50`, s.p50], [`${k}_length_p90`, s.p90], [`${k}_length_max`, s.max]);
    for (const b of s.bins) lines.push([`${k}_length_${b.from}_${b.to ?? 'up'}`, b.count]);
  }
  for (const f of r.failures) lines.push([`failures_${f.stage}_${f.code}`, f.count]);
  lines.push(['calls', r.usage.calls], ['prompt_tokens', r.usage.promptTokens], ['completion_tokens', r.usage.completionTokens], ['cost_usd', r.usage.costUsd]);
  for (const u of r.usageByStage) lines.push([`calls_${u.kind}`, u.calls], [`cost_usd_${u.kind}`, u.costUsd]);
  return lines.map((l) => `${l.map(csvField).join(',')}\r\n`).join('');
}
