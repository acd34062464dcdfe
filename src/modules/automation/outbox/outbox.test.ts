import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { withTenant, type Actor } from '../../../core/context.js';
import { one, rows, sql } from '../../../db/client.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { enqueueAction } from '../enqueue-action.js';
import { dispatchActions } from '../dispatch-actions.js';

const actor: Actor = { kind: 'system', name: 'test' };
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: { id: string; timeZone: string };
let community = '';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'outbox', [{ email: 'op@outbox.test', role: 'operator' }, { email: 'an@outbox.test', role: 'analyst' }]);
  await makeWorkspace(database, 'other', []);
  await withTenant(database, ws, actor, async (ctx) => {
    await ingestEvents(ctx, [{ id: 'e1', type: 'message.sent', occurredAt: '2026-11-01T00:00:00Z', community: { channel: 'sandbox', externalId: 'g1', name: '读书会' }, member: { channel: 'sandbox', externalId: 'amy', name: 'Amy' }, data: { text: 'hi' } }]);
    community = (await one<{ id: string }>(ctx.db, sql`select id from communities`))!.id;
    await enqueueAction(ctx, { idempotencyKey: 'ok', kind: 'send_group', channel: 'sandbox', communityId: community, payload: { text: '早上好' } });
    // No community: the sandbox refuses it for good, so it ends failed.
    await enqueueAction(ctx, { idempotencyKey: 'bad', kind: 'send_group', channel: 'sandbox', payload: { text: 'nowhere' } });
    await enqueueAction(ctx, { idempotencyKey: 'later', kind: 'send_group', channel: 'sandbox', communityId: community, payload: { text: '明天见', automated: true, class: 'service' }, notBefore: new Date(Date.now() + 86_400_000) });
  });
  await dispatchActions(database, 50);
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('outbox routes', () => {
  it('lists the outbox by status with reasons, counts each status, and paginates', async () => {
    const analyst = as(app, await loginAs(app, 'an@outbox.test'));
    const all = (await analyst.get('/api/v1/outbox')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((a: { summary: string; status: string }) => `${a.summary}:${a.status}`).sort()).toEqual(['nowhere:failed', '早上好:sent', '明天见:pending']);
    const failed = (await analyst.get('/api/v1/outbox?status=failed')).json().items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ automation: null, communityId: null, lastError: expect.stringContaining('community') });
    expect((await analyst.get('/api/v1/outbox?status=pending')).json().items[0]).toMatchObject({ automation: 'service' });
    const sent = (await analyst.get(`/api/v1/outbox?status=sent,pending&communityId=${community}`)).json().items;
    expect(sent.map((a: { communityName: string }) => a.communityName)).toEqual(['读书会', '读书会']);
    expect((await analyst.get('/api/v1/outbox?pageSize=1&page=2')).json()).toMatchObject({ total: 3, page: 2, items: [expect.any(Object)] });
    expect((await analyst.get('/api/v1/outbox/counts')).json()).toEqual({ pending: 1, sending: 0, awaiting_staff: 0, sent: 1, failed: 1, cancelled: 0 });
    const bad = await analyst.get('/api/v1/outbox?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toContain('status');
  });

  it('retries only a failed action and cancels only a pending one, audited; analysts cannot', async () => {
    const op = as(app, await loginAs(app, 'op@outbox.test'));
    const analyst = as(app, await loginAs(app, 'an@outbox.test'));
    const items = (await op.get('/api/v1/outbox')).json().items as { id: string; status: string }[];
    const failed = items.find((a) => a.status === 'failed')!;
    const pending = items.find((a) => a.status === 'pending')!;
    const sent = items.find((a) => a.status === 'sent')!;
    expect((await analyst.post(`/api/v1/outbox/${failed.id}/retry`)).statusCode).toBe(403);
    expect((await op.post(`/api/v1/outbox/${sent.id}/retry`)).statusCode).toBe(409);
    expect((await op.post(`/api/v1/outbox/${sent.id}/cancel`)).statusCode).toBe(409);
    const retried = await op.post(`/api/v1/outbox/${failed.id}/retry`);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    const cancelled = await op.post(`/api/v1/outbox/${pending.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', lastError: 'cancelled by staff' });
    expect((await op.post(`/api/v1/outbox/${pending.id}/cancel`)).json().status).toBe('cancelled');
    // The cancelled one never goes out, even once it is due; the retried one fails again, as it must.
    await withTenant(database, ws, actor, (ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where workspace_id = ${ctx.workspaceId}`));
    await dispatchActions(database, 50);
    const counts = (await op.get('/api/v1/outbox/counts')).json();
    expect(counts).toMatchObject({ sent: 1, failed: 1, cancelled: 1, pending: 0 });
    const audit = (await withTenant(database, ws, actor, (ctx) => rows<{ action: string }>(ctx.db, sql`select action from audit_log`))).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['action.retried', 'action.cancelled']));
    expect((await op.post('/api/v1/outbox/00000000-0000-4000-8000-000000000000/retry')).statusCode).toBe(404);
  });
});
