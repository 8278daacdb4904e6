import type { ItemContent } from './revision-views';

export type { ItemContent } from './revision-views';

/** A readable rendering for diffs: one block per message, then the gold answer and choices. */
export function renderContent(c: ItemContent, abilityKey: string): string {
  const parts = c.messages.map((m) => `[${m.role}]\n${m.content}`);
  if (c.gold !== null) parts.push(`[gold]\n${c.gold}`);
  if (c.choices?.length) parts.push(`[choices]\n${c.choices.join('\n')}`);
  parts.push(`[ability]\n${abilityKey}`);
  return parts.join('\n\n') + '\n';
}
