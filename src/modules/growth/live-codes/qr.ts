import { toBuffer, toString } from 'qrcode';

/**
 * Medium error correction (15% of the code may be lost) survives a printed poster's wear and a phone
 * camera's glare, and keeps a scan address of ~40 characters at a size cameras read from across a room.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A QR code of the address as a PNG, 512 pixels square (sharp enough to print at about 4 cm). */
export const qrPng = (url: string): Promise<Buffer> => toBuffer(url, { ...OPTIONS, type: 'png', width: 512 });

/** The same code as SVG, for print work at any size. */
export const qrSvg = (url: string): Promise<string> => toString(url, { ...OPTIONS, type: 'svg' });
