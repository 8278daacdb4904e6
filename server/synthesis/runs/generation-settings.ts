import { estimatePlan, estimatePromptTokens, type DryRunEstimate, type PriceTable } from '../llm';
import { getTemplate, promptLanguage, renderTemplate, type Taxonomy, listDisciplines } from '../glan';
import type { GenerationSettings } from '../synthesis-contract';

export interface SettingsProblem {
  field: string;
  message: string;
}

export class SettingsError extends Error {
  constructor(readonly problems: SettingsProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** The defaults of a generation run (GLAN paper where it gives one: k = 10 subject samples at T 1.0, top-p 0.95). */
export const DEFAULT_SETTINGS: GenerationSettings = {
  subjectSamples: 10,
  subjectTemperature: 1.0,
  subjectTopP: 0.95,
  questionsPerSubject: 10,
  pairRatio: 0.5,
  questionTemperature: 1.0,
  answerTemperature: 0.7,
  maxTokens: 2048,
  seed: 0,
};

type Rule = { kind: 'int'; min: number; max: number } | { kind: 'number'; min: number; max: number } | { kind: 'text' } | { kind: 'ids' };
const RULES: Record<keyof GenerationSettings, Rule> = {
  disciplineIds: { kind: 'ids' },
  subjectSamples: { kind: 'int', min: 1, max: 100 },
  subjectTemperature: { kind: 'number', min: 0, max: 2 },
  subjectTopP: { kind: 'number', min: 0, max: 1 },
  maxSubjectsPerDiscipline: { kind: 'int', min: 1, max: 10_000 },
  questionsPerSubject: { kind: 'int', min: 1, max: 100_000 },
  pairRatio: { kind: 'number', min: 0, max: 1 },
  questionTemperature: { kind: 'number', min: 0, max: 2 },
  answerTemperature: { kind: 'number', min: 0, max: 2 },
  maxTokens: { kind: 'int', min: 16, max: 1_000_000 },
  seed: { kind: 'int', min: 0, max: 2 ** 31 - 1 },
  maxTotalTokens: { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER },
  maxCostUsd: { kind: 'number', min: 0, max: 1e9 },
  sourceName: { kind: 'text' },
};

/** Checks a run's settings field by field (each problem names `settings.<field>`) and fills the defaults. */
export function parseGenerationSettings(raw: unknown, base: GenerationSettings = DEFAULT_SETTINGS): GenerationSettings {
  if (raw === undefined || raw === null) return { ...base };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SettingsError([{ field: 'settings', message: 'must be a JSON object' }]);
  const problems: SettingsProblem[] = [];
  const out: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    const rule = Object.hasOwn(RULES, field) ? RULES[field as keyof GenerationSettings] : undefined;
    const at = `settings.${field}`;
    if (!rule) {
      problems.push({ field: at, message: `unknown setting; known: ${Object.keys(RULES).join(', ')}` });
      continue;
    }
    if (value === null && !['subjectSamples', 'subjectTemperature', 'subjectTopP', 'questionsPerSubject', 'pairRatio', 'questionTemperature', 'answerTemperature', 'maxTokens', 'seed'].includes(field)) {
      delete out[field]; // an optional setting cleared (e.g. a cap removed)
      continue;
    }
    if (rule.kind === 'int' || rule.kind === 'number') {
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= rule.max && (rule.kind === 'number' || Number.isInteger(value));
      if (!ok) problems.push({ field: at, message: `must be ${rule.kind === 'int' ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}, got ${JSON.stringify(value)}` });
      else out[field] = value;
    } else if (rule.kind === 'text') {
      if (typeof value !== 'string' || !value.trim()) problems.push({ field: at, message: 'must be a non-empty string' });
      else out[field] = value.trim();
    } else {
      if (!Array.isArray(value) || !value.length || value.some((v) => typeof v !== 'string' || !v)) problems.push({ field: at, message: 'must be a non-empty list of taxonomy node ids' });
      else out[field] = [...new Set(value as string[])];
    }
  }
  if (problems.length) throw new SettingsError(problems);
  return out as unknown as GenerationSettings;
}

/** The disciplines a run generates for: the chosen ones (each must be a discipline of the revision), else all. */
export function runDisciplines(tree: Taxonomy, settings: GenerationSettings): ReturnType<typeof listDisciplines> {
  const all = listDisciplines(tree);
  if (!settings.disciplineIds) return all;
  const byId = new Map(all.map((d) => [d.id, d]));
  const missing = settings.disciplineIds.filter((id) => !byId.has(id));
  if (missing.length) throw new SettingsError([{ field: 'settings.disciplineIds', message: `not disciplines of this taxonomy revision: ${missing.join(', ')}` }]);
  return settings.disciplineIds.map((id) => byId.get(id)!);
}

/** Subjects per discipline assumed by the dry run when no cap is set (the GLAN paper's lists run to a few dozen). */
export const ESTIMATE_SUBJECTS_PER_DISCIPLINE = 10;

/**
 * Calls, tokens and cost per stage before anything runs (issue 15 item 3). Subject counts are unknown until the
 * model lists them: the estimate assumes `maxSubjectsPerDiscipline` (else 10) per discipline and counts every
 * completion at max_tokens, so it is an upper bound for the calls it names.
 */
export function estimateRun(tree: Taxonomy, settings: GenerationSettings, models: { question: string; answer: string }, prices: PriceTable): DryRunEstimate & { assumedSubjectsPerDiscipline: number; disciplines: number } {
  const disciplines = runDisciplines(tree, settings);
  const D = disciplines.length;
  const S = settings.maxSubjectsPerDiscipline ?? ESTIMATE_SUBJECTS_PER_DISCIPLINE;
  const Q = settings.questionsPerSubject;
  const max = settings.maxTokens;
  const lang = D ? promptLanguage(disciplines[0].path[2]) : 'en';
  const tokens = (kind: Parameters<typeof getTemplate>[0]) => {
    const t = getTemplate(kind, lang);
    const vars = Object.fromEntries([...`${t.system ?? ''}${t.user}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => [m[1], 'x']));
    return estimatePromptTokens(renderTemplate(t, vars).messages);
  };
  const est = estimatePlan(
    [
      { label: 'subjects: subject lists', model: models.question, calls: D * settings.subjectSamples, promptTokens: tokens('subject-list') + 16, maxTokens: max },
      { label: 'subjects: JSON lines', model: models.question, calls: D * settings.subjectSamples, promptTokens: tokens('subject-jsonl') + max, maxTokens: max },
      { label: 'syllabi', model: models.question, calls: D * S, promptTokens: tokens('syllabus') + 64, maxTokens: max },
      { label: 'syllabi: class sessions', model: models.question, calls: D * S, promptTokens: tokens('class-sessions') + max, maxTokens: max },
      { label: 'questions', model: models.question, calls: D * S * Q, promptTokens: tokens('question-pair') + 400, maxTokens: max },
      { label: 'answers', model: models.answer, calls: D * S * Q, promptTokens: tokens('answer') + max, maxTokens: max },
    ],
    prices,
  );
  return { ...est, assumedSubjectsPerDiscipline: S, disciplines: D };
}
