import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER } from './helpers/database.js';
import { makeWorkspace } from './helpers/app.js';
import { withTenant, type Actor } from '../src/core/context.js';
import { one, rows, sql } from '../src/db/client.js';
import { ingestEvents } from '../src/modules/tracking/ingest-events.js';
import { enqueueAction } from '../src/modules/automation/enqueue-action.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'shequn.js');
const SENDS = 150;
const actor: Actor = { kind: 'system', name: 'test' };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const workers: ChildProcess[] = [];

/** A real worker process (`shequn start --role worker`) on the test database, with a 2-second action lease. */
function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'start', '--role', 'worker'], {
    env: { ...process.env, DATABASE_URL: database.url, SHEQUN_OUTBOX_LEASE_SECONDS: '2', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

const counts = () => withTenant(database, ws, actor, async (ctx) => ({
  deliveries: (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from sandbox_deliveries`))!.n,
  echoes: (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from events where id like 'sandbox-%'`))!.n,
  byStatus: Object.fromEntries((await rows<{ status: string; n: number }>(ctx.db, sql`
    select status, count(*)::int as n from actions group by status`)).map((r) => [r.status, r.n])),
}));

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, seconds = 90): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Two processes share one database only on a PostgreSQL server; PGlite lives inside one process.
describe.skipIf(TEST_DRIVER === 'pglite')('outbox across a worker crash (postgres)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    ws = await makeWorkspace(database, 'crash', []);
    await withTenant(database, ws, actor, async (ctx) => {
      await ingestEvents(ctx, [{ id: 'hello', type: 'message.sent', occurredAt: new Date().toISOString(),
        community: { channel: 'sandbox', externalId: 'g-crash', name: 'Crash test group' }, member: { channel: 'sandbox', externalId: 'amy' }, data: { text: 'hi' } }]);
      const community = (await one<{ id: string }>(ctx.db, sql`select id from communities`))!.id;
      for (let i = 0; i < SENDS; i++) {
        await enqueueAction(ctx, { idempotencyKey: `crash-${i}`, kind: 'send_group', channel: 'sandbox', communityId: community, payload: { text: `message ${i}` } });
      }
    });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await database?.drop();
  });

  it('a worker killed mid-batch and a fresh one started: every send delivered exactly once, none lost', async () => {
    const first = startWorker();
    // The sandbox takes 50 sends a second, so a batch of 100 is still going when this many have landed.
    const before = await until('the first deliveries', counts, (c) => c.deliveries >= 20);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await counts();
    expect(atKill.deliveries, 'killed after the batch had finished: not a mid-batch crash').toBeLessThan(SENDS);
    expect(atKill.deliveries).toBeGreaterThanOrEqual(before.deliveries);
    // Sends the dead worker had claimed stay 'sending' until their lease runs out: nothing is lost with it.
    expect((atKill.byStatus.sending ?? 0) + (atKill.byStatus.pending ?? 0)).toBe(SENDS - atKill.deliveries);

    startWorker();
    const done = await until('every send', counts, (c) => c.byStatus.sent === SENDS);
    expect(done.byStatus).toEqual({ sent: SENDS });
    expect(done.deliveries).toBe(SENDS);
    // One echo per send on the timeline, so no send happened twice on the platform's side either.
    expect(done.echoes).toBe(SENDS);
    const perAction = await withTenant(database, ws, actor, (ctx) => rows<{ n: number }>(ctx.db, sql`
      select count(d.action_id)::int as n from actions a left join sandbox_deliveries d on d.workspace_id = a.workspace_id and d.action_id = a.id
      group by a.id having count(d.action_id) <> 1`));
    expect(perAction).toEqual([]);
  }, 180_000);
});
