import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleBuildNeeded, keepingNodeEnv } from './build-console.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-console-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (file: string, seconds: number) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  if (!fs.existsSync(path.join(dir, file))) fs.writeFileSync(path.join(dir, file), '');
  fs.utimesSync(path.join(dir, file), seconds, seconds);
};

describe('keepingNodeEnv', () => {
  it('puts NODE_ENV back after a build that set it, unset or set before, and when the build fails', async () => {
    const original = process.env.NODE_ENV;
    try {
      delete process.env.NODE_ENV;
      await keepingNodeEnv(async () => { process.env.NODE_ENV = 'production'; });
      expect(process.env.NODE_ENV).toBeUndefined();
      process.env.NODE_ENV = 'development';
      await expect(keepingNodeEnv(async () => { process.env.NODE_ENV = 'production'; throw new Error('build failed'); })).rejects.toThrow('build failed');
      expect(process.env.NODE_ENV).toBe('development');
    } finally {
      if (original === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = original;
    }
  });
});

describe('consoleBuildNeeded', () => {
  it('builds when there is no build, rebuilds when any source is newer than it, and not otherwise', () => {
    at('src/pages/Overview.tsx', 1_000);
    at('index.html', 1_000);
    expect(consoleBuildNeeded(dir)).toBe('missing');
    at('dist/index.html', 2_000);
    at('dist/assets/app.js', 3_000); // build output never counts as a source
    expect(consoleBuildNeeded(dir)).toBeNull();
    at('src/pages/Overview.tsx', 2_500); // e.g. touched by git pull
    expect(consoleBuildNeeded(dir)).toBe('outdated');
    at('dist/index.html', 4_000);
    expect(consoleBuildNeeded(dir)).toBeNull();
    at('vite.config.ts', 5_000);
    expect(consoleBuildNeeded(dir)).toBe('outdated');
  });
});
