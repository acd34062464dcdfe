import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const GiB = 1024 ** 3;

/** The largest export accepted: SHEQUN_IMPORT_MAX_BYTES when set, else 2 GiB (a big Slack zip fits). */
export function defaultImportMaxBytes(): number {
  const env = Number(process.env.SHEQUN_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(env) && env > 0 ? env : 2 * GiB;
}

/**
 * A name that is safe as one path segment on any OS and still recognisable: the extension is kept (parsers
 * look at it: .zip, .json, .txt...), and so are non-Latin letters, since the importer falls back to the file
 * name as the group's name ("WhatsApp Chat with 宝妈群.txt").
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\p{M} ._()+,@&=-]/gu, '_')
    .replace(/^[.\s]+/, '') // no hidden files, no "..": the name can never climb out of its folder
    .trim();
  if (!cleaned) return 'upload';
  if (cleaned.length <= 150) return cleaned;
  const ext = path.extname(cleaned).slice(0, 16);
  return cleaned.slice(0, 150 - ext.length) + ext;
}

/** Thrown when the body is larger than allowed; the route answers 413. */
export class TooLargeError extends Error {
  readonly statusCode = 413;
  constructor(maxBytes: number) {
    super(`file: larger than the upload limit of ${formatBytes(maxBytes)}`);
  }
}

/**
 * Streams a request body to a new file without holding it in memory, stopping as soon as it passes maxBytes.
 * Answers the bytes written; on any failure the partial file is removed.
 */
export async function saveUpload(body: Readable, file: string, maxBytes: number): Promise<number> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(new TooLargeError(maxBytes));
      else done(null, chunk);
    },
  });
  try {
    // 'wx': never overwrite; the folder is new per import, so an existing file means something is wrong.
    await pipeline(body, limit, fs.createWriteStream(file, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(path.dirname(file), { recursive: true, force: true });
    throw err;
  }
  return size;
}

export function formatBytes(n: number): string {
  if (n >= GiB) return `${+(n / GiB).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
