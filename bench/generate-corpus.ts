import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const PUNCT = '，。；：！？';
const TYPES = ['biology', 'history', 'code', 'creative_writing', 'chinese', 'dialogue_understanding', 'role_play', 'logical_reasoning', 'cot_math', 'ethics'];

/** xorshift32: the same file on every machine. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x;
  };
}

function sentence(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += i > 0 && next() % 13 === 0 ? PUNCT[next() % PUNCT.length] : HAN[next() % HAN.length];
  return s + '。';
}

export interface CorpusShape {
  lines: number;
  exactDuplicateRate: number;
  nearDuplicateRate: number;
}

/**
 * Writes a messages-format JSONL corpus: Chinese questions of 60–200 characters and answers of 100–400,
 * with a share of exact duplicates (re-punctuated) and near duplicates (one character changed).
 */
export async function generateCorpus(path: string, shape: CorpusShape): Promise<number> {
  const next = rng(20231030);
  const out = createWriteStream(path);
  const recent: Array<{ q: string; a: string }> = [];
  let bytes = 0;
  for (let i = 0; i < shape.lines; i++) {
    const roll = (next() % 10_000) / 10_000;
    let q: string;
    let a: string;
    if (recent.length > 0 && roll < shape.exactDuplicateRate) {
      ({ q, a } = recent[next() % recent.length]);
      q = q.replace(/，/g, ', ');
    } else if (recent.length > 0 && roll < shape.exactDuplicateRate + shape.nearDuplicateRate) {
      ({ q, a } = recent[next() % recent.length]);
      const at = next() % a.length;
      a = a.slice(0, at) + HAN[next() % HAN.length] + a.slice(at + 1);
    } else {
      q = sentence(next, 60 + (next() % 140));
      a = sentence(next, 100 + (next() % 300));
      recent.push({ q, a });
      if (recent.length > 1000) recent.shift();
    }
    const line = JSON.stringify({
      messages: [{ role: 'user', content: q }, { role: 'assistant', content: a }],
      type: TYPES[i % TYPES.length],
      question_format: 1,
    }) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
