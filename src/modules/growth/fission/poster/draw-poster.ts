import QRCode from 'qrcode';
import type { PosterArt } from '../contracts.js';
import { ellipsis, measure, posterFont, wrap, type Font } from './font.js';
import { hexRgb, Raster, type Rgb } from './raster.js';

/** 750 × 1200: the width WeChat shows a shared picture at, and tall enough to read the QR code on a phone. */
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1200;
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [31, 35, 41];
const GREY: Rgb = [100, 106, 115];
const CARD = { x: 60, y: 420, w: 630, h: 720 };

export interface PosterContent { name: string; art: PosterArt; url: string }

/** Black on white over the background reads best; a very light background gets dark subtitle text instead. */
const readableOn = ([r, g, b]: Rgb): Rgb => (0.299 * r + 0.587 * g + 0.114 * b > 170 ? INK : WHITE);

function text(canvas: Raster, font: Font, line: string, size: number, y: number, colour: Rgb): void {
  const x = Math.round((POSTER_WIDTH - measure(font, line, size)) / 2);
  // Baseline on a whole pixel, so the 16 px grid of the font lands on pixel boundaries.
  canvas.fillPath(font.getPath(line, x, Math.round(y), size, { kerning: false }).commands, colour);
}

/**
 * A participant's share poster: the campaign's colours, title and subtitle at the top, then a card with the
 * member's name, the invitation and their personal QR code. Sizes are multiples of the font's 16 px grid.
 */
export async function drawPoster(content: PosterContent): Promise<Buffer> {
  const font = await posterFont();
  const background = hexRgb(content.art.background);
  const accent = hexRgb(content.art.accent);
  const canvas = new Raster(POSTER_WIDTH, POSTER_HEIGHT, background);
  const width = POSTER_WIDTH - 80;

  // The title as large as fits in two lines, else smaller in three.
  const titleSize = wrap(font, content.art.title, 64, width, 99).length > 2 ? 48 : 64;
  const title = wrap(font, content.art.title, titleSize, width, titleSize === 64 ? 2 : 3);
  let y = 80 + titleSize;
  for (const line of title) { text(canvas, font, line, titleSize, y, accent); y += titleSize + 16; }
  y += 16;
  for (const line of wrap(font, content.art.subtitle, 32, width, 2)) { text(canvas, font, line, 32, y + 32, readableOn(background)); y += 48; }

  canvas.fillRect(CARD.x, CARD.y, CARD.w, CARD.h, WHITE);
  text(canvas, font, ellipsis(font, content.name, 48, CARD.w - 64), 48, CARD.y + 96, INK);
  text(canvas, font, '邀请你一起加入', 32, CARD.y + 156, GREY);

  // The QR code drawn module by module: every module a whole number of pixels, so cameras read it sharply.
  const qr = QRCode.create(content.url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(400 / (n + 2 * quiet));
  const side = scale * (n + 2 * quiet);
  const qx = Math.round((POSTER_WIDTH - side) / 2), qy = CARD.y + 196;
  canvas.fillRect(qx - 12, qy - 12, side + 24, side + 24, accent);
  canvas.fillRect(qx, qy, side, side, WHITE);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) canvas.fillRect(qx + (col + quiet) * scale, qy + (row + quiet) * scale, scale, scale, INK);
    }
  }
  text(canvas, font, '长按识别二维码 · 扫码入群', 32, qy + side + 72, GREY);
  return canvas.toPng();
}
