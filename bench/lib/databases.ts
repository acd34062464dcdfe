import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DriverKind } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

export type PgliteStorage = 'memory' | 'disk';

export interface DatabaseTarget {
  driver: DriverKind;
  /** PostgreSQL server to create throwaway databases on (its own database is never written to). */
  serverUrl: string;
  pglite: PgliteStorage;
}

export interface FreshDatabase {
  database: Database;
  dispose(): Promise<void>;
}

// Everything created and not yet disposed, so Ctrl-C still drops the throwaway databases.
const live = new Set<FreshDatabase>();

export async function disposeAll(): Promise<void> {
  for (const fresh of [...live]) await fresh.dispose().catch(() => {});
}

/** A new, empty database migrated with the real migrations; every measured path gets its own. */
export async function freshDatabase(target: DatabaseTarget): Promise<FreshDatabase> {
  const fresh = target.driver === 'postgres' ? await freshPostgres(target.serverUrl) : await freshPglite(target.pglite);
  live.add(fresh);
  const dispose = fresh.dispose;
  fresh.dispose = async () => {
    live.delete(fresh);
    await dispose();
  };
  try {
    await migrate(fresh.database);
  } catch (err) {
    await fresh.dispose().catch(() => {});
    throw err;
  }
  return fresh;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function freshPostgres(serverUrl: string): Promise<FreshDatabase> {
  const name = `shequn_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Two HTTP clients each hold a transaction while the API-key lookup of the next request needs a third.
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    dispose: async () => {
      await database.close().catch(() => {});
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function freshPglite(storage: PgliteStorage): Promise<FreshDatabase> {
  if (storage === 'memory') {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-bench-'));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    dispose: async () => {
      await database.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One-row answers for setup and verification, on the owner connection (row-level security does not apply). */
export async function scalar(database: Database, text: string, params: unknown[] = []): Promise<unknown> {
  const rows = await database.withSession((run) => run(text, params));
  const first = rows[0];
  return first ? Object.values(first)[0] : undefined;
}

/**
 * Runs one measurement per driver, each on a database of its own made for it and dropped after, and
 * gathers their lines; the run is valid only if every driver's was.
 */
export async function perDriver<L>(
  opts: { drivers: DriverKind[]; serverUrl: string; pglite: PgliteStorage },
  measure: (database: Database, driver: DriverKind) => Promise<{ lines: L[]; ok: boolean }>,
): Promise<{ lines: L[]; ok: boolean }> {
  const lines: L[] = [];
  let ok = true;
  for (const driver of opts.drivers) {
    const fresh = await freshDatabase({ driver, serverUrl: opts.serverUrl, pglite: opts.pglite });
    try {
      const r = await measure(fresh.database, driver);
      lines.push(...r.lines);
      ok = ok && r.ok;
    } finally {
      await fresh.dispose();
    }
  }
  return { lines, ok };
}
