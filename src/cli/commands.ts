import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { runtimeConfig } from './config.js';
import { createWorkspace, findWorkspaceBySlug } from '../modules/workspace/create-workspace.js';
import { simulateInto } from './seed-demo.js';

export async function migrateCommand(opts: { dataDir: string }): Promise<void> {
  const cfg = runtimeConfig(opts);
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    const applied = await migrate(database, (m) => console.log(m));
    console.log(applied.length ? `${applied.length} migration(s) applied on ${database.kind}` : `database (${database.kind}) is up to date`);
  } finally {
    await database.close();
  }
}

export async function simulateCommand(opts: { workspace: string; communities: number; members: number; days: number; seed: number; dataDir: string }): Promise<void> {
  const cfg = runtimeConfig(opts);
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await migrate(database);
    const ws = (await findWorkspaceBySlug(database, opts.workspace)) ?? (await createWorkspace(database, { slug: opts.workspace, name: opts.workspace }));
    console.log(`Simulating ${opts.communities} communities, ${opts.members} members, ${opts.days} days (seed ${opts.seed}) into workspace ${opts.workspace} on ${database.kind}`);
    await simulateInto(database, ws, { communities: opts.communities, members: opts.members, days: opts.days, seed: opts.seed, now: new Date() }, (m) => console.log(m));
  } finally {
    await database.close();
  }
}
