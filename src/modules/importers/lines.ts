import fs from 'node:fs';

export interface Line { no: number; text: string }

/**
 * Streams a text file line by line with 1-based numbers, in bounded memory. Strips a UTF-8 byte-order mark
 * and the "\r" of CRLF files; reports bytes read for progress.
 */
export async function* readLines(path: string, onBytes?: (bytesRead: number) => void): AsyncGenerator<Line> {
  const stream = fs.createReadStream(path, { highWaterMark: 1 << 16 });
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let no = 0;
  let read = 0;
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    read += chunk.length;
    let text = carry + decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { no: ++no, text: text.slice(start, end) };
      start = nl + 1;
    }
    carry = text.slice(start);
    onBytes?.(read);
  }
  carry += decoder.decode();
  if (carry.length) yield { no: no + 1, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

/** The first `bytes` of a file as text, for sniffing a format. */
export async function head(path: string, bytes = 8192): Promise<string> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    const text = new TextDecoder('utf-8').decode(buf.subarray(0, bytesRead));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    await handle.close();
  }
}
