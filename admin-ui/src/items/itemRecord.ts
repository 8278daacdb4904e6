import type { RaRecord } from 'react-admin';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ItemRecord extends RaRecord<number> {
  messages: ChatMessage[];
  questionFormat: 0 | 1;
  choices: string[] | null;
  rawFile: string;
  rawLine: number;
}

/** The first user turn, on one line and cut short, for list rows. */
export function instructionPreview(item: ItemRecord, max = 120): string {
  const text = (item.messages.find((m) => m.role === 'user')?.content ?? '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
