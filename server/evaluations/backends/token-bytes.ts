/** GPT-2's byte-level alphabet: the printable character standing for each byte in a byte-level BPE vocabulary. */
function byteLevelDecoder(): Map<string, number> {
  const bytes: number[] = [];
  for (let b = 33; b <= 126; b++) bytes.push(b);
  for (let b = 161; b <= 172; b++) bytes.push(b);
  for (let b = 174; b <= 255; b++) bytes.push(b);
  const chars = bytes.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bytes.includes(b)) {
      bytes.push(b);
      chars.push(256 + n++);
    }
  }
  return new Map(bytes.map((b, i) => [String.fromCharCode(chars[i]), b]));
}

const BYTE_LEVEL = byteLevelDecoder();

/** The bytes a vocabulary entry stands for: `<0xE4>` (SentencePiece byte fallback) or byte-level characters; else null. */
export function tokenBytes(vocabString: string): Uint8Array | null {
  const fallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(vocabString);
  if (fallback) return Uint8Array.of(parseInt(fallback[1], 16));
  const out: number[] = [];
  for (const ch of vocabString) {
    const b = BYTE_LEVEL.get(ch);
    if (b === undefined) return null;
    out.push(b);
  }
  return out.length ? Uint8Array.from(out) : null;
}
