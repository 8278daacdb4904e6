import { describe, expect, it } from 'vitest';
import { decodePng, inkIn, rasterizeSvg, type Box } from '../../test/utils/png';
import { handCurves } from '../analysis/growth/hand-curves.fixture';
import type { ScatterPoint } from '../analysis/probe/probe-scatter';
import { pearsonCorrelation } from '../analysis/stats/correlation';
import { chartMessages, growthCurveLabels } from './chart-messages';
import { chartToSvgMarkup, renderChartPng, renderChartSvg } from './chart-renderer';
import { DEFAULT_CHART_SIZE } from './chart-spec';
import { growthCurveChart } from './specs/growth-curve';
import { sensitivityScatterChart } from './specs/sensitivity-scatter';

/** The centred title (top: 8, 16 px) at the default 800 × 400; the subtitle starts below it. */
const TITLE_BAND: Box = { x: 0, y: 0, width: DEFAULT_CHART_SIZE.width, height: 30 };
const scaled = (b: Box, k: number): Box => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });

/** ECharts draws a line series as an unfilled path without a transform (legend swatches have one). */
const seriesLines = (svg: string, strokeWidth: string) =>
  (svg.match(/<path [^>]*>/g) ?? []).filter((p) => p.includes('fill="none"') && !p.includes('transform=') && p.includes(`stroke-width="${strokeWidth}"`));

// issue 13 item 7 (Proof: "an export test checks that the SVG and PNG are valid images with the expected series and CJK labels")
describe('growth charts drawn by the server renderer (issue 13 item 7)', () => {
  const spec = growthCurveChart(handCurves(), { kind: 'ability', suite: 'in-domain', ability: 'chinese' }, growthCurveLabels('zh-CN', '中文', 5));

  it('the growth-curve PNG is a valid image of the chart size × 2 with ink where its Chinese title is', async () => {
    const pixels = decodePng(await renderChartPng(spec)); // decodePng checks the PNG signature
    expect([pixels.width, pixels.height]).toEqual([DEFAULT_CHART_SIZE.width * 2, DEFAULT_CHART_SIZE.height * 2]);
    expect(inkIn(pixels, scaled(TITLE_BAND, 2))).toBeGreaterThan(400);
  });

  it('the growth-curve SVG has the lines per size × source, one error bar per point, the guess line, and no <text> once outlined', async () => {
    const markup = await chartToSvgMarkup(spec);
    const lines = seriesLines(markup, '2');
    expect(lines).toHaveLength(3); // 7B curated, 7B synthetic, 13B curated
    expect(lines.filter((p) => p.includes('stroke-dasharray'))).toHaveLength(1); // synthetic only
    // 12 points (two seeds at one volume count twice), each a bar and two caps
    expect(seriesLines(markup, '1.2')).toHaveLength(36);
    expect(seriesLines(markup, '1.5').filter((p) => p.includes('stroke="#888888"') && p.includes('stroke-dasharray'))).toHaveLength(1);
    for (const word of ['增长曲线 — 中文', '>1k<', '>256<', '7B · 合成', '随机猜测']) expect(markup).toContain(word);

    const svg = await renderChartSvg(spec);
    expect(svg).not.toMatch(/<text\b/);
    expect(svg).toContain('<title>增长曲线 — 中文</title>');
    expect(inkIn(rasterizeSvg(svg), TITLE_BAND)).toBeGreaterThan(200); // outlines: drawn with no font at all
  });

  it('the Transference scatter: a labelled point per ability (Chinese names) and its fitted line, outlined and as PNG', async () => {
    const points: ScatterPoint[] = [
      { ability: 'chinese', x: 0.1, y: 0.2 },
      { ability: 'code', x: 0.2, y: 0.4 },
      { ability: 'history', x: 0.3, y: 0.7 },
    ];
    const correlation = pearsonCorrelation(
      points.map((p) => p.x),
      points.map((p) => p.y),
    );
    const scatter = sensitivityScatterChart(points, correlation, { ...chartMessages('zh-CN').transferenceScatter, abilityNames: { chinese: '中文', code: '代码', history: '历史' } });
    const markup = await chartToSvgMarkup(scatter);
    for (const word of ['>中文<', '>代码<', '>历史<', '皮尔逊 r']) expect(markup).toContain(word);
    expect(seriesLines(markup, '1.5')).toHaveLength(1);

    const svg = await renderChartSvg(scatter);
    expect(svg).not.toMatch(/<text\b/);
    expect(inkIn(rasterizeSvg(svg), TITLE_BAND)).toBeGreaterThan(200);
    const pixels = decodePng(await renderChartPng(scatter, DEFAULT_CHART_SIZE, 1));
    expect(inkIn(pixels, TITLE_BAND)).toBeGreaterThan(200);
  });
});
