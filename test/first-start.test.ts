import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/database.js';
import { firstStart } from '../src/cli/bootstrap.js';
import { createWorkspace, findWorkspaceBySlug } from '../src/modules/workspace/create-workspace.js';
import { simulateInto } from '../src/cli/seed-demo.js';
import { login } from '../src/modules/workspace/login.js';
import { withTenant } from '../src/core/context.js';
import { generateEvents } from '../src/modules/simulator/generate-events.js';
import { one, sql, type Database } from '../src/db/client.js';

const demoSize = { communities: 3, members: 60, days: 3, seed: 5, batchSize: 50 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

async function fresh() {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-first-'));
  cleanups.push(() => database.drop(), () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { database, dataDir };
}

async function demoCounts(database: Database) {
  const ws = (await findWorkspaceBySlug(database, 'demo'))!;
  return withTenant(database, ws, { kind: 'system', name: 'test' }, async (ctx) => ({
    events: (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from events`))!.n,
    communities: (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from communities`))!.n,
    owners: (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from staff where role = 'owner'`))!.n,
    latest: (await one<{ at: Date | null }>(ctx.db, sql`select max(occurred_at) as at from events`))!.at,
    growth: (await one<{ codes: number; pool: number; draws: number; campaigns: number; boards: number; rewards: number; checkIn: boolean | null }>(ctx.db, sql`
      select (select count(*)::int from live_codes) as codes, (select count(*)::int from live_code_communities) as pool,
        (select count(*)::int from draws where status = 'open') as draws, (select count(*)::int from fission_campaigns where status = 'active') as campaigns,
        (select count(*)::int from leaderboards) as boards, (select count(*)::int from rewards) as rewards,
        (select enabled from check_in_settings) as "checkIn"`))!,
  }));
}

/** Logs in and answers the slug of the workspace the session opens in. */
async function loginWorkspace(database: Database, email: string, password: string): Promise<string | undefined> {
  const session = await login(database, email, password);
  return (await one<{ slug: string }>(database.db, sql`select slug from workspaces where id = ${session.workspaceId}`))?.slug;
}

describe('first start', () => {
  it('creates the demo workspace, seeds it through today, and an owner whose generated password is kept 0600', async () => {
    const { database, dataDir } = await fresh();
    const before = Date.now();
    const logs: string[] = [];
    const first = await firstStart(database, { dataDir, demo: true, log: (m) => logs.push(m), demoSize });
    expect(first).toMatchObject({ created: true, resumed: false, email: 'admin@shequn.local', fromEnv: false });
    expect(first.password).toMatch(/^\S{12,}$/);
    const file = path.join(dataDir, 'admin-password.txt');
    expect(first.passwordFile).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(`admin@shequn.local\n${first.password}\n`);
    expect(await loginWorkspace(database, 'admin@shequn.local', first.password!)).toBe('demo');
    expect(logs.some((l) => l.includes('simulating: day'))).toBe(true);

    const counts = await demoCounts(database);
    expect(counts.communities).toBe(demoSize.communities);
    expect(counts.owners).toBe(1);
    expect(counts.events).toBeGreaterThan(100);
    // Today is not an empty day, and nothing lies in the future.
    expect(counts.latest!.getTime()).toBeLessThan(Date.now());
    expect(counts.latest!.getTime()).toBeGreaterThan(before - 36 * 3_600_000);
    // The growth pages have something to show: a live code over the basic groups, an open draw, an invite campaign.
    expect(counts.growth).toMatchObject({ codes: 1, draws: 1, campaigns: 1, boards: 2, rewards: 2, checkIn: true });
    expect(counts.growth.pool).toBeGreaterThan(0);

    // A second start does nothing and prints no password.
    expect(await firstStart(database, { dataDir, demo: true, log: () => {}, demoSize })).toEqual({ created: false });
    expect((await demoCounts(database)).events).toBe(counts.events);
  });

  it('takes the owner from SHEQUN_ADMIN_EMAIL / SHEQUN_ADMIN_PASSWORD, writes no file, and --no-demo seeds nothing', async () => {
    const { database, dataDir } = await fresh();
    process.env.SHEQUN_ADMIN_EMAIL = 'boss@brand.test';
    process.env.SHEQUN_ADMIN_PASSWORD = 'a long enough secret';
    cleanups.push(() => { delete process.env.SHEQUN_ADMIN_EMAIL; delete process.env.SHEQUN_ADMIN_PASSWORD; });
    const first = await firstStart(database, { dataDir, demo: false, log: () => {}, demoSize });
    expect(first).toMatchObject({ created: true, email: 'boss@brand.test', fromEnv: true });
    expect(first.password).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'admin-password.txt'))).toBe(false);
    expect(await loginWorkspace(database, 'boss@brand.test', 'a long enough secret')).toBe('demo');
    expect(await demoCounts(database)).toMatchObject({ events: 0, communities: 0, owners: 1 });
  });

  it('gives a demo workspace filled by `shequn simulate` before the first start its owner, without seeding it again', async () => {
    const { database, dataDir } = await fresh();
    const ws = await createWorkspace(database, { slug: 'demo', name: 'demo' });
    await simulateInto(database, ws, { ...demoSize, now: new Date() }, () => {});
    const before = await demoCounts(database);
    expect(before.events).toBeGreaterThan(0);
    const first = await firstStart(database, { dataDir, demo: true, log: () => {}, demoSize });
    expect(first.created).toBe(true);
    expect(await loginWorkspace(database, 'admin@shequn.local', first.password!)).toBe('demo');
    expect(await demoCounts(database)).toMatchObject({ events: before.events, owners: 1 });
  });

  it('finishes an interrupted first start on the next one: same owner, and exactly the planned demo', async () => {
    const { database, dataDir } = await fresh();
    let progressLines = 0;
    const interrupted = firstStart(database, {
      dataDir, demo: true, demoSize,
      // Killed after the first progress line, as by Ctrl-C while seeding: some batches are stored.
      log: (m) => { if (m.includes('simulating: day') && ++progressLines === 1) throw new Error('killed'); },
    });
    await expect(interrupted).rejects.toThrow('killed');
    const half = await demoCounts(database);
    const password = fs.readFileSync(path.join(dataDir, 'admin-password.txt'), 'utf8').split('\n')[1]!;
    expect(half.events).toBeGreaterThan(0);

    const logs: string[] = [];
    const second = await firstStart(database, { dataDir, demo: true, log: (m) => logs.push(m), demoSize });
    expect(second.password).toBeUndefined();
    expect(second).toMatchObject({ created: true, resumed: true, passwordFile: path.join(dataDir, 'admin-password.txt') });
    expect(logs[0]).toContain('interrupted');
    expect(await loginWorkspace(database, 'admin@shequn.local', password)).toBe('demo');

    const plan = (await one<{ value: { status: string; start: string; until: string } }>(database.db, sql`
      select value from instance_state where key = 'first_start'`))!.value;
    expect(plan.status).toBe('done');
    const done = await demoCounts(database);
    expect(done.owners).toBe(1);
    expect(done.events).toBeGreaterThan(half.events);
    // Every event of the window planned by the first attempt, once: the simulator run over that window
    // gives exactly as many events as are stored.
    let planned = 0;
    for (const batch of generateEvents({ ...demoSize, days: demoSize.days + 1, start: new Date(plan.start), until: new Date(plan.until) })) planned += batch.length;
    expect(done.events).toBe(planned);
    expect(done.growth).toMatchObject({ codes: 1, draws: 1, campaigns: 1, boards: 2, rewards: 2 });
  });
});
