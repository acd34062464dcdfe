import fs from 'node:fs';

export interface Line { no: number; text: string }

/** The encodings chat exports come in: UTF-8; UTF-16 ("Unicode" in Windows tools); GBK/GB18030 (Chinese Windows, Excel CSV). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const SNIFF_BYTES = 1 << 16;

/**
 * Which encoding a text file is in, from its first 64 KiB: a byte-order mark decides; otherwise UTF-16LE
 * when most odd bytes are zero (a BOM-less "Unicode" file of mostly ASCII), UTF-8 when those bytes are valid
 * UTF-8, and else GB18030, the superset of GBK that Chinese Windows tools write.
 */
export async function sniffEncoding(path: string): Promise<TextEncodingName> {
  const handle = await fs.promises.open(path, 'r');
  let buf: Buffer;
  try {
    const b = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(b, 0, SNIFF_BYTES, 0);
    buf = b.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  let oddZeros = 0;
  for (let i = 1; i < buf.length; i += 2) if (buf[i] === 0) oddZeros++;
  if (buf.length >= 4 && oddZeros > buf.length / 4) return 'utf-16le';
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** A text file as decoded string chunks (byte-order mark removed), in bounded memory; bytes read go to onBytes. */
export async function* decodedChunks(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder(await sniffEncoding(path));
  let read = 0;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    read += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
    onBytes?.(read);
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Streams a text file line by line with 1-based numbers, in bounded memory, whatever its encoding
 * (sniffEncoding). Strips the byte-order mark and the "\r" of CRLF files; reports bytes read for progress.
 */
export async function* readLines(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<Line> {
  let carry = '';
  let no = 0;
  for await (const chunk of decodedChunks(path, onBytes)) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { no: ++no, text: text.slice(start, end) };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length) yield { no: no + 1, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/** The first `bytes` of a file as text, for sniffing a format. */
export async function head(path: string, bytes = 8192): Promise<string> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    // The decoder drops a byte-order mark itself.
    return new TextDecoder(await sniffEncoding(path)).decode(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
