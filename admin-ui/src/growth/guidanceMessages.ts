/**
 * The guidance reasons' sentences (`pace.guidance.*`), merged by i18n/en.ts and i18n/zh.ts: the same keys and words as
 * server/analysis/guidance/guidance-messages.ts (growth/guidance.test.ts checks every key renders as the server's
 * text). guidanceText.ts writes the parameters as the server does before they are put in.
 */
export const en = {
  quota: {
    resistant: '%{ability} is resistant: neither more data nor a larger model raised it significantly, so it stays at the floor of %{floor} items.',
    sizeSensitiveOnly: '%{ability} grows with model size but not significantly with data, so more items are not expected to help; it stays at the floor of %{floor} items.',
    plateaued: '%{ability} has plateaued from about %{cap} items, so it is capped at %{cap}.',
    responsive: "%{ability} still grows with data (α = %{alpha}): it gets items while its next item adds more than another ability's; its last item adds %{marginal}.",
    availableLimit: 'Only %{available} items of %{ability} are available, so its quota stops there.',
    cutToBudget: 'The budget does not cover every floor: %{ability} gets %{quota} of its %{target} items.',
    expectedChange: 'Expected score change %{change} (fitted curve, %{current} → %{quota} items).',
    noCurrentItems: 'No items of %{ability} yet, so there is no change to report; the fitted score at %{quota} items is %{score}.',
  },
  budget: {
    met: 'All %{budget} items of the budget are allocated.',
    notEnoughItems: 'Only %{allocated} of the %{budget} items can be allocated (%{unallocated} left over): every ability is at its floor, its cap or its available items.',
    belowFloors: 'The budget of %{budget} items is below the floors (%{needed} items), so every floor is cut in proportion.',
  },
  hours: {
    worthMost: 'The next %{hours} hours are worth most in %{abilities}.',
    nothingToGain: 'No ability is expected to gain from the next %{hours} hours of annotation.',
    notFromData: '%{ability} is not expected to gain from more data (%{class}).',
    atCap: '%{ability} is already at its plateau cap of %{cap} items.',
    gain: '%{ability}: about %{acceptedPerHour} accepted items per hour, expected gain %{gainPerHour} per hour.',
  },
};

export const zh: typeof en = {
  quota: {
    resistant: '%{ability} 对数据量和模型规模都不敏感(提升均不显著),因此保持在下限 %{floor} 条。',
    sizeSensitiveOnly: '%{ability} 随模型规模提升,但随数据量的提升不显著,增加数据预计无益;保持在下限 %{floor} 条。',
    plateaued: '%{ability} 约从 %{cap} 条起进入平台期,因此上限为 %{cap} 条。',
    responsive: '%{ability} 仍随数据增长(α = %{alpha}):只要它的下一条数据比其他能力带来更多提升就继续分配;最后一条带来 %{marginal}。',
    availableLimit: '%{ability} 只有 %{available} 条可用,配额到此为止。',
    cutToBudget: '预算不足以满足所有下限:%{ability} 只分到 %{target} 条中的 %{quota} 条。',
    expectedChange: '预期分数变化 %{change}(按拟合曲线,%{current} → %{quota} 条)。',
    noCurrentItems: '%{ability} 目前没有数据,无法给出变化;拟合曲线在 %{quota} 条时的分数为 %{score}。',
  },
  budget: {
    met: '预算的全部 %{budget} 条均已分配。',
    notEnoughItems: '%{budget} 条预算中只能分配 %{allocated} 条(剩余 %{unallocated} 条):每个能力都已达到下限、上限或可用数据量。',
    belowFloors: '%{budget} 条预算低于各能力下限之和(%{needed} 条),因此按比例削减每个下限。',
  },
  hours: {
    worthMost: '接下来 %{hours} 小时的标注最值得投入在 %{abilities}。',
    nothingToGain: '预计接下来 %{hours} 小时的标注不会提升任何能力。',
    notFromData: '%{ability} 预计不会因更多数据而提升(%{class})。',
    atCap: '%{ability} 已达到平台期上限 %{cap} 条。',
    gain: '%{ability}:每小时约通过 %{acceptedPerHour} 条,预期每小时提升 %{gainPerHour}。',
  },
};
