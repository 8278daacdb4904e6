import { statSync } from 'node:fs';

/**
 * The one font every server-drawn chart uses: Noto Sans SC Regular (SIL Open Font License 1.1), a TrueType file that
 * the npm package @expo-google-fonts/noto-sans-sc carries, so `npm ci` brings it to every machine and image and no
 * chart depends on the fonts a machine happens to have (Debian's fonts-noto-cjk, or none). It covers Simplified
 * Chinese, Latin, digits and the punctuation the labels use.
 */
export const CHART_FONT_FAMILY = 'Noto Sans SC';

const FONT_MODULE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

let resolved: string | undefined;

/** The font file's absolute path; throws, naming the package, when node_modules lacks it (e.g. pruned by hand). */
export function chartFontFile(): string {
  if (resolved) return resolved;
  let path: string;
  try {
    path = require.resolve(FONT_MODULE);
    statSync(path);
  } catch (err) {
    throw new Error(`Chart font missing: ${FONT_MODULE} is not in node_modules (it is a dependency; run npm ci): ${(err as Error).message}`);
  }
  return (resolved = path);
}
