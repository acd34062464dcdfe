import path from 'node:path';
import type { ImportParser, ImportSource } from './types.js';

/** Below this, no parser is sure enough and the caller is asked to name the format. */
export const MIN_CONFIDENCE = 0.5;

/** Asks every parser how sure it is that the source is its format and takes the surest. */
export async function detectFormat(source: ImportSource, parsers: ImportParser[]): Promise<{ parser: ImportParser; confidence: number }> {
  const scores = await Promise.all(parsers.map(async (parser) => ({ parser, confidence: await parser.sniff(source).catch(() => 0) })));
  scores.sort((a, b) => b.confidence - a.confidence);
  const best = scores[0];
  if (!best || best.confidence < MIN_CONFIDENCE) {
    // The file name only: for an upload, the stored path is the server's business.
    throw new RangeError(`format: could not recognise ${path.basename(source.path)} as any of ${parsers.map((p) => p.format).join(', ')}; choose the format explicitly`);
  }
  return best;
}
