import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.js';
import { one, sql } from '../db/client.js';
import { withTenant } from '../core/context.js';
import { createWorkspace, findWorkspaceBySlug } from '../modules/workspace/create-workspace.js';
import { addStaff } from '../modules/workspace/add-staff.js';
import { randomToken } from '../modules/workspace/tokens.js';
import { seedDemo } from './seed-demo.js';

export interface FirstStart { created: boolean; email?: string; password?: string; passwordFile?: string; fromEnv?: boolean }

/**
 * On an empty database: workspace "demo", seeded by the simulator unless --no-demo, and an owner account.
 * A generated password is printed once and kept (mode 0600) in the data dir.
 */
export async function firstStart(database: Database, opts: { dataDir: string; demo: boolean; log: (msg: string) => void }): Promise<FirstStart> {
  // Several processes may start together on one empty PostgreSQL; the lock lets exactly one set it up.
  return database.withSession(async (run) => {
    await run(`SELECT pg_advisory_lock(${FIRST_START_LOCK})`);
    try {
      return await setUp(database, opts);
    } finally {
      await run(`SELECT pg_advisory_unlock(${FIRST_START_LOCK})`);
    }
  });
}

const FIRST_START_LOCK = 723002;

async function setUp(database: Database, opts: { dataDir: string; demo: boolean; log: (msg: string) => void }): Promise<FirstStart> {
  const existing = await one(database.db, sql`select 1 from workspaces limit 1`);
  if (existing) return { created: false };
  const ws = (await findWorkspaceBySlug(database, 'demo')) ?? (await createWorkspace(database, { slug: 'demo', name: 'Demo 示例工作区' }));
  const fromEnv = !!(process.env.SHEQUN_ADMIN_EMAIL && process.env.SHEQUN_ADMIN_PASSWORD);
  const email = process.env.SHEQUN_ADMIN_EMAIL || 'admin@shequn.local';
  const password = fromEnv ? process.env.SHEQUN_ADMIN_PASSWORD! : randomToken(12);
  await withTenant(database, ws, { kind: 'system', name: 'first-start' }, (ctx) => addStaff(ctx, { email, name: 'Admin', role: 'owner', password }));
  let passwordFile: string | undefined;
  if (!fromEnv) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    passwordFile = path.join(opts.dataDir, 'admin-password.txt');
    fs.writeFileSync(passwordFile, `${email}\n${password}\n`, { mode: 0o600 });
    fs.chmodSync(passwordFile, 0o600);
  }
  if (opts.demo) await seedDemo(database, ws, opts.log);
  return { created: true, email, password: fromEnv ? undefined : password, passwordFile, fromEnv };
}
