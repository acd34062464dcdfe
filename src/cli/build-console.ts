import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONSOLE = path.join(ROOT, 'console');
export const CONSOLE_DIST = path.join(CONSOLE, 'dist');

/** Builds the console with Vite in-process (the same as `npm run build`). */
export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await keepingNodeEnv(() => build({ configFile: path.join(CONSOLE, 'vite.config.ts'), logLevel: 'warn' }));
}

/**
 * Runs fn and puts NODE_ENV back as it was. Vite's build sets NODE_ENV=production in the process it runs in,
 * and `npm start` builds the console inside the server's own process: without this, the first start would
 * take on production's rules (a required SHEQUN_SECRET_KEY) just because the console was built.
 */
export async function keepingNodeEnv<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/**
 * Why the console needs building, or null when the build is current. A build older than any console
 * source counts as missing: after `git pull`, `npm start` must not serve yesterday's console.
 */
export function consoleBuildNeeded(consoleDir = CONSOLE): 'missing' | 'outdated' | null {
  const built = path.join(consoleDir, 'dist', 'index.html');
  if (!fs.existsSync(built)) return 'missing';
  const builtAt = fs.statSync(built).mtimeMs;
  return newestSource(consoleDir) > builtAt ? 'outdated' : null;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
