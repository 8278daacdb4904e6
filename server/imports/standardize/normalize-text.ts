import type { ChatMessage } from '../import-types';
import { splitProtected } from './protected-spans';
import { fixPunctuationWidth } from './punctuation-width';
import { halfWidthAlnum, normalizeProseWhitespace } from './prose-whitespace';

/**
 * The standard form of a message's text, applied before storage. Idempotent. Code (fenced blocks,
 * inline code, HTML <pre>/<code>) and math ($…$, $$…$$, \(…\), \[…\]) are kept byte-for-byte
 * apart from CRLF/CR → LF. Prose gets: NFC; other space separators → ' '; U+3000 dropped at a line
 * start (Chinese paragraph indent) and → ' ' elsewhere; space runs → one (line indentation kept);
 * trailing spaces cut; 3+ newlines → 2; full-width letters/digits → ASCII; the width of ,.:;!?()
 * made to agree with the CJK or Latin text around them (see fixPunctuationWidth). The whole text is
 * trimmed.
 */
export function normalizeText(input: string): string {
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const spans = splitProtected(text);
  let out = '';
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k];
    if (span.kept) {
      out += span.text;
      continue;
    }
    const startsLine = out.length === 0 || out.endsWith('\n');
    let prose = normalizeProseWhitespace(span.text, startsLine);
    prose = halfWidthAlnum(prose).normalize('NFC');
    out += fixPunctuationWidth(prose, k === 0, k === spans.length - 1);
  }
  return out.trim();
}

/** The messages' contents joined by newlines (for search, de-duplication and length checks). */
export function messagesText(messages: ChatMessage[]): string {
  return messages.map((m) => m.content).join('\n');
}
