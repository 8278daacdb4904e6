/**
 * The comparison key of a taxonomy name: two names with the same key are the same node among siblings, and drafts
 * are merged on it (issue 15 item 1). The displayed name is never changed; only comparisons use the key.
 *
 * - NFKC, not only NFC: full-width letters and digits (ＡＩ, １), ligatures and compatibility forms compare equal to
 *   their plain forms — Chinese input methods produce full-width text routinely.
 * - Case folded; `&` read as "and"; punctuation and symbols (ASCII and CJK: ，、（）《》·) are word breaks.
 * - Whitespace collapsed, and removed next to CJK characters ("计算 机科学" = "计算机科学"), where it carries no meaning.
 * - A simple English plural folded on each Latin word ("Sciences" = "Science", "Studies" = "Study"), but not
 *   words ending in -ss, -us, -is ("Class", "Status", "Analysis") or shorter than four letters.
 */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map(singular);
  return words.join(' ').replace(/ ?([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]) ?/gu, '$1');
}

function singular(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 4) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** How a name is stored and shown: NFC, trimmed, inner whitespace collapsed. */
export function displayName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}
