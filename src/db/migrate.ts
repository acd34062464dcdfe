import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Database, type Db } from './client.js';
import { DATA_MIGRATIONS } from './data-migrations.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 723001;

/** Applies pending SQL migrations in name order, then the data migrations; safe when several processes start at once. */
export async function migrate(database: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  return database.withSession(async (run) => {
    // The session lock makes a second process wait for the first, then see its migrations as done.
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await run('SELECT name FROM schema_migrations', [])).map((r) => String(r.name)));
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file)) continue;
        const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
        try {
          await run(`BEGIN;\n${text}\n;INSERT INTO schema_migrations (name) VALUES ('${file.replace(/'/g, "''")}');\nCOMMIT;`);
        } catch (err) {
          await run('ROLLBACK').catch(() => {});
          throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(file);
        log(`applied migration ${file}`);
      }
      for (const m of DATA_MIGRATIONS) {
        if (done.has(m.name)) continue;
        // Another connection of the pool on PostgreSQL; this session keeps the lock meanwhile.
        await database.db.transaction(async (tx) => {
          await m.run(tx as unknown as Db);
          await tx.execute(sql`insert into schema_migrations (name) values (${m.name})`);
        });
        applied.push(m.name);
        log(`applied migration ${m.name}`);
      }
      return applied;
    } finally {
      await run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}
