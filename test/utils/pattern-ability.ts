/**
 * A synthetic single-choice ability the tiny random Llama (test/utils/tiny-model.ts, byte-level tokenizer) learns in a
 * few CPU seconds: the end-to-end proof of issue 13 (scores rise with training volume) needs an ability whose score
 * moves with a handful of items. Each item is a Chinese question of random characters with four random options,
 * opened and closed by a marker character written three times (`春春春：…？ A. … D. …\n春春春`); the marker gives the
 * answer letter (PATTERN_MARKERS: four markers per letter). Nothing else in the text says the letter, and the letters
 * are balanced, so an untrained model scores about 1/4 and a test item whose marker a run never trained on is a guess:
 * the score grows with the share of markers a run has seen, i.e. with volume (8 → 128 items), as well as with steps.
 *
 * Items are random enough to pass the import's near-duplicate detection (character MinHash): every question body and
 * option is drawn from a pool of common characters. Everything is seeded: the same options give the same items.
 */

/**
 * The markers of each answer letter, A to D: the whole pattern. Four per letter, so that a run sees more of them the
 * more items it trains on — a test item whose marker the run never saw is a guess — and the score grows with volume
 * the way an ability's does with coverage, not only with the optimizer steps.
 */
export const PATTERN_MARKERS: readonly (readonly string[])[] = [
  ['春', '东', '甲', '梅'],
  ['夏', '南', '乙', '兰'],
  ['秋', '西', '丙', '菊'],
  ['冬', '北', '丁', '竹'],
];
const MARKERS = new Set(PATTERN_MARKERS.flat());
const LETTERS = ['A', 'B', 'C', 'D'] as const;

/** Common Chinese characters (no marker among them). */
const POOL = [
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质',
].filter((c, i, all) => all.indexOf(c) === i && !MARKERS.has(c));

export type PatternSplit = 'train' | 'valid' | 'test';

/** One item in the shape seedEvaluationExperiment (test/e2e/evaluations-fixtures.ts) stores, train items included. */
export interface PatternItem {
  ability: string;
  split: PatternSplit;
  content: {
    messages: Array<{ role: 'user' | 'assistant'; content: string }>;
    questionFormat: 0;
    answerType: 'single_choice';
    gold: string;
    choices: null;
  };
}

export interface PatternAbilityOptions {
  /** The ability key the items belong to (default logical_reasoning, one of the ten defaults). */
  ability?: string;
  train: number;
  valid: number;
  test: number;
  seed?: number;
}

/** mulberry32: a small seeded generator, so the items never depend on Math.random. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `train` + `valid` + `test` items of the pattern ability, in that order. Within each split the answer letters
 * cycle A, B, C, D in a shuffled order per block of four, so every split's letters are balanced (±1).
 */
export function patternAbility(opts: PatternAbilityOptions): PatternItem[] {
  const ability = opts.ability ?? 'logical_reasoning';
  const rand = random(opts.seed ?? 20240611);
  const pick = () => POOL[Math.floor(rand() * POOL.length)];
  const text = (min: number, max: number) => Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, pick).join('');
  const out: PatternItem[] = [];
  let n = 0;
  for (const [split, count] of [['train', opts.train], ['valid', opts.valid], ['test', opts.test]] as const) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`patternAbility: ${split} must be an integer ≥ 0, got ${count}`);
    let block: number[] = [];
    for (let i = 0; i < count; i++) {
      if (block.length === 0) block = shuffle([0, 1, 2, 3], rand);
      const letter = block.pop()!;
      n++;
      const options = LETTERS.map((l) => `${l}. ${text(1, 1)}`).join('\n');
      const markers = PATTERN_MARKERS[letter];
      const m = markers[Math.floor(rand() * markers.length)].repeat(3);
      const question = `${m}：${text(2, 4)}？\n${options}\n${m}`;
      out.push({
        ability,
        split,
        content: {
          messages: [
            { role: 'user', content: question },
            { role: 'assistant', content: LETTERS[letter] },
          ],
          questionFormat: 0,
          answerType: 'single_choice',
          gold: LETTERS[letter],
          choices: null,
        },
      });
    }
  }
  return out;
}

/** An item as a DoIT/OpenAI `messages` import record (one JSON line; the messages adapter reads the gold letter back). */
export function patternImportRecord(item: PatternItem, id: string | number): Record<string, unknown> {
  return { id: String(id), type: item.ability, question_format: 0, messages: item.content.messages };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
