import jsQRModule from 'jsqr';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * QR codes in images. A data: URL (PNG or JPEG) is decoded to RGBA pixels and handed to jsQR. Limits keep a
 * hostile image from costing the process: at most 8 MB of base64, at most 16 megapixels. An image that does
 * not decode (corrupt, another format) simply has no QR code: moderation must not fail on a bad upload.
 */
// jsqr is CommonJS with a default export: the function sits on .default or is the module itself, by loader.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;
const MAX_DATA_URL = 8 * 1024 * 1024;
const MAX_PIXELS = 16_000_000;

interface Pixels { data: Uint8ClampedArray; width: number; height: number }

function decodeImage(dataUrl: string): Pixels | null {
  if (dataUrl.length > MAX_DATA_URL) return null;
  const m = /^data:image\/(png|jpe?g);base64,/i.exec(dataUrl);
  if (!m) return null;
  const bytes = Buffer.from(dataUrl.slice(m[0].length), 'base64');
  try {
    if (m[1].toLowerCase() === 'png') {
      const png = PNG.sync.read(bytes);
      if (png.width * png.height > MAX_PIXELS) return null;
      return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 256 });
    return { data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), width: img.width, height: img.height };
  } catch {
    return null;
  }
}

/** The payload of the QR code in the image, or null when there is none (or the image does not decode). */
export function decodeQr(dataUrl: string): string | null {
  const pixels = decodeImage(dataUrl);
  if (!pixels || pixels.width === 0 || pixels.height === 0) return null;
  // Both polarities: some posters print a light code on a dark background.
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  return code ? code.data : null;
}
