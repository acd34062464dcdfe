import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PathCommand } from './raster.js';

interface Glyph { advanceWidth?: number }
export interface Font {
  unitsPerEm: number;
  charToGlyph(ch: string): Glyph;
  getPath(text: string, x: number, y: number, size: number, options?: { kerning?: boolean }): { commands: PathCommand[] };
}

const require = createRequire(import.meta.url);

/**
 * UnifontEX (SIL OFL), an outline build of GNU Unifont: it covers the whole Basic Multilingual Plane, every
 * Chinese character a name can hold included, in one 3.3 MB file, where a smooth CJK font is 8 MB or more
 * per weight (docs/growth.md, "Poster"). Its glyphs sit on a 16 px grid, so the poster draws it at 32, 48 or 64 px.
 */
export const FONT_GRID = 16;
let loading: Promise<Font> | null = null;

/** The font, parsed once per process (about a second and a half) and then shared by every poster. */
export function posterFont(): Promise<Font> {
  loading ??= (async () => {
    const opentype = require('opentype.js') as { parse(buffer: ArrayBuffer): Font };
    const file = await readFile(require.resolve('@fontsource/unifontex/files/unifontex-latin-400-normal.woff'));
    return opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  })();
  loading.catch(() => { loading = null; });
  return loading;
}

/** The width of a line of text at `size` px. */
export function measure(font: Font, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += font.charToGlyph(ch).advanceWidth ?? font.unitsPerEm;
  return (units * size) / font.unitsPerEm;
}

/**
 * Breaks text into lines no wider than maxWidth: Chinese wraps between any two characters, other scripts at
 * spaces where they can (a word longer than a line is cut). At most maxLines; the last ends in "…" if cut.
 */
export function wrap(font: Font, text: string, size: number, maxWidth: number, maxLines: number): string[] {
  const tokens = text.match(/[A-Za-z0-9'’.,!?:;@#&()-]+\s*|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (measure(font, line + token.trimEnd(), size) <= maxWidth) { line += token; continue; }
    if (line.trim()) lines.push(line.trimEnd());
    line = token.trimStart();
    while (measure(font, line.trimEnd(), size) > maxWidth) {
      const chars = [...line];
      let fit = chars.length - 1;
      while (fit > 1 && measure(font, chars.slice(0, fit).join(''), size) > maxWidth) fit--;
      lines.push(chars.slice(0, fit).join(''));
      line = chars.slice(fit).join('');
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsis(font, `${kept[maxLines - 1]}${lines[maxLines]}`, size, maxWidth);
  return kept;
}

/** The text cut to fit maxWidth with "…" at the end, or as it is when it fits. */
export function ellipsis(font: Font, text: string, size: number, maxWidth: number): string {
  if (measure(font, text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length && measure(font, `${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
