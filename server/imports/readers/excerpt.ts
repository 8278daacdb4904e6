import { decodeLenient } from './utf8-decode';

export const EXCERPT_CHARS = 200;

/** The first EXCERPT_CHARS code units, never ending inside a surrogate pair. */
export function excerptOf(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const last = text.charCodeAt(EXCERPT_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? EXCERPT_CHARS - 1 : EXCERPT_CHARS);
}

/** Excerpt of raw bytes that may be cut mid-character or be invalid UTF-8. */
export function excerptOfBytes(bytes: Uint8Array): string {
  return excerptOf(decodeLenient(bytes.subarray(0, EXCERPT_CHARS * 4)));
}
