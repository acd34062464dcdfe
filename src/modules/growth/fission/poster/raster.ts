import { PNG } from 'pngjs';

export type Rgb = [number, number, number];
export interface PathCommand { type: string; x?: number; y?: number; x1?: number; y1?: number; x2?: number; y2?: number }

/** "#c8102e" as its three channels. */
export const hexRgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/**
 * A small RGBA canvas in plain JavaScript, so posters render on any machine with Node alone (no native
 * canvas, no system fonts). It fills rectangles and glyph outlines; that is all a poster needs.
 */
export class Raster {
  readonly data: Buffer;
  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.data = Buffer.alloc(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x)), x1 = Math.min(this.width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y)), y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 4;
        this.data[i] = r; this.data[i + 1] = g; this.data[i + 2] = b; this.data[i + 3] = 255;
      }
    }
  }

  /**
   * Fills an outline (font glyphs: lines and quadratic/cubic curves) by the nonzero rule, sampling each pixel
   * at its centre. The poster draws its pixel font at whole multiples of its 16 px grid, where every edge
   * falls on a pixel boundary, so centre sampling is exact and the text stays crisp without smoothing.
   */
  fillPath(commands: readonly PathCommand[], colour: Rgb): void {
    const edges = flatten(commands);
    if (!edges.length) return;
    let minY = Infinity, maxY = -Infinity;
    for (const e of edges) { minY = Math.min(minY, e.y0, e.y1); maxY = Math.max(maxY, e.y0, e.y1); }
    const yStart = Math.max(0, Math.floor(minY)), yEnd = Math.min(this.height - 1, Math.ceil(maxY));
    for (let y = yStart; y <= yEnd; y++) {
      const cy = y + 0.5;
      const crossings: { x: number; dir: number }[] = [];
      for (const e of edges) {
        if ((e.y0 <= cy && e.y1 > cy) || (e.y1 <= cy && e.y0 > cy)) {
          crossings.push({ x: e.x0 + ((cy - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.y1 > e.y0 ? 1 : -1 });
        }
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let k = 0; k < crossings.length - 1; k++) {
        winding += crossings[k]!.dir;
        if (winding === 0) continue;
        // Pixels whose centre lies between this crossing and the next.
        const from = Math.ceil(crossings[k]!.x - 0.5), to = Math.ceil(crossings[k + 1]!.x - 0.5);
        if (to > from) this.fillRect(from, y, to - from, 1, colour);
      }
    }
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    this.data.copy(png.data);
    return PNG.sync.write(png);
  }
}

interface Edge { x0: number; y0: number; x1: number; y1: number }

/** The outline as straight edges; curves are cut into 8 pieces, plenty at poster sizes. */
function flatten(commands: readonly PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let x = 0, y = 0, sx = 0, sy = 0;
  const line = (nx: number, ny: number) => { if (ny !== y || nx !== x) edges.push({ x0: x, y0: y, x1: nx, y1: ny }); x = nx; y = ny; };
  for (const c of commands) {
    if (c.type === 'M') { x = sx = c.x!; y = sy = c.y!; }
    else if (c.type === 'L') line(c.x!, c.y!);
    else if (c.type === 'Q' || c.type === 'C') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= 8; i++) {
        const t = i / 8, u = 1 - t;
        if (c.type === 'Q') line(u * u * x0 + 2 * u * t * c.x1! + t * t * c.x!, u * u * y0 + 2 * u * t * c.y1! + t * t * c.y!);
        else line(u ** 3 * x0 + 3 * u * u * t * c.x1! + 3 * u * t * t * c.x2! + t ** 3 * c.x!, u ** 3 * y0 + 3 * u * u * t * c.y1! + 3 * u * t * t * c.y2! + t ** 3 * c.y!);
      }
    } else if (c.type === 'Z') line(sx, sy);
  }
  return edges;
}
