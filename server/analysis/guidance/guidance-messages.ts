/**
 * The reasoning guidance gives, as short sentences in the admin UI's two languages. Each reason carries its message key
 * (the UI's `pace.guidance.*` messages use the same keys and parameters) and both rendered strings, so the API, the
 * CLI and exports can show it without the UI.
 */
export type GuidanceLocale = 'en' | 'zh-CN';
export type ReasonParams = Record<string, string | number | readonly string[]>;

export interface GuidanceReason {
  key: GuidanceMessageKey;
  params: ReasonParams;
  text: Record<GuidanceLocale, string>;
}

type Template = (p: ReasonParams) => string;

type Param = ReasonParams[string];
const signed = (x: Param) => (typeof x === 'number' ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}` : String(x));
const fixed = (x: Param) => (typeof x === 'number' ? x.toFixed(3) : String(x));
const list = (x: Param, separator: string) => (Array.isArray(x) ? x.join(separator) : String(x));

const MESSAGES = {
  'pace.guidance.quota.resistant': {
    en: (p) => `${p.ability} is resistant: neither more data nor a larger model raised it significantly, so it stays at the floor of ${p.floor} items.`,
    'zh-CN': (p) => `${p.ability} 对数据量和模型规模都不敏感(提升均不显著),因此保持在下限 ${p.floor} 条。`,
  },
  'pace.guidance.quota.sizeSensitiveOnly': {
    en: (p) => `${p.ability} grows with model size but not significantly with data, so more items are not expected to help; it stays at the floor of ${p.floor} items.`,
    'zh-CN': (p) => `${p.ability} 随模型规模提升,但随数据量的提升不显著,增加数据预计无益;保持在下限 ${p.floor} 条。`,
  },
  'pace.guidance.quota.plateaued': {
    en: (p) => `${p.ability} has plateaued from about ${p.cap} items, so it is capped at ${p.cap}.`,
    'zh-CN': (p) => `${p.ability} 约从 ${p.cap} 条起进入平台期,因此上限为 ${p.cap} 条。`,
  },
  'pace.guidance.quota.responsive': {
    en: (p) => `${p.ability} still grows with data (α = ${fixed(p.alpha)}): it gets items while its next item adds more than another ability's; its last item adds ${fixed(p.marginal)}.`,
    'zh-CN': (p) => `${p.ability} 仍随数据增长(α = ${fixed(p.alpha)}):只要它的下一条数据比其他能力带来更多提升就继续分配;最后一条带来 ${fixed(p.marginal)}。`,
  },
  'pace.guidance.quota.availableLimit': {
    en: (p) => `Only ${p.available} items of ${p.ability} are available, so its quota stops there.`,
    'zh-CN': (p) => `${p.ability} 只有 ${p.available} 条可用,配额到此为止。`,
  },
  'pace.guidance.quota.cutToBudget': {
    en: (p) => `The budget does not cover every floor: ${p.ability} gets ${p.quota} of its ${p.target} items.`,
    'zh-CN': (p) => `预算不足以满足所有下限:${p.ability} 只分到 ${p.target} 条中的 ${p.quota} 条。`,
  },
  'pace.guidance.quota.expectedChange': {
    en: (p) => `Expected score change ${signed(p.change)} (fitted curve, ${p.current} → ${p.quota} items).`,
    'zh-CN': (p) => `预期分数变化 ${signed(p.change)}(按拟合曲线,${p.current} → ${p.quota} 条)。`,
  },
  'pace.guidance.quota.noCurrentItems': {
    en: (p) => `No items of ${p.ability} yet, so there is no change to report; the fitted score at ${p.quota} items is ${fixed(p.score)}.`,
    'zh-CN': (p) => `${p.ability} 目前没有数据,无法给出变化;拟合曲线在 ${p.quota} 条时的分数为 ${fixed(p.score)}。`,
  },
  'pace.guidance.budget.met': {
    en: (p) => `All ${p.budget} items of the budget are allocated.`,
    'zh-CN': (p) => `预算的全部 ${p.budget} 条均已分配。`,
  },
  'pace.guidance.budget.notEnoughItems': {
    en: (p) => `Only ${p.allocated} of the ${p.budget} items can be allocated (${p.unallocated} left over): every ability is at its floor, its cap or its available items.`,
    'zh-CN': (p) => `${p.budget} 条预算中只能分配 ${p.allocated} 条(剩余 ${p.unallocated} 条):每个能力都已达到下限、上限或可用数据量。`,
  },
  'pace.guidance.budget.belowFloors': {
    en: (p) => `The budget of ${p.budget} items is below the floors (${p.needed} items), so every floor is cut in proportion.`,
    'zh-CN': (p) => `${p.budget} 条预算低于各能力下限之和(${p.needed} 条),因此按比例削减每个下限。`,
  },
  'pace.guidance.hours.worthMost': {
    en: (p) => `The next ${p.hours} hours are worth most in ${list(p.abilities, ', ')}.`,
    'zh-CN': (p) => `接下来 ${p.hours} 小时的标注最值得投入在 ${list(p.abilities, '、')}。`,
  },
  'pace.guidance.hours.nothingToGain': {
    en: (p) => `No ability is expected to gain from the next ${p.hours} hours of annotation.`,
    'zh-CN': (p) => `预计接下来 ${p.hours} 小时的标注不会提升任何能力。`,
  },
  'pace.guidance.hours.notFromData': {
    en: (p) => `${p.ability} is not expected to gain from more data (${p.class}).`,
    'zh-CN': (p) => `${p.ability} 预计不会因更多数据而提升(${p.class})。`,
  },
  'pace.guidance.hours.atCap': {
    en: (p) => `${p.ability} is already at its plateau cap of ${p.cap} items.`,
    'zh-CN': (p) => `${p.ability} 已达到平台期上限 ${p.cap} 条。`,
  },
  'pace.guidance.hours.gain': {
    en: (p) => `${p.ability}: about ${fixed(p.acceptedPerHour)} accepted items per hour, expected gain ${signed(p.gainPerHour)} per hour.`,
    'zh-CN': (p) => `${p.ability}:每小时约通过 ${fixed(p.acceptedPerHour)} 条,预期每小时提升 ${signed(p.gainPerHour)}。`,
  },
} satisfies Record<string, Record<GuidanceLocale, Template>>;

export type GuidanceMessageKey = keyof typeof MESSAGES;
export const GUIDANCE_MESSAGE_KEYS = Object.keys(MESSAGES) as GuidanceMessageKey[];

export function reason(key: GuidanceMessageKey, params: ReasonParams): GuidanceReason {
  const templates: Record<GuidanceLocale, Template> = MESSAGES[key];
  return { key, params, text: { en: templates.en(params), 'zh-CN': templates['zh-CN'](params) } };
}
