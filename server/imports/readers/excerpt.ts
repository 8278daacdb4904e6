import { decodeLenient } from './utf8-decode';

export const EXCERPT_CHARS = 200;

export function excerptOf(text: string): string {
  return text.length <= EXCERPT_CHARS ? text : text.slice(0, EXCERPT_CHARS);
}

/** Excerpt of raw bytes that may be cut mid-character or be invalid UTF-8. */
export function excerptOfBytes(bytes: Uint8Array): string {
  return excerptOf(decodeLenient(bytes.subarray(0, EXCERPT_CHARS * 4)));
}
