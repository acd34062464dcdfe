import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Database } from '../src/db/client.js';
import { withTenant, withTenantRetrying, type WorkspaceRef } from '../src/core/context.js';
import { ingestEvents, type IngestResult } from '../src/modules/tracking/ingest-events.js';
import type { EventInput } from '../src/modules/tracking/event-contract.js';
import { identityKey } from '../src/modules/community/resolve-refs.js';
import { buildApp } from '../src/server/app.js';
import { createWorkspace } from '../src/modules/workspace/create-workspace.js';
import { createApiKey } from '../src/modules/workspace/api-keys.js';
import type { CpuMeter } from './lib/cpu.js';

/** What one timed pass over the batches saw; `stored` is what the intake said, verified later by counting. */
export interface PassResult {
  seconds: number;
  batchMs: number[];
  stored: number;
  /** Requests or batches that failed outright (non-200 answers, thrown errors), with the first message. */
  failures: number;
  firstFailure?: string;
  /** HTTP batches that failed and succeeded when sent again, as a client with dedupe-safe retries would. */
  retries: number;
  /** Why the first retried batch failed, as the server logged it (the 500 body says only "internal error"). */
  firstRetry?: string;
  /** CPU seconds of this process and of the database server's backends (null: not measurable) during the pass. */
  cpu: { process: number; server: number | null };
}

/** Starts counting CPU when the clock starts; see lib/cpu.ts. */
export type StartMeter = () => Promise<CpuMeter>;

const SYSTEM = { kind: 'system' as const, name: 'simulator' };

export async function benchWorkspace(database: Database, slug: string): Promise<WorkspaceRef> {
  return createWorkspace(database, { slug, name: slug });
}

/** Runs `send` over every batch with `clients` workers pulling from one queue, timing each batch and the whole. */
async function timedPass(meter: StartMeter, count: number, clients: number, send: (i: number) => Promise<number>): Promise<PassResult> {
  const batchMs: number[] = new Array(count);
  let next = 0;
  let stored = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      try {
        // Awaited first: `stored += await ...` would read `stored` before the await and lose the other
        // client's additions.
        const n = await send(i);
        stored += n;
      } catch (err) {
        failures++;
        firstFailure ??= (err as Error).message;
      }
      batchMs[i] = performance.now() - t;
    }
  };
  const cpuMeter = await meter();
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, batchMs, stored, failures, firstFailure, retries: 0, cpu: await cpuMeter.stop() };
}

function countStored(results: IngestResult[]): number {
  let stored = 0;
  for (const r of results) {
    if (r.status === 'error') throw new Error(`event ${r.id} rejected: ${r.error}`);
    if (r.status === 'stored') stored++;
  }
  return stored;
}

/** What `shequn simulate` does per batch (src/cli/seed-demo.ts): one tenant transaction around ingestEvents. */
export async function simulatorPath(database: Database, ws: WorkspaceRef, batches: EventInput[][], meter: StartMeter): Promise<PassResult> {
  return timedPass(meter, batches.length, 1, async (i) => countStored(await withTenantRetrying(database, ws, SYSTEM, (ctx) => ingestEvents(ctx, batches[i]!))));
}

/**
 * POST /api/v1/events against a real listening server, as an integration would call it. Bodies are
 * serialised before the clock starts: the client's JSON.stringify is not the server's cost, and on two
 * cores it would otherwise be taken from the server. A 5xx batch is sent again (at most twice more):
 * the intake is all-or-nothing per batch and dedupes by id, so that is what a client should do; each
 * retry is counted and reported with the server's logged reason, never hidden.
 */
export async function httpPath(database: Database, ws: WorkspaceRef, batches: EventInput[][], clients: number, meter: StartMeter): Promise<PassResult> {
  const { key } = await withTenant(database, ws, { kind: 'system', name: 'bench' }, (ctx) => createApiKey(ctx, { name: 'bench', scopes: ['events:write'] }));
  const serverErrors: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      const entry = JSON.parse(String(chunk)) as { err?: { message?: string }; msg?: string };
      serverErrors.push(entry.err?.message ?? entry.msg ?? 'unknown');
      done();
    },
  });
  const app = await buildApp({ database, logger: { level: 'error', stream: logStream } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const url = `http://127.0.0.1:${address.port}/api/v1/events`;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const bodies = batches.map((events) => JSON.stringify({ events }));
    let retries = 0;
    let firstRetry: string | undefined;
    const pass = await timedPass(meter, bodies.length, clients, async (i) => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(url, { method: 'POST', headers, body: bodies[i] });
        const text = await res.text();
        if (res.status === 200) return countStored((JSON.parse(text) as { results: IngestResult[] }).results);
        const reason = `HTTP ${res.status}: ${serverErrors.at(-1) ?? text.slice(0, 200)}`;
        if (res.status < 500 || attempt === 3) throw new Error(reason);
        retries++;
        firstRetry ??= reason;
      }
    });
    return { ...pass, retries, firstRetry };
  } finally {
    await app.close();
  }
}

export type BaselineMode = 'values' | 'jsonb';

export const BASELINE_TABLE = 'bench_events';

/**
 * The floor to compare against: the same rows as the events table would get, into a table with the
 * same columns and only the primary key (no foreign keys, secondary indexes, row-level security, dedupe
 * or side effects). Member and community ids are resolved before the clock starts, since that work is
 * exactly what the real intake adds on top.
 */
export async function baselinePath(database: Database, workspaceId: string, batches: EventInput[][], mode: BaselineMode, meter: StartMeter): Promise<PassResult> {
  await database.withSession((run) => run(`CREATE TABLE ${BASELINE_TABLE} (
    workspace_id uuid NOT NULL, id text NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL,
    community_id uuid, member_id uuid NOT NULL, data jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (workspace_id, id))`));
  const ids = new Map<string, string>();
  const uuidOf = (channel: string, externalId: string) => {
    const k = identityKey(channel, externalId);
    let id = ids.get(k);
    if (!id) ids.set(k, (id = randomUUID()));
    return id;
  };
  const rows = batches.map((batch) => batch.map((e) => ({
    id: e.id, type: e.type, at: e.occurredAt,
    community_id: e.community ? uuidOf(e.community.channel, e.community.externalId) : null,
    member_id: uuidOf(e.member.channel, e.member.externalId),
    data: e.data ?? {},
  })));
  const valuesText = new Map<number, string>();
  return database.withSession((run) => timedPass(meter, rows.length, 1, async (i) => {
    const batch = rows[i]!;
    if (mode === 'jsonb') {
      // One text parameter, expanded server-side: the shape insertEvents itself uses.
      await run(`INSERT INTO ${BASELINE_TABLE} (workspace_id, id, type, occurred_at, community_id, member_id, data)
        SELECT $1, x.id, x.type, x.at, x.community_id, x.member_id, x.data
        FROM jsonb_to_recordset($2::jsonb) AS x(id text, type text, at timestamptz, community_id uuid, member_id uuid, data jsonb)`,
      [workspaceId, JSON.stringify(batch)]);
      return batch.length;
    }
    // Six parameters per row plus the shared workspace id: 6001 for a full batch, far below the 65535 limit.
    let text = valuesText.get(batch.length);
    if (!text) {
      const tuples = batch.map((_, r) => `($1, $${r * 6 + 2}, $${r * 6 + 3}, $${r * 6 + 4}, $${r * 6 + 5}, $${r * 6 + 6}, $${r * 6 + 7})`);
      valuesText.set(batch.length, (text = `INSERT INTO ${BASELINE_TABLE} (workspace_id, id, type, occurred_at, community_id, member_id, data) VALUES ${tuples.join(', ')}`));
    }
    const params: unknown[] = [workspaceId];
    for (const r of batch) params.push(r.id, r.type, r.at, r.community_id, r.member_id, JSON.stringify(r.data));
    await run(text, params);
    return batch.length;
  }));
}
