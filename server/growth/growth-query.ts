import { BadRequestException } from '@nestjs/common';
import type { DataSource } from '../analysis/growth/growth-types';
import type { EpochScoreSelection } from '../analysis/growth/run-epoch-scores';
import { CHART_LOCALES, isChartLocale, type ChartLocale } from '../charts/chart-messages';
import { DEFAULT_PROBE_WEIGHTS, type ProbeWeights } from '../analysis/probe/probe-measures';
import type { GrowthSelection } from './growth-selection';
import { UUID } from '../common/uuid';

/**
 * The growth routes' query strings (and the CLI's flags), read in one place: every bad value is a 400 whose message
 * and `errors[].field` name the parameter, an unknown parameter is refused rather than ignored (a typo in a filter
 * would otherwise silently draw everything), and every problem of a request is reported at once.
 */
export type RawQuery = Record<string, unknown>;

const SOURCES: readonly DataSource[] = ['curated', 'synthetic'];
const SELECTION_KEYS = ['studyId', 'experimentIds', 'parameters', 'source', 'minEpoch'] as const;

class Problems {
  readonly list: { field: string; message: string }[] = [];
  add(field: string, message: string): undefined {
    this.list.push({ field, message });
    return undefined;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    throw new BadRequestException({ message: this.list.map((p) => `${p.field}: ${p.message}`).join('; '), errors: this.list });
  }
}

/** A query value as one string; a repeated parameter (`?a=1&a=2`) is refused, not silently reduced to one. */
function text(q: RawQuery, key: string, p: Problems): string | undefined {
  const v = q[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') return p.add(key, 'give it once, as a single value');
  return v;
}

function wholeNumber(q: RawQuery, key: string, p: Problems, min: number): number | undefined {
  const v = text(q, key, p);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) return p.add(key, `expected a whole number ≥ ${min}, got "${v}"`);
  return n;
}

function finiteNumber(q: RawQuery, key: string, p: Problems): number | undefined {
  const v = text(q, key, p);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) return p.add(key, `expected a number, got "${v}"`);
  return n;
}

function oneOf<T extends string>(q: RawQuery, key: string, p: Problems, allowed: readonly T[]): T | undefined {
  const v = text(q, key, p);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) return p.add(key, `expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

function uuid(value: string | undefined, key: string, p: Problems): string | undefined {
  if (value === undefined) return undefined;
  if (!UUID.test(value)) return p.add(key, `"${value}" is not a UUID`);
  return value.toLowerCase();
}

function onlyKnown(q: RawQuery, known: readonly string[], p: Problems): void {
  for (const key of Object.keys(q)) if (!known.includes(key)) p.add(key, `unknown parameter; known: ${known.join(', ')}`);
}

function selectionOf(q: RawQuery, p: Problems, required: boolean): GrowthSelection {
  const studyId = wholeNumber(q, 'studyId', p, 1);
  const ids = text(q, 'experimentIds', p);
  let experimentIds: string[] | undefined;
  if (ids !== undefined) {
    const list = ids.split(',').map((s) => s.trim());
    if (list.some((s) => s === '')) p.add('experimentIds', `expected a comma-separated list of UUIDs, got "${ids}"`);
    else experimentIds = [...new Set(list.map((s) => uuid(s, 'experimentIds', p)).filter((s): s is string => s !== undefined))];
  }
  const parameters = wholeNumber(q, 'parameters', p, 1);
  const source = oneOf(q, 'source', p, SOURCES);
  const minEpoch = wholeNumber(q, 'minEpoch', p, 1);
  const given = [q.studyId, q.experimentIds, q.parameters ?? q.source].filter((v) => v !== undefined && v !== '').length;
  if (given > 1) {
    const field = q.studyId !== undefined && q.studyId !== '' ? 'studyId' : 'experimentIds';
    p.add(field, 'give one of studyId, experimentIds, or parameters/source, not several');
  } else if (given === 0 && required) {
    p.add('studyId', 'required: give studyId, experimentIds, or parameters/source');
  }
  return { studyId, experimentIds, parameters, source, minEpoch };
}

/** GET /api/growth and the CSV exports of the curves. */
export function parseSelection(q: RawQuery): GrowthSelection {
  const p = new Problems();
  onlyKnown(q, SELECTION_KEYS, p);
  const sel = selectionOf(q, p, true);
  p.throwIfAny();
  return sel;
}

/** GET /api/growth/runs/:experimentId/epochs. */
export function parseEpochSelection(q: RawQuery): EpochScoreSelection {
  const p = new Problems();
  onlyKnown(q, ['suite', 'split', 'shots'], p);
  const out: EpochScoreSelection = { suite: text(q, 'suite', p), split: oneOf(q, 'split', p, ['valid', 'test'] as const), shots: wholeNumber(q, 'shots', p, 0) };
  p.throwIfAny();
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as EpochScoreSelection;
}

export interface ProbeQuery {
  studyId: number;
  weights: ProbeWeights;
  /** the study whose runs the sensitivities are fitted on; undefined: the default (see ProbeService) */
  against?: number;
}

const PROBE_KEYS = ['studyId', 'lossWeight', 'liftWeight', 'transferWeight', 'against'];

/** GET /api/growth/probe. */
export function parseProbeQuery(q: RawQuery, known: readonly string[] = PROBE_KEYS): ProbeQuery {
  const p = new Problems();
  onlyKnown(q, known, p);
  const studyId = wholeNumber(q, 'studyId', p, 1);
  if (studyId === undefined && !p.list.some((e) => e.field === 'studyId')) p.add('studyId', 'required: the probe study');
  const weights = {
    lossWeight: finiteNumber(q, 'lossWeight', p) ?? DEFAULT_PROBE_WEIGHTS.lossWeight,
    liftWeight: finiteNumber(q, 'liftWeight', p) ?? DEFAULT_PROBE_WEIGHTS.liftWeight,
    transferWeight: finiteNumber(q, 'transferWeight', p) ?? DEFAULT_PROBE_WEIGHTS.transferWeight,
  };
  const against = wholeNumber(q, 'against', p, 1);
  p.throwIfAny();
  return { studyId: studyId as number, weights, against };
}

export const CHART_FORMATS = ['svg', 'png'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** `growth-curve.png` → its name and format; anything else a 404 naming the charts there are. */
export function parseFileName<N extends string>(file: string, names: readonly N[], formats: readonly string[]): { name: N; format: string } | null {
  const dot = file.lastIndexOf('.');
  const name = file.slice(0, dot) as N;
  const format = file.slice(dot + 1);
  return dot > 0 && names.includes(name) && formats.includes(format) ? { name, format } : null;
}

export interface GrowthChartQuery {
  selection: GrowthSelection;
  locale: ChartLocale;
  /** growth-curve: an ability key, or `average` (with suite: a benchmark subset or the suite's average) */
  ability?: string;
  suite?: string;
  shots?: number;
  parameters?: number[];
  sources?: DataSource[];
  /** score-by-epoch */
  experimentId?: string;
  probe?: ProbeQuery;
}

/**
 * A chart's query: the growth curve takes a selection and its filters (`parameters` and `source` filter the lines
 * drawn, comma lists), score-by-epoch an experimentId, the probe scatters the probe query.
 */
export function parseChartQuery(chart: string, q: RawQuery): GrowthChartQuery {
  const p = new Problems();
  const locale = (text(q, 'locale', p) ?? 'en') as ChartLocale;
  if (!isChartLocale(locale)) p.add('locale', `expected one of ${CHART_LOCALES.join(', ')}, got "${locale}"`);
  const out: GrowthChartQuery = { selection: {}, locale };
  if (chart === 'growth-curve') {
    onlyKnown(q, ['studyId', 'experimentIds', 'minEpoch', 'locale', 'ability', 'suite', 'shots', 'parameters', 'source'], p);
    const { parameters: _p, source: _s, ...rest } = q;
    out.selection = selectionOf(rest, p, true);
    out.ability = text(q, 'ability', p);
    out.suite = text(q, 'suite', p);
    if (out.ability === undefined && out.suite === undefined) p.add('ability', 'required: an ability key or `average` (or suite= for a benchmark)');
    out.shots = wholeNumber(q, 'shots', p, 0);
    const sizes = text(q, 'parameters', p);
    if (sizes !== undefined) {
      const list = sizes.split(',').map(Number);
      if (list.some((n) => !Number.isSafeInteger(n) || n < 1)) p.add('parameters', `expected a comma-separated list of parameter counts, got "${sizes}"`);
      else out.parameters = list;
    }
    const sources = text(q, 'source', p);
    if (sources !== undefined) {
      const list = sources.split(',');
      const bad = list.find((s) => !(SOURCES as readonly string[]).includes(s));
      if (bad !== undefined) p.add('source', `expected curated and/or synthetic, got "${bad}"`);
      else out.sources = list as DataSource[];
    }
  } else if (chart === 'score-by-epoch') {
    // the page sends its selection with every download; a run's chart is the run's alone, so it is read and left aside
    onlyKnown(q, ['experimentId', 'locale', 'suite', 'split', 'shots', 'minEpoch', 'studyId', 'experimentIds'], p);
    selectionOf({ studyId: q.studyId, experimentIds: q.experimentIds }, p, false);
    out.experimentId = uuid(text(q, 'experimentId', p), 'experimentId', p);
    if (q.experimentId === undefined || q.experimentId === '') p.add('experimentId', 'required: the run to draw');
    out.suite = text(q, 'suite', p);
    out.shots = wholeNumber(q, 'shots', p, 0);
    out.selection = { minEpoch: wholeNumber(q, 'minEpoch', p, 1) };
  } else {
    const { locale: _l, ...rest } = q;
    p.throwIfAny();
    out.probe = parseProbeQuery(rest);
  }
  p.throwIfAny();
  return out;
}

export interface ComparisonQuery {
  selection: GrowthSelection;
  baseline?: string;
  tolerance?: number;
}

/** GET /api/growth/compare. */
export function parseComparisonQuery(q: RawQuery): ComparisonQuery {
  const p = new Problems();
  onlyKnown(q, [...SELECTION_KEYS, 'baseline', 'tolerance'], p);
  const selection = selectionOf(q, p, true);
  const baseline = text(q, 'baseline', p);
  const tolerance = finiteNumber(q, 'tolerance', p);
  if (tolerance !== undefined && tolerance < 0) p.add('tolerance', `expected a number ≥ 0, got ${tolerance}`);
  p.throwIfAny();
  return { selection, baseline, tolerance };
}
