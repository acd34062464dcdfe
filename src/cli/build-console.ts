import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_DIST = path.join(ROOT, 'console', 'dist');

/** Builds the console with Vite in-process (the same as `npm run build`). */
export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'console', 'vite.config.ts'), logLevel: 'warn' });
}
