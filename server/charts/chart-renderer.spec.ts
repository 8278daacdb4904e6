import { describe, expect, it } from 'vitest';
import { decodePng, inkIn, rasterizeSvg, region, type Box } from '../../test/utils/png';
import { chartFontFile } from './chart-font';
import { chartToSvgMarkup, renderChartPng, renderChartSvg } from './chart-renderer';
import type { ChartSize, ChartSpec } from './chart-spec';
import { lossCurveChart } from './specs/loss-curve';

const SIZE: ChartSize = { width: 400, height: 200 };
/** Where the centred title sits (top: 8, 16 px text), in chart pixels; nothing else is drawn there. */
const TITLE_BAND: Box = { x: 0, y: 0, width: SIZE.width, height: 40 };
const scaled = (b: Box, k: number): Box => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });

/** A chart whose every word is Chinese: nothing Latin could stand in for a missing CJK font. */
const chinese = (title: string): ChartSpec =>
  lossCurveChart(
    [
      { step: 1, loss: 2.5 },
      { step: 2, loss: 1.25 },
      { step: 3, loss: 0.75 },
    ],
    { title, step: '步数', loss: '损失', empty: '尚无训练步' },
  );

// issue 12 item 4: charts draw Chinese from the project's own font (an npm package), with no system font loaded.
describe('chart renderer (issue 12 item 4: CJK fonts where charts are drawn)', () => {
  it('the PNG draws a Chinese title from the project font; without a font the same chart has no title ink at all', async () => {
    const png = await renderChartPng(chinese('训练损失曲线'), SIZE, 2);
    const pixels = decodePng(png);
    expect([pixels.width, pixels.height]).toEqual([SIZE.width * 2, SIZE.height * 2]);
    expect(inkIn(pixels, scaled(TITLE_BAND, 2))).toBeGreaterThan(400);

    // the control: the same drawing with no font has nothing in the title band, so the ink above is the font's glyphs
    const unfonted = rasterizeSvg(await chartToSvgMarkup(chinese('训练损失曲线'), SIZE));
    expect(inkIn(unfonted, TITLE_BAND)).toBe(0);
  });

  it('draws each character as its own glyph (a font without CJK would draw the same .notdef box for both)', async () => {
    const [zhong, wen] = await Promise.all([renderChartPng(chinese('中'), SIZE, 1), renderChartPng(chinese('文'), SIZE, 1)]);
    const [a, b] = [region(decodePng(zhong), TITLE_BAND), region(decodePng(wen), TITLE_BAND)];
    expect(inkIn(decodePng(zhong), TITLE_BAND)).toBeGreaterThan(20);
    expect(a.equals(b)).toBe(false);
  });

  it('the SVG carries its text as outlines: shown with no font at all, Chinese included, and titled for search', async () => {
    const svg = await renderChartSvg(chinese('训练损失曲线'), SIZE);
    expect(svg).not.toMatch(/<text\b/);
    expect(svg).toContain('<title>训练损失曲线</title>');
    const bare = rasterizeSvg(svg);
    expect(inkIn(bare, TITLE_BAND)).toBeGreaterThan(200);

    // as drawn from the font file directly, pixel for pixel in the title band (give or take anti-aliasing)
    const fonted = rasterizeSvg(await chartToSvgMarkup(chinese('训练损失曲线'), SIZE), [chartFontFile()]);
    expect(Math.abs(inkIn(bare, TITLE_BAND) - inkIn(fonted, TITLE_BAND))).toBeLessThan(inkIn(fonted, TITLE_BAND) * 0.1);

    const [zhong, wen] = await Promise.all([renderChartSvg(chinese('中'), SIZE), renderChartSvg(chinese('文'), SIZE)]);
    expect(region(rasterizeSvg(zhong), TITLE_BAND).equals(region(rasterizeSvg(wen), TITLE_BAND))).toBe(false);
  });

  it('draws the same spec to the same bytes, however many charts came before it', async () => {
    const spec = chinese('训练损失曲线');
    const [first, second] = [await renderChartSvg(spec, SIZE), await renderChartSvg(spec, SIZE)];
    expect(second).toBe(first);
    expect((await renderChartPng(spec, SIZE, 1)).equals(await renderChartPng(spec, SIZE, 1))).toBe(true);
  });

  it('escapes the title it copies into the SVG', async () => {
    const svg = await renderChartSvg(chinese('a < b & "c"'), SIZE);
    expect(svg).toContain('<title>a &#60; b &#38; &#34;c&#34;</title>');
  });
});
