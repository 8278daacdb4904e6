import { createHash } from 'node:crypto';

/**
 * GLAN homework-question sampling (issue 15 item 2): a question is written for either one class session and 1–5 of
 * its key concepts, or two sessions and 2–5 concepts drawn across both with at least one from each. Everything here
 * is pure and seeded; a combination is named by a key (`comboKey`) so a run can record what it drew and a resumed
 * run can pass those keys back in and never draw them again.
 */

export interface ClassSession {
  /** As the syllabus names it; the position in the array is the session's order in the syllabus. */
  title: string;
  concepts: readonly string[];
}

export type SamplingStrategy = 'single' | 'pair';

/** One drawn combination: the sessions (ascending syllabus positions) and, per session, ascending concept indexes. */
export interface ConceptDraw {
  strategy: SamplingStrategy;
  key: string;
  picks: { session: number; concepts: number[] }[];
}

export const MAX_CONCEPTS = 5;

export function binomial(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) throw new Error(`binomial: bad arguments (${n}, ${k})`);
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Σ_{i=1..5} C(m, i): the combinations of one session with m key concepts. */
export function countSingleSession(m: number): number {
  let total = 0;
  for (let i = 1; i <= MAX_CONCEPTS; i++) total += binomial(m, i);
  return total;
}

/**
 * Σ_{i=2..5} [C(m1+m2, i) − C(m1, i) − C(m2, i)]: the combinations of 2–5 concepts from two sessions with at least
 * one concept from each.
 *
 * Why not the GLAN paper's printed Σ C(m1+m2, i) − Σ C(m2, i): that subtracts only the sets lying wholly inside the
 * second session, so it still counts the sets lying wholly inside the first — those are one-session questions (already
 * counted by the single-session strategy), and they break the rule the paper states in words, "at least one concept
 * from each session". Every i-subset of the m1+m2 concepts is wholly in session 1, wholly in session 2, or spans both
 * (the first two exclusive for i ≥ 1), so the spanning sets number C(m1+m2, i) − C(m1, i) − C(m2, i). i starts at 2
 * because one concept cannot span two sessions. The exhaustive test in concept-sampling.spec.ts enumerates the sets.
 */
export function countTwoSessions(m1: number, m2: number): number {
  let total = 0;
  for (let i = 2; i <= MAX_CONCEPTS; i++) total += binomial(m1 + m2, i) - binomial(m1, i) - binomial(m2, i);
  return total;
}

/** The whole space of a syllabus: every single-session combination, every pair of sessions' spanning combinations. */
export function countSpace(sessions: readonly ClassSession[]): { single: number; pair: number } {
  const m = sessions.map((s) => s.concepts.length);
  let single = 0;
  let pair = 0;
  for (let a = 0; a < m.length; a++) {
    single += countSingleSession(m[a]);
    for (let b = a + 1; b < m.length; b++) pair += countTwoSessions(m[a], m[b]);
  }
  return { single, pair };
}

/** `s3:0,2` for one session; `s1:4+s6:0,1` for two. Sessions and concepts are positions, ascending. */
export function comboKey(picks: readonly { session: number; concepts: readonly number[] }[]): string {
  return picks.map((p) => `s${p.session}:${p.concepts.join(',')}`).join('+');
}

const KEY_PART = /^s(\d+):(\d+(?:,\d+)*)$/;

/** Reads a key back, checking it names real sessions and concepts of this syllabus; throws naming the key otherwise. */
export function parseComboKey(key: string, sessions: readonly ClassSession[]): ConceptDraw {
  const parts = key.split('+');
  const fail = (why: string): never => {
    throw new Error(`concept combination key "${key}": ${why}`);
  };
  if (parts.length < 1 || parts.length > 2) fail('must name one or two sessions');
  const picks = parts.map((part) => {
    const m = KEY_PART.exec(part);
    if (!m) return fail(`"${part}" is not s<session>:<concept>,<concept>…`);
    const session = Number(m[1]);
    const concepts = m[2].split(',').map(Number);
    if (session >= sessions.length) fail(`session ${session} does not exist (the syllabus has ${sessions.length})`);
    for (let i = 0; i < concepts.length; i++) {
      if (concepts[i] >= sessions[session].concepts.length) fail(`session ${session} has no concept ${concepts[i]}`);
      if (i > 0 && concepts[i] <= concepts[i - 1]) fail('concepts must be ascending and distinct');
    }
    return { session, concepts };
  });
  const n = picks.reduce((s, p) => s + p.concepts.length, 0);
  if (picks.length === 2 && picks[1].session <= picks[0].session) fail('sessions must be ascending and distinct');
  if (picks.length === 2 && n < 2) fail('a two-session combination needs at least two concepts');
  if (n > MAX_CONCEPTS) fail(`more than ${MAX_CONCEPTS} concepts`);
  return { strategy: picks.length === 1 ? 'single' : 'pair', key, picks };
}

export interface SampleOptions {
  /** How many new combinations to draw. */
  count: number;
  /** Share of draws that use the two-session strategy, 0…1 (the rest use one session). */
  pairRatio: number;
  seed: number | string;
  /** Keys drawn before (an earlier, interrupted run of the same subject): never drawn again. */
  alreadyDrawn?: Iterable<string>;
}

export interface SampleResult {
  draws: ConceptDraw[];
  /** Set when fewer than `count` came back: why. */
  exhausted?: string;
}

/**
 * Draws `count` combinations never drawn before. Draw number n (counting the already-drawn ones) uses a random
 * stream seeded by (seed, n) only, so a run resumed with the keys it had drawn continues exactly as the run that was
 * never interrupted would have. The strategy follows `pairRatio`; when one strategy's space is used up the other is
 * used; when both are, fewer come back with the reason. Within a strategy: a session (or pair of sessions) uniformly
 * among those with combinations left, then a size uniformly among sizes with combinations left, then the concepts
 * uniformly — by rejection while unused ones are plentiful, else by listing the unused ones of that cell.
 */
export function sampleConceptCombinations(sessions: readonly ClassSession[], options: SampleOptions): SampleResult {
  const { count, pairRatio, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  if (!(pairRatio >= 0 && pairRatio <= 1)) throw new Error(`pairRatio must be between 0 and 1, got ${pairRatio}`);
  const used = new Set<string>();
  const cellUsed = new Map<string, number>();
  const remember = (d: ConceptDraw) => {
    used.add(d.key);
    const cell = cellKey(d.picks.map((p) => p.session), d.picks.reduce((s, p) => s + p.concepts.length, 0));
    cellUsed.set(cell, (cellUsed.get(cell) ?? 0) + 1);
  };
  for (const key of options.alreadyDrawn ?? []) if (!used.has(key)) remember(parseComboKey(key, sessions));

  const m = sessions.map((s) => s.concepts.length);
  const left = (ss: number[], k: number) => cellSize(ss.map((s) => m[s]), k) - (cellUsed.get(cellKey(ss, k)) ?? 0);
  const groupsLeft = (strategy: SamplingStrategy): number[][] => {
    const groups: number[][] = [];
    for (let a = 0; a < m.length; a++) {
      if (strategy === 'single') groups.push([a]);
      else for (let b = a + 1; b < m.length; b++) groups.push([a, b]);
    }
    return groups.filter((g) => sizesLeft(g).length > 0);
  };
  const sizesLeft = (g: number[]) => [1, 2, 3, 4, 5].filter((k) => left(g, k) > 0);

  const draws: ConceptDraw[] = [];
  while (draws.length < count) {
    const rng = seededRandom(`${seed}:${used.size}`);
    const preferred: SamplingStrategy = rng() < pairRatio ? 'pair' : 'single';
    let strategy = preferred;
    let groups = groupsLeft(strategy);
    if (groups.length === 0) {
      strategy = preferred === 'pair' ? 'single' : 'pair';
      groups = groupsLeft(strategy);
    }
    if (groups.length === 0) {
      const space = countSpace(sessions);
      return {
        draws,
        exhausted:
          `every combination of this syllabus has been drawn (${space.single} single-session + ${space.pair} two-session` +
          `, ${used.size} drawn in all); ${draws.length} of ${count} new ones returned`,
      };
    }
    const group = groups[Math.floor(rng() * groups.length)];
    const sizes = sizesLeft(group);
    const k = sizes[Math.floor(rng() * sizes.length)];
    const draw = drawInCell(sessions, group, k, used, left(group, k), rng);
    remember(draw);
    draws.push(draw);
  }
  return { draws };
}

function cellKey(sessions: number[], k: number): string {
  return `${sessions.join('+')}#${k}`;
}

/** Combinations of exactly k concepts in one session, or spanning both of two sessions. */
function cellSize(m: number[], k: number): number {
  if (m.length === 1) return binomial(m[0], k);
  return binomial(m[0] + m[1], k) - binomial(m[0], k) - binomial(m[1], k);
}

function drawInCell(
  sessions: readonly ClassSession[],
  group: number[],
  k: number,
  used: Set<string>,
  unusedInCell: number,
  rng: () => number,
): ConceptDraw {
  const strategy: SamplingStrategy = group.length === 1 ? 'single' : 'pair';
  // The pooled concepts of the group, as (session, concept) positions in syllabus order.
  const pool = group.flatMap((s) => sessions[s].concepts.map((_, c) => [s, c] as const));
  const toDraw = (chosen: number[]): ConceptDraw | null => {
    const picks = group
      .map((s) => ({ session: s, concepts: chosen.filter((i) => pool[i][0] === s).map((i) => pool[i][1]) }))
      .filter((p) => p.concepts.length > 0);
    if (picks.length !== group.length) return null; // a pair's draw must use both sessions
    return { strategy, key: comboKey(picks), picks };
  };
  const total = cellSize(group.map((s) => sessions[s].concepts.length), k);
  if (unusedInCell * 4 >= total) {
    for (let attempt = 0; attempt < 64; attempt++) {
      const d = toDraw(randomSubset(pool.length, k, rng));
      if (d && !used.has(d.key)) return d;
    }
  }
  // Few left (or unlucky): list the unused ones in a fixed order and pick one.
  const unused: ConceptDraw[] = [];
  forEachSubset(pool.length, k, (chosen) => {
    const d = toDraw(chosen);
    if (d && !used.has(d.key)) unused.push(d);
  });
  if (unused.length === 0) throw new Error(`internal: cell ${cellKey(group, k)} counted ${unusedInCell} unused but has none`);
  return unused[Math.floor(rng() * unused.length)];
}

/** k distinct indexes of 0…n−1, ascending (a partial Fisher–Yates shuffle). */
function randomSubset(n: number, k: number, rng: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k).sort((x, y) => x - y);
}

function forEachSubset(n: number, k: number, visit: (chosen: number[]) => void): void {
  const chosen: number[] = [];
  const rec = (start: number) => {
    if (chosen.length === k) return visit([...chosen]);
    for (let i = start; i <= n - (k - chosen.length); i++) {
      chosen.push(i);
      rec(i + 1);
      chosen.pop();
    }
  };
  rec(0);
}

/** sfc32 seeded from SHA-256 of the seed text: the same numbers in every process and Node version. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export interface QuestionContext {
  /** The syllabus's sessions from the first up to the last sampled one, in order: what the question may build on. */
  sessionsUpTo: { position: number; title: string; concepts: readonly string[] }[];
  /** The sampled sessions with the sampled concepts' text. */
  sampled: { position: number; title: string; concepts: string[] }[];
}

/** What a homework-question prompt conditions on: the sessions up to the sampled ones, and the sampled concepts. */
export function questionContext(sessions: readonly ClassSession[], draw: ConceptDraw): QuestionContext {
  const last = Math.max(...draw.picks.map((p) => p.session));
  if (last >= sessions.length) throw new Error(`draw ${draw.key} names session ${last}; the syllabus has ${sessions.length}`);
  return {
    sessionsUpTo: sessions.slice(0, last + 1).map((s, position) => ({ position, title: s.title, concepts: s.concepts })),
    sampled: draw.picks.map((p) => ({
      position: p.session,
      title: sessions[p.session].title,
      concepts: p.concepts.map((c) => {
        const text = sessions[p.session].concepts[c];
        if (text === undefined) throw new Error(`draw ${draw.key}: session ${p.session} has no concept ${c}`);
        return text;
      }),
    })),
  };
}
