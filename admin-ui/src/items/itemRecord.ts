import type { Wire } from '../../../server/common/wire';
import type { ItemDetailView } from '../../../server/items/item-views';

export type { ChatMessage } from '../../../server/imports/import-types';

/** GET /items[/:id] as it arrives over JSON: the server's view type. */
export type ItemRecord = Wire<ItemDetailView>;

/** The first user turn, on one line and cut short, for list rows. */
export function instructionPreview(item: Pick<ItemRecord, 'messages'>, max = 120): string {
  const text = (item.messages.find((m) => m.role === 'user')?.content ?? '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
