import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/database.js';
import { as, loginAs, makeWorkspace, type Session } from './helpers/app.js';
import { buildApp } from '../src/server/app.js';
import { one, rows, sql } from '../src/db/client.js';
import { workOnce } from '../src/jobs/runner.js';
import { claimJobs, enqueueJob, extendLease } from '../src/jobs/queue.js';
import { runImportJob } from '../src/modules/importers/import-job.js';
import type { ImportParser } from '../src/modules/importers/types.js';

const FIXTURE = path.join(import.meta.dirname, '../src/modules/importers/fixtures/whatsapp/WhatsApp Chat with 周末读书会.txt');
// The fixture the WhatsApp parser's own tests use; a small stand-in if it is ever moved.
const WHATSAPP = fs.existsSync(FIXTURE) ? fs.readFileSync(FIXTURE)
  : Buffer.from('12/31/20, 9:11 PM - Alice added Bob\n12/31/20, 9:15 PM - Alice: 大家好\n12/31/20, 9:16 PM - Bob: hi\n');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let alphaId: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-uploads-'));
const s: Record<string, Session> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, dataDir });
  alphaId = (await makeWorkspace(database, 'alpha', [
    { email: 'op@alpha.test', role: 'operator' }, { email: 'analyst@alpha.test', role: 'analyst' },
  ])).id;
  await makeWorkspace(database, 'beta', [{ email: 'owner@beta.test', role: 'owner' }]);
  for (const email of ['op@alpha.test', 'analyst@alpha.test', 'owner@beta.test']) s[email] = await loginAs(app, email);
});
afterAll(async () => {
  await app.close();
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function upload(session: Session, query: Record<string, string>, body: Buffer | string, opts: { app?: FastifyInstance; type?: string } = {}) {
  return (opts.app ?? app).inject({
    method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': opts.type ?? 'application/octet-stream' },
  });
}
const op = () => as(app, s['op@alpha.test']!);
const jobOf = (importId: string) => one<{ status: string; attempts: number; lastError: string | null }>(database.db, sql`
  select status, attempts, last_error as "lastError" from jobs where name = 'imports.run' and payload->>'importId' = ${importId}`);

describe('chat-export uploads', () => {
  let first: { id: string; stored: number };

  it('stores the upload, imports it in the background and keeps the summary on the row', async () => {
    const res = await upload(s['op@alpha.test']!, { fileName: 'WhatsApp Chat with 周末读书会.txt', timeZone: 'Asia/Shanghai' }, WHATSAPP);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ fileName: 'WhatsApp Chat with 周末读书会.txt', sizeBytes: WHATSAPP.length, format: 'auto', status: 'queued', timeZone: 'Asia/Shanghai', createdByName: 'op' });
    expect(created).not.toHaveProperty('storedPath');
    const stored = path.join(dataDir, 'uploads', alphaId, created.id, 'WhatsApp Chat with 周末读书会.txt');
    expect(fs.readFileSync(stored).equals(WHATSAPP)).toBe(true);
    expect(await jobOf(created.id)).toMatchObject({ status: 'queued' });

    expect(await workOnce(database, 'test-worker')).toBe(1);
    const done = (await op().get(`/api/v1/imports/${created.id}`)).json();
    expect(done).toMatchObject({ status: 'done', error: null, summary: { format: 'whatsapp', detection: { auto: true }, duplicates: 0 } });
    expect(done.summary.stored).toBeGreaterThan(0);
    expect(done.summary.messages).toBeGreaterThan(0);
    expect(done.progress).toEqual({ bytesRead: WHATSAPP.length, bytesTotal: WHATSAPP.length, records: done.summary.records, stored: done.summary.stored });
    expect(done.finishedAt).not.toBeNull();
    expect(await jobOf(created.id)).toMatchObject({ status: 'done', attempts: 1 });
    // Kept after a successful import, so it can be run again.
    expect(fs.existsSync(stored)).toBe(true);
    first = { id: created.id, stored: done.summary.stored };

    const list = (await as(app, s['analyst@alpha.test']!).get('/api/v1/imports')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: created.id, status: 'done' }] });
  });

  it('counts a second upload of the same export as duplicates', async () => {
    // Same name: a WhatsApp export names its group only in the file name. Sent as text/plain, which streams too.
    const res = await upload(s['op@alpha.test']!, { fileName: 'WhatsApp Chat with 周末读书会.txt', format: 'whatsapp', timeZone: 'Asia/Shanghai' }, WHATSAPP, { type: 'text/plain' });
    expect(res.statusCode, res.body).toBe(201);
    await workOnce(database, 'test-worker');
    const again = (await op().get(`/api/v1/imports/${res.json().id}`)).json();
    expect(again).toMatchObject({ status: 'done', format: 'whatsapp', summary: { detection: { auto: false }, stored: 0, duplicates: first.stored } });
    expect((await op().get('/api/v1/imports?page=1&pageSize=1')).json()).toMatchObject({ total: 2, items: [{ id: res.json().id }] });
  });

  it('marks an export it cannot recognise failed, once, without retrying', async () => {
    const res = await upload(s['op@alpha.test']!, { fileName: 'notes.txt' }, 'shopping list\nmilk\neggs\n');
    expect(res.statusCode).toBe(201);
    await workOnce(database, 'test-worker');
    const failed = (await op().get(`/api/v1/imports/${res.json().id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', summary: null });
    expect(failed.error).toMatch(/^format: could not recognise/);
    expect(await jobOf(res.json().id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('retries an unexpected crash, and gives up on the last attempt', async () => {
    const id = (await upload(s['op@alpha.test']!, { fileName: 'crash.txt', format: 'whatsapp' }, WHATSAPP)).json().id;
    const crashing: ImportParser = {
      format: 'whatsapp', channel: 'whatsapp', sniff: async () => 1,
      // eslint-disable-next-line require-yield -- a parser that dies before its first record
      parse: async function* () { throw new Error('disk on fire'); },
    };
    const payload = { workspaceId: alphaId, importId: id };
    await expect(runImportJob(database, payload, { id: '0', attempts: 1, maxAttempts: 3, workerId: 't' }, [crashing])).rejects.toThrow('disk on fire');
    expect((await op().get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'queued', error: 'disk on fire' });
    await runImportJob(database, payload, { id: '0', attempts: 3, maxAttempts: 3, workerId: 't' }, [crashing]);
    expect((await op().get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'failed', error: 'disk on fire' });
    // A finished import is left alone by a late retry.
    await runImportJob(database, payload, { id: '0', attempts: 4, maxAttempts: 3, workerId: 't' }, [crashing]);
    expect((await op().get(`/api/v1/imports/${id}`)).json()).toMatchObject({ status: 'failed' });
  });

  it('refuses bad queries by field name, empty and oversized bodies, and analysts', async () => {
    const op = s['op@alpha.test']!;
    for (const [query, field] of [
      [{}, 'fileName'], [{ fileName: 'a.txt', format: 'fax' }, 'format'], [{ fileName: 'a.txt', timeZone: 'Mars/Olympus' }, 'timeZone'],
    ] as const) {
      const res = await upload(op, query, 'x');
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().error.message.startsWith(`${field}:`), res.body).toBe(true);
    }
    const empty = await upload(op, { fileName: 'a.txt' }, '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^file:/);
    expect((await upload(s['analyst@alpha.test']!, { fileName: 'a.txt' }, 'x')).statusCode).toBe(403);

    const small = await buildApp({ database, dataDir, importMaxBytes: 100 });
    try {
      const big = await upload(op, { fileName: 'big.txt' }, 'x'.repeat(101), { app: small });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.message).toMatch(/^file: larger than the upload limit of 100 B/);
      expect((await upload(op, { fileName: 'ok.txt' }, 'x'.repeat(100), { app: small })).statusCode).toBe(201);
    } finally {
      await small.close();
    }
    // Nothing half-written was left behind by the refusals: only folders of accepted uploads.
    const folders = fs.readdirSync(path.join(dataDir, 'uploads', alphaId));
    const ids = (await rows<{ id: string }>(database.db, sql`select id::text from imports`)).map((r) => r.id);
    expect(folders.sort()).toEqual(ids.sort());
  });

  it('keeps names inside their folder', async () => {
    const res = await upload(s['op@alpha.test']!, { fileName: '../../.././etc/passwd' }, 'x');
    expect(res.statusCode).toBe(201);
    expect(fs.existsSync(path.join(dataDir, 'uploads', alphaId, res.json().id, 'passwd'))).toBe(true);
  });

  it('shows another workspace nothing', async () => {
    const beta = as(app, s['owner@beta.test']!);
    expect((await beta.get(`/api/v1/imports/${first.id}`)).statusCode).toBe(404);
    expect((await beta.get('/api/v1/imports')).json()).toMatchObject({ total: 0, items: [] });
  });
});

describe('job leases', () => {
  it('extendLease pushes a running job\'s lease out, for its own worker only', async () => {
    await enqueueJob(database, 'jobs.purge', {}, { singletonKey: 'lease-test' });
    const [job] = await claimJobs(database, 'w1', ['jobs.purge'], 1, 5);
    const until = async () => (await one<{ s: number }>(database.db, sql`select extract(epoch from locked_until - now())::float8 as s from jobs where id = ${job!.id}::bigint`))!.s;
    expect(await until()).toBeLessThan(10);
    await extendLease(database, job!.id, 'someone-else', 300);
    expect(await until()).toBeLessThan(10);
    await extendLease(database, job!.id, 'w1', 300);
    expect(await until()).toBeGreaterThan(290);
  });
});
