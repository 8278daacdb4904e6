import { renderChartPng, renderChartSvg } from './chart-renderer';
import type { ChartSpec } from './chart-spec';

/**
 * A chart spec as a file to download or embed: the formats the API serves, their content types, and the
 * Content-Disposition that names the file. One place for the experiments' and the growth page's chart routes.
 */
export const CHART_FILE_FORMATS = {
  svg: { contentType: 'image/svg+xml; charset=utf-8' },
  png: { contentType: 'image/png' },
} as const;
export type ChartFileFormat = keyof typeof CHART_FILE_FORMATS;

export function isChartFileFormat(format: string): format is ChartFileFormat {
  return Object.prototype.hasOwnProperty.call(CHART_FILE_FORMATS, format);
}

export interface RenderedChart {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Draws `spec` as an outlined SVG or a PNG (chart-renderer.ts), named `fileName`. */
export async function renderChartFile(spec: ChartSpec, format: ChartFileFormat, fileName: string): Promise<RenderedChart> {
  const body = format === 'svg' ? Buffer.from(await renderChartSvg(spec), 'utf8') : await renderChartPng(spec);
  return { body, contentType: CHART_FILE_FORMATS[format].contentType, fileName };
}

/**
 * `inline; filename="…"` (or attachment) for any file name: the quoted name keeps only printable ASCII (anything
 * else, and `"` or `\`, becomes `_`), and a name that lost something also goes as RFC 5987's `filename*=UTF-8''…`,
 * which browsers prefer, so a study named 中文能力 downloads as `中文能力-….png` and old clients still get a name.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === fileName) return `${type}; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A piece of a file name from free text (a study's or an ability's name): no path separators or control characters, spaces as dashes. */
export function fileNamePart(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
}
