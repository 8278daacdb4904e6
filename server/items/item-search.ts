import { normalizeText } from '../imports/standardize/normalize-text';

const MAX_TERMS = 8;

/**
 * The ILIKE patterns for a search box entry: one group per whitespace-separated term (an item must match every
 * group), each holding the term as typed and in the standard form imports store (full-width digits and letters
 * made ASCII, `?` beside Chinese made `？`, …), so `第１２题` finds `第12题`. Chinese needs no word splitting:
 * a term is a plain substring. LIKE wildcards in the input are escaped, so `100%` means those four characters.
 */
export function searchPatterns(q: string): string[][] {
  const terms = [...new Set(q.normalize('NFC').split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
  return terms.map((term) => [...new Set([term, normalizeText(term)])].filter(Boolean).map((t) => `%${escapeLike(t)}%`));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
