import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from '../server/app.js';
import { startBackground } from '../jobs/runner.js';
import { runtimeConfig } from './config.js';
import { setListeningUrl } from '../core/public-url.js';
import { firstStart, PASSWORD_FILE } from './bootstrap.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from './build-console.js';

interface StartOptions { port: number; host: string; dataDir: string; role: 'all' | 'api' | 'worker'; demo: boolean }

const httpUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function startCommand(opts: StartOptions): Promise<void> {
  const cfg = runtimeConfig(opts);
  if (opts.role !== 'all' && !cfg.databaseUrl) {
    // PGlite lives inside one process, so an API and a worker cannot share it: one of them would never run.
    throw new Error(`--role ${opts.role} needs DATABASE_URL (a PostgreSQL server); the embedded database serves one process, use --role all`);
  }
  const say = (msg: string) => console.log(msg);
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  say(`Database: ${database.kind === 'pglite' ? `PGlite (embedded) in ${cfg.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  await migrate(database, say);
  // Only a process that serves people sets up the first workspace; a bare worker waits for one.
  const first = opts.role === 'worker' ? { created: false } : await firstStart(database, { dataDir: cfg.dataDir, demo: opts.demo, log: say });

  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let port = opts.port;
  if (opts.role !== 'worker') {
    const needed = consoleBuildNeeded();
    if (needed) {
      say(needed === 'missing' ? 'Building the console (first start only)...' : 'Console sources changed since the last build; rebuilding...');
      await buildConsole();
    }
    app = await buildApp({ database, dataDir: cfg.dataDir, logger: { level: process.env.LOG_LEVEL ?? 'warn' }, consoleDir: CONSOLE_DIST, secureCookies: process.env.SHEQUN_SECURE_COOKIES === '1' });
    await app.listen({ port: opts.port, host: opts.host });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : opts.port;
    // Tracked links need an address members can open; without SHEQUN_PUBLIC_URL it is where we listen.
    setListeningUrl(httpUrl(opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host, port));
  }
  const background = opts.role === 'api' ? undefined : startBackground(database, { scheduler: true, worker: true, log: app?.log ?? consoleLogger });

  if (app) {
    const url = `${httpUrl(opts.host, port)}/`;
    say('');
    say(`Shequn is running: ${url}   (API docs: ${url}api/docs)`);
    if (first.created) {
      say(`Log in as ${first.email}`);
      if (first.password) say(`  password: ${first.password}   (shown once; also saved in ${first.passwordFile}, mode 0600)`);
      else if (first.fromEnv) say('  password: the one in SHEQUN_ADMIN_PASSWORD');
      else say(`  password: in ${first.passwordFile}`);
    } else {
      const file = path.join(cfg.dataDir, PASSWORD_FILE);
      say(`Log in with your staff account${fs.existsSync(file) ? ` (the first owner's password is in ${file})` : ''}.`);
    }
  } else {
    say('Worker running (jobs, schedules, outbox delivery).');
  }

  const shutdown = async (signal: string) => {
    say(`\n${signal}: shutting down...`);
    await app?.close();
    await background?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

const consoleLogger = {
  info: (obj: unknown, msg?: string) => console.log(msg ?? '', obj),
  error: (obj: unknown, msg?: string) => console.error(msg ?? '', obj),
};

