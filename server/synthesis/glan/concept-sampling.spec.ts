import { describe, expect, it } from 'vitest';
import {
  binomial,
  type ClassSession,
  comboKey,
  countSingleSession,
  countSpace,
  countTwoSessions,
  parseComboKey,
  questionContext,
  sampleConceptCombinations,
  seededRandom,
} from './concept-sampling';

function syllabus(...conceptCounts: number[]): ClassSession[] {
  return conceptCounts.map((m, s) => ({ title: `Session ${s + 1}`, concepts: Array.from({ length: m }, (_, c) => `concept ${s + 1}.${c + 1}`) }));
}

/** Every subset of 1…5 of the pooled concepts, enumerated by bit mask: the ground truth the formulas must match. */
function bruteForce(m1: number, m2: number): { single: number; spanning: number } {
  let single = 0;
  let spanning = 0;
  for (let mask = 1; mask < 1 << (m1 + m2); mask++) {
    const bits = mask.toString(2).split('').filter((b) => b === '1').length;
    if (bits > 5) continue;
    const inFirst = (mask & ((1 << m1) - 1)) !== 0;
    const inSecond = mask >> m1 !== 0;
    if (inFirst && inSecond) spanning++;
    else if (inFirst && m2 === 0) single++;
  }
  return { single, spanning };
}

describe('GLAN concept-combination counts', () => {
  it('binomial coefficients', () => {
    expect([binomial(0, 0), binomial(5, 2), binomial(10, 5), binomial(4, 7), binomial(40, 5)]).toEqual([1, 10, 252, 0, 658008]);
  });

  it('issue 15 item 2: one session with m concepts has Σ_{i=1..5} C(m, i) combinations (enumerated for m ≤ 9)', () => {
    for (let m = 0; m <= 9; m++) expect(countSingleSession(m), `m = ${m}`).toBe(bruteForce(m, 0).single);
    expect(countSingleSession(6)).toBe(6 + 15 + 20 + 15 + 6);
  });

  it('issue 15 item 2: two sessions have Σ_{i=2..5} [C(m1+m2, i) − C(m1, i) − C(m2, i)] spanning combinations (enumerated), not the paper’s printed Σ C(m1+m2, i) − Σ C(m2, i)', () => {
    for (let m1 = 0; m1 <= 6; m1++) {
      for (let m2 = 0; m2 <= 6; m2++) expect(countTwoSessions(m1, m2), `m1 = ${m1}, m2 = ${m2}`).toBe(bruteForce(m1, m2).spanning);
    }
    // m1 = 3, m2 = 2: the paper's printed rule counts the 7 subsets inside session 1 as well
    let paper = 0;
    for (let i = 1; i <= 5; i++) paper += binomial(5, i) - binomial(2, i);
    expect(paper - countTwoSessions(3, 2)).toBe(countSingleSession(3));
  });
});

describe(sampleConceptCombinations.name, () => {
  it('issue 15 item 2: exhausting small syllabi draws every combination exactly once, as many as the formulas say, then says it is exhausted', () => {
    for (const counts of [[3], [2, 3], [1, 1], [4, 0, 2], [3, 3, 2]]) {
      const sessions = syllabus(...counts);
      const space = countSpace(sessions);
      const total = space.single + space.pair;
      const { draws, exhausted } = sampleConceptCombinations(sessions, { count: total + 5, pairRatio: 0.5, seed: 7 });
      expect(draws.length, `sessions ${counts}`).toBe(total);
      expect(new Set(draws.map((d) => d.key)).size).toBe(total);
      expect(draws.filter((d) => d.strategy === 'pair').length).toBe(space.pair);
      expect(exhausted).toMatch(/every combination of this syllabus has been drawn/);
      expect(exhausted).toContain(`${total} of ${total + 5} new ones returned`);
    }
  });

  it('issue 15 item 2: every two-session draw uses concepts from both sessions (2–5 in all); every one-session draw 1–5 from one', () => {
    const sessions = syllabus(4, 3, 5, 2);
    const { draws } = sampleConceptCombinations(sessions, { count: 400, pairRatio: 0.6, seed: 'spans' });
    expect(draws).toHaveLength(400);
    for (const d of draws) {
      const n = d.picks.reduce((s, p) => s + p.concepts.length, 0);
      if (d.strategy === 'pair') {
        expect(d.picks).toHaveLength(2);
        expect(d.picks.every((p) => p.concepts.length >= 1)).toBe(true);
        expect(d.picks[0].session).toBeLessThan(d.picks[1].session);
        expect(n).toBeGreaterThanOrEqual(2);
      } else {
        expect(d.picks).toHaveLength(1);
        expect(n).toBeGreaterThanOrEqual(1);
      }
      expect(n).toBeLessThanOrEqual(5);
      expect(parseComboKey(d.key, sessions)).toEqual(d);
    }
  });

  it('issue 15 item 2: the ratio of strategies follows pairRatio, and 0 / 1 use one strategy only', () => {
    const sessions = syllabus(8, 8, 8, 8, 8, 8, 8, 8, 8, 8); // 2180 one-session combinations: 2000 draws never run out
    const ratio = (r: number) => sampleConceptCombinations(sessions, { count: 2000, pairRatio: r, seed: 3 }).draws.filter((d) => d.strategy === 'pair').length / 2000;
    expect(ratio(0)).toBe(0);
    expect(ratio(1)).toBe(1);
    expect(ratio(0.3)).toBeGreaterThan(0.26);
    expect(ratio(0.3)).toBeLessThan(0.34);
  });

  it('issue 15 item 2: seeded — the same seed draws the same, another seed draws differently', () => {
    const sessions = syllabus(5, 4, 6);
    const a = sampleConceptCombinations(sessions, { count: 30, pairRatio: 0.5, seed: 11 }).draws.map((d) => d.key);
    expect(sampleConceptCombinations(sessions, { count: 30, pairRatio: 0.5, seed: 11 }).draws.map((d) => d.key)).toEqual(a);
    expect(sampleConceptCombinations(sessions, { count: 30, pairRatio: 0.5, seed: 12 }).draws.map((d) => d.key)).not.toEqual(a);
  });

  it('issue 15 item 2: a resumed run never repeats a drawn combination and continues as the uninterrupted run would have', () => {
    const sessions = syllabus(3, 2, 4);
    const whole = sampleConceptCombinations(sessions, { count: 60, pairRatio: 0.5, seed: 'r' }).draws.map((d) => d.key);
    const first = sampleConceptCombinations(sessions, { count: 25, pairRatio: 0.5, seed: 'r' }).draws.map((d) => d.key);
    const second = sampleConceptCombinations(sessions, { count: 35, pairRatio: 0.5, seed: 'r', alreadyDrawn: first }).draws.map((d) => d.key);
    expect(first.filter((k) => second.includes(k))).toEqual([]);
    expect([...first, ...second]).toEqual(whole);
    // resumed until the space is used up: still no repeats
    const space = countSpace(sessions);
    const rest = sampleConceptCombinations(sessions, { count: 10_000, pairRatio: 0.5, seed: 'other', alreadyDrawn: whole });
    expect(rest.draws).toHaveLength(space.single + space.pair - 60);
    expect(new Set([...whole, ...rest.draws.map((d) => d.key)]).size).toBe(space.single + space.pair);
    expect(rest.exhausted).toBeDefined();
  });

  it('falls back to the other strategy when one is used up (one session only: no pairs exist)', () => {
    const { draws, exhausted } = sampleConceptCombinations(syllabus(3), { count: 7, pairRatio: 1, seed: 1 });
    expect(draws.map((d) => d.strategy)).toEqual(Array(7).fill('single'));
    expect(exhausted).toBeUndefined();
    expect(sampleConceptCombinations(syllabus(0, 0), { count: 1, pairRatio: 0.5, seed: 1 })).toMatchObject({ draws: [], exhausted: expect.stringContaining('0 single-session + 0 two-session') });
  });

  it('bad input: an already-drawn key that does not fit the syllabus, a bad count or ratio — named in the error', () => {
    const sessions = syllabus(2, 2);
    const run = (alreadyDrawn: string[]) => () => sampleConceptCombinations(sessions, { count: 1, pairRatio: 0.5, seed: 1, alreadyDrawn });
    expect(run(['s5:0'])).toThrow('concept combination key "s5:0": session 5 does not exist (the syllabus has 2)');
    expect(run(['s0:3'])).toThrow('session 0 has no concept 3');
    expect(run(['s1:0+s0:1'])).toThrow('sessions must be ascending');
    expect(run(['s0:1,0'])).toThrow('ascending and distinct');
    expect(run(['zz'])).toThrow('"zz" is not s<session>');
    expect(() => sampleConceptCombinations(sessions, { count: -1, pairRatio: 0.5, seed: 1 })).toThrow('count must be');
    expect(() => sampleConceptCombinations(sessions, { count: 1, pairRatio: 1.5, seed: 1 })).toThrow('pairRatio must be between 0 and 1, got 1.5');
  });

  it('keys: one session `s<i>:<concepts>`, two sessions joined by +', () => {
    expect(comboKey([{ session: 3, concepts: [0, 2] }])).toBe('s3:0,2');
    expect(comboKey([{ session: 1, concepts: [4] }, { session: 6, concepts: [0, 1] }])).toBe('s1:4+s6:0,1');
  });

  it('the seeded stream is the same in every process (golden values)', () => {
    const r = seededRandom('pace');
    const xs = [r(), r(), r()];
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.map((x) => Math.floor(x * 1e6))).toMatchInlineSnapshot(`
      [
        94497,
        181846,
        315111,
      ]
    `);
  });
});

describe(questionContext.name, () => {
  it('issue 15 item 2: the question conditions on the sessions up to the last sampled one and on the sampled concepts', () => {
    const sessions = syllabus(2, 3, 2, 4);
    const ctx = questionContext(sessions, parseComboKey('s0:1+s2:0,1', sessions));
    expect(ctx.sessionsUpTo.map((s) => s.title)).toEqual(['Session 1', 'Session 2', 'Session 3']);
    expect(ctx.sampled).toEqual([
      { position: 0, title: 'Session 1', concepts: ['concept 1.2'] },
      { position: 2, title: 'Session 3', concepts: ['concept 3.1', 'concept 3.2'] },
    ]);
    expect(questionContext(sessions, parseComboKey('s3:3', sessions)).sessionsUpTo).toHaveLength(4);
  });
});
