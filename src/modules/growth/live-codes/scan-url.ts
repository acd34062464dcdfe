import { publicBaseUrl } from '../../../core/public-url.js';

/** Where a live code is scanned, under the public address; the public scan route answers it. */
export const SCAN_PATH = '/j/';
export const scanPath = (slug: string) => `${SCAN_PATH}${slug}`;

/** The address a QR code or a shared link carries, with the source parameter when one is given. */
export function scanUrl(base: string, slug: string, source?: string | null): string {
  const url = `${base.replace(/\/+$/, '')}${scanPath(slug)}`;
  return source ? `${url}?s=${encodeURIComponent(source)}` : url;
}

/** The scan address on the configured public URL, or null when this process knows none. */
export function publicScanUrl(slug: string): string | null {
  const base = publicBaseUrl();
  return base ? scanUrl(base, slug) : null;
}
