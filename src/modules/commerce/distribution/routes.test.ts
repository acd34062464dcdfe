import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups, webhookMember } from '../../../../test/helpers/events.js';
import { rows, sql } from '../../../db/client.js';
import { runCommissionRelease } from './release-commissions.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let members: Record<string, string>;
let admin: ReturnType<typeof as>;
let operator: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
const DAY = 86_400_000;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const ws = await makeWorkspace(database, 'shop', [
    { email: 'admin@shop.test', role: 'admin' }, { email: 'op@shop.test', role: 'operator' }, { email: 'an@shop.test', role: 'analyst' }]);
  await ingestIntoGroups(database, ws, ['amy', 'dan', 'uma'].map((n) => groupEvent(`j-${n}`, 'member.joined', 'g1', n, new Date(Date.now() - 30 * DAY).toISOString())), ['g1']);
  members = Object.fromEntries((await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)).map((m) => [m.name, m.id]));
  admin = as(app, await loginAs(app, 'admin@shop.test'));
  operator = as(app, await loginAs(app, 'op@shop.test'));
  analyst = as(app, await loginAs(app, 'an@shop.test'));
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('distribution routes', () => {
  it('admins set the rates; operators cannot, analysts read', async () => {
    const settings = { tier1Bps: 800, tier2Bps: 200, bindingRule: 'latest_touch', bindingDays: 15, refundWindowDays: 7, minWithdrawalCents: 500, landingUrl: 'https://shop.example/m' };
    expect((await operator.put('/api/v1/distribution/settings', settings)).statusCode).toBe(403);
    expect((await admin.put('/api/v1/distribution/settings', { ...settings, tier1Bps: 4000, tier2Bps: 2000 })).statusCode).toBe(400);
    const saved = await admin.put('/api/v1/distribution/settings', settings);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await analyst.get('/api/v1/distribution/settings')).json()).toEqual(settings);
  });

  it('an application is approved or rejected by an operator, and a sale shows in the ledger and the customers', async () => {
    expect((await analyst.post('/api/v1/distribution/distributors', { memberId: members.uma })).statusCode).toBe(403);
    const uma = (await operator.post('/api/v1/distribution/distributors', { memberId: members.uma })).json();
    expect(uma).toMatchObject({ status: 'pending', name: 'uma' });
    const approved = await operator.post(`/api/v1/distribution/distributors/${uma.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().link).toBe(`https://shop.example/m?ref=${approved.json().code}`);
    const dan = (await operator.post('/api/v1/distribution/distributors', { memberId: members.dan, uplineCode: approved.json().code })).json();
    expect((await operator.post(`/api/v1/distribution/distributors/${dan.id}/reject`, {})).statusCode).toBe(400);
    const pending = (await analyst.get('/api/v1/distribution/distributors?status=pending')).json();
    expect(pending.items.map((d: { name: string }) => d.name)).toEqual(['dan']);
    const danApproved = (await operator.post(`/api/v1/distribution/distributors/${dan.id}/approve`)).json();
    expect(danApproved.uplineName).toBe('uma');
    const bound = await operator.post('/api/v1/distribution/bindings', { customerMemberId: members.amy, code: danApproved.code.toLowerCase() });
    expect(bound.json()).toMatchObject({ outcome: 'bound', distributorId: dan.id });
    const paidAt = new Date(Date.now() + 1000).toISOString();
    const ingested = await operator.post('/api/v1/events', { events: [{ id: 'pay-1', type: 'order.paid', occurredAt: paidAt, member: webhookMember('amy'), data: { orderId: 'A-1', amountCents: 12_990 } }] });
    expect(ingested.statusCode, ingested.body).toBe(200);
    const ledger = (await analyst.get(`/api/v1/distribution/commissions?distributorId=${dan.id}`)).json();
    expect(ledger.items.map((c: { amountCents: number; tier: number; status: string }) => [c.tier, c.amountCents, c.status])).toEqual([[1, 1039, 'frozen']]);
    expect((await analyst.get('/api/v1/distribution/commissions?orderId=A-1')).json().total).toBe(2);
    const customers = (await analyst.get(`/api/v1/distribution/distributors/${dan.id}/customers`)).json();
    expect(customers.items).toEqual([expect.objectContaining({ name: 'amy', orders: 1, paidCents: 12_990 })]);
    // Released, withdrawn on the distributor's behalf, then paid out.
    await runCommissionRelease(database, 500, new Date(Date.now() + 8 * DAY));
    expect((await analyst.get(`/api/v1/distribution/distributors/${dan.id}`)).json()).toMatchObject({ frozenCents: 0, availableCents: 1039 });
    const tooMuch = await operator.post(`/api/v1/distribution/distributors/${dan.id}/withdrawals`, { amountCents: 2000, idempotencyKey: 'dan-withdraw-1' });
    expect(tooMuch.statusCode).toBe(409);
    const asked = await operator.post(`/api/v1/distribution/distributors/${dan.id}/withdrawals`, { amountCents: 1000, idempotencyKey: 'dan-withdraw-2' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await analyst.get('/api/v1/distribution/withdrawals?status=requested')).json().items).toEqual([expect.objectContaining({ amountCents: 1000, distributorName: 'dan' })]);
    const paid = await operator.post(`/api/v1/distribution/withdrawals/${asked.json().id}/approve`);
    expect(paid.json()).toMatchObject({ status: 'paid' });
    expect((await operator.post(`/api/v1/distribution/withdrawals/${asked.json().id}/reject`, { reason: 'late' })).statusCode).toBe(409);
    expect((await analyst.get(`/api/v1/distribution/distributors/${dan.id}`)).json()).toMatchObject({ availableCents: 39, withdrawnCents: 1000 });
  });
});
