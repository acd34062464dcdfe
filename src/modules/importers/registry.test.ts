import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_PARSERS } from './registry.js';
import { detectFormat } from './detect.js';
import { IMPORT_FORMATS } from './types.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

describe('format detection over every fixture', () => {
  it('has one parser per format, in order', () => {
    expect(IMPORT_PARSERS.map((p) => p.format)).toEqual([...IMPORT_FORMATS]);
  });

  for (const format of IMPORT_FORMATS) {
    it(`recognises each ${format} export as ${format}`, async () => {
      const dir = path.join(FIXTURES, format);
      const entries = fs.readdirSync(dir);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        const full = path.join(dir, entry);
        const picked = await detectFormat({ path: full, isDirectory: fs.statSync(full).isDirectory() }, IMPORT_PARSERS);
        expect(picked.parser.format, entry).toBe(format);
      }
    });
  }
});
