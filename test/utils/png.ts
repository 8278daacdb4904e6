import { Resvg } from '@resvg/resvg-js';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row */
  data: Buffer;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes a PNG (as resvg wrote it) into RGBA pixels, by drawing it 1:1 as the only thing in an SVG. */
export function decodePng(png: Buffer): Pixels {
  assertPngSignature(png);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return { width: image.width, height: image.height, data: image.pixels };
}

/** Rasterizes an SVG with only the given font files (none: text that is not outlines draws nothing) and no system font. */
export function rasterizeSvg(svg: string, fontFiles: string[] = []): Pixels {
  const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles }, background: '#ffffff' }).render();
  return { width: image.width, height: image.height, data: image.pixels };
}

/** How many pixels inside `box` are ink: darker than light grey on the white ground. */
export function inkIn(p: Pixels, box: Box): number {
  let ink = 0;
  for (let y = box.y; y < Math.min(p.height, box.y + box.height); y++) {
    for (let x = box.x; x < Math.min(p.width, box.x + box.width); x++) {
      const i = (y * p.width + x) * 4;
      const alpha = p.data[i + 3] / 255;
      const luminance = (0.299 * p.data[i] + 0.587 * p.data[i + 1] + 0.114 * p.data[i + 2]) * alpha + 255 * (1 - alpha);
      if (luminance < 160) ink++;
    }
  }
  return ink;
}

/** The pixels inside `box`, to compare two drawings of the same region. */
export function region(p: Pixels, box: Box): Buffer {
  const rows: Buffer[] = [];
  for (let y = box.y; y < box.y + box.height; y++) rows.push(p.data.subarray((y * p.width + box.x) * 4, (y * p.width + box.x + box.width) * 4));
  return Buffer.concat(rows);
}

function assertPngSignature(png: Buffer): void {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG: bad signature');
}
