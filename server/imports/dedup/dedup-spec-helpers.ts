/** Shared by the dedup specs: a seeded PRNG, random Chinese text and the exact n-gram Jaccard. */

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Common-range CJK ideographs (U+4E00…), `length` of them. */
export function randomHan(random: () => number, length: number, pool = 2500): string {
  const chars = new Array<string>(length);
  for (let i = 0; i < length; i++) chars[i] = String.fromCharCode(0x4e00 + Math.floor(random() * pool));
  return chars.join('');
}

/** Replaces `count` distinct random positions with other ideographs. */
export function substitute(random: () => number, text: string, count: number): string {
  const chars = [...text];
  const positions = new Set<number>();
  while (positions.size < Math.min(count, chars.length)) positions.add(Math.floor(random() * chars.length));
  for (const p of positions) {
    const original = chars[p].codePointAt(0) as number;
    chars[p] = String.fromCodePoint(0x4e00 + ((original - 0x4e00 + 1 + Math.floor(random() * 2000)) % 20000));
  }
  return chars.join('');
}

/** Reference Jaccard of the character n-gram sets (code points; short texts are one shingle). */
export function exactJaccard(a: string, b: string, n = 5): number {
  const sa = shingleSet(a, n);
  const sb = shingleSet(b, n);
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / (sa.size + sb.size - common);
}

function shingleSet(text: string, n: number): Set<string> {
  const chars = [...text];
  if (chars.length < n) return new Set([chars.join('')]);
  const set = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) set.add(chars.slice(i, i + n).join(''));
  return set;
}

/** ~200 characters of ordinary Chinese prose. */
export const PASSAGE_SPRING =
  '春天来到了江南水乡，河边的柳树抽出了嫩绿的新芽，桃花和杏花竞相开放，空气中弥漫着淡淡的花香。' +
  '清晨，薄雾笼罩着小镇，石板路上还残留着夜里的露水。老人们在茶馆里喝茶聊天，孩子们背着书包走向学校。' +
  '午后的阳光温暖而柔和，渔船缓缓驶过石桥，船夫哼着古老的歌谣。傍晚时分，炊烟从家家户户的屋顶升起，' +
  '晚霞把整条河染成了金红色。这样宁静而美好的日子，让每一个远方的游子都魂牵梦萦，总想着回到故乡，再看一眼那熟悉的风景。';

export const PASSAGE_CODE_REVIEW =
  '在软件开发过程中，代码审查是保证质量的重要环节。审查者需要关注程序的正确性、可读性以及性能，' +
  '同时检查边界条件和异常处理是否完善。一个好的审查意见应当具体、客观，并给出改进的建议，而不是简单地否定。' +
  '团队可以制定统一的编码规范，借助自动化工具完成格式检查和静态分析，把人工审查的精力留给设计与逻辑。' +
  '长期坚持下来，不仅能减少线上故障，还能促进成员之间的知识分享，让整个团队的技术水平稳步提高。';
