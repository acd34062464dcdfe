import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';

export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type DriverKind = 'pglite' | 'postgres';

export interface Database {
  kind: DriverKind;
  db: Db;
  /**
   * Runs fn on one dedicated connection (session-level locks, multi-statement scripts). `run` without params
   * may hold several statements and answers the rows of the last one.
   */
  withSession<T>(fn: (run: SessionRun) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SessionRun = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface OpenOptions {
  /** postgres://... selects a PostgreSQL server; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; omitted means in-memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // A pooled connection must never carry a tenant role or setting into the next borrower; every tenant
    // transaction uses SET LOCAL, and this guards against a crash mid-transaction leaving state behind.
    pool.on('error', () => { /* an idle client died; the pool replaces it */ });
    const db = drizzlePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      withSession: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(async (text, params) => {
            const res = await client.query(text, params);
            const last = Array.isArray(res) ? res[res.length - 1] : res;
            return last?.rows ?? [];
          });
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) fs.mkdirSync(path.resolve(opts.dataDir), { recursive: true });
  const client = opts.dataDir ? new PGlite(path.resolve(opts.dataDir, 'pgdata')) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    // PGlite is one connection already, so the "session" is simply that connection.
    withSession: (fn) => fn(async (text, params) => {
      if (params) return (await client.query<Record<string, unknown>>(text, params)).rows;
      const results = await client.exec(text);
      return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
    }),
    close: () => client.close(),
  };
}

const TIMESTAMP_TYPES = new Set([1114, 1184]);

/**
 * Rows of a raw query, whichever driver answered. Drizzle leaves timestamps as text on both drivers (and
 * in slightly different spellings); here they become Dates so verbs see one type. Dates (1082) stay text.
 */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[]; fields?: { name: string; dataTypeID: number }[] };
  const stamps = (res.fields ?? []).filter((f) => TIMESTAMP_TYPES.has(f.dataTypeID)).map((f) => f.name);
  if (stamps.length) {
    for (const row of res.rows) {
      for (const name of stamps) {
        const v = row[name];
        if (typeof v === 'string') row[name] = new Date(v.includes('T') ? v : v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
      }
    }
  }
  return res.rows as T[];
}

export async function one<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** A uuid[] parameter (drizzle would spread a JS array into a list of parameters). */
export const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** A text[] parameter of any strings: passed as JSON, so commas, quotes and braces need no escaping. */
export const texts = (values: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

export { sql, type SQL };
