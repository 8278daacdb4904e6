import { createHash } from 'node:crypto';

/**
 * A version's content hash: hex SHA-256 over one line per item, in ascending item id order,
 * `<item id>\t<ability key>\t<split>\t<snapshot hash hex>\n` (UTF-8). The snapshot hash is the SHA-256 of the
 * item's canonical content (see canonicalJson), so the version hash covers every item's exact content, its
 * ability and its split, and nothing else.
 */
export function versionHasher() {
  const h = createHash('sha256');
  return {
    add(rows: Array<{ itemId: string | number; ability: string; split: string; hash: string }>) {
      h.update(rows.map((r) => `${r.itemId}\t${r.ability}\t${r.split}\t${r.hash}\n`).join(''), 'utf8');
    },
    digest: () => h.digest('hex'),
  };
}
