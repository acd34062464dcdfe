import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups, webhookMember } from '../../../../test/helpers/events.js';
import { one, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { memberLink } from '../../member-pages/member-links.js';
import { runCommissionRelease } from './release-commissions.js';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { getDistributionSettings } from './settings.js';
import { setDistributionSettings } from './set-distribution-settings.js';

// jsqr is CommonJS with a default export: its function sits on .default or is the module itself, by loader.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
const m: Record<string, string> = {};
const tokens: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const DAY = 86_400_000;

const member = (who: string) => {
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, payload: payload as never, headers: { authorization: `Member ${tokens[who]}` } });
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'centre', [{ email: 'op@centre.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@centre.test'));
  await ingestIntoGroups(database, ws, ['amy', 'dan'].map((n) => groupEvent(`j-${n}`, 'member.joined', 'g1', n, new Date(Date.now() - DAY).toISOString())), ['g1']);
  for (const who of ['amy', 'dan']) {
    m[who] = (await one<{ id: string }>(database.db, sql`select member_id as id from member_identities where external_id = ${who}`))!.id;
    tokens[who] = (await withTenant(database, ws, system, (ctx) => memberLink(ctx, m[who]!, { baseUrl: 'https://shequn.example.com' }))).token;
  }
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('the distributor centre (member pages)', () => {
  it('a member applies, is approved, sees their code, link and earnings, and withdraws within the available balance', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/m/distribution' })).statusCode).toBe(401);
    const before = (await member('dan').get('/api/m/distribution')).json();
    expect(before).toMatchObject({ distributor: null, minWithdrawalCents: 1000, refundWindowDays: 7 }); // the defaults: nobody set the rules
    const applied = await member('dan').post('/api/m/distribution/apply', {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().distributor).toMatchObject({ status: 'pending', code: null });
    // A member cannot withdraw before being a distributor, nor name someone else in the body.
    expect((await member('amy').post('/api/m/distribution/withdrawals', { amountCents: 1000, idempotencyKey: 'amy-withdraw-1' })).statusCode).toBe(409);
    expect((await member('dan').post('/api/m/distribution/apply', { memberId: m.amy })).statusCode).toBe(400);

    const id = (await op.get('/api/v1/distribution/distributors?status=pending')).json().items[0].id;
    const approved = (await op.post(`/api/v1/distribution/distributors/${id}/approve`)).json();
    const centre = (await member('dan').get('/api/m/distribution')).json();
    expect(centre.distributor).toMatchObject({ status: 'approved', code: approved.code, frozenCents: 0, availableCents: 0 });
    expect(centre.distributor.link).toBeNull(); // no landing page set: a code only

    // amy buys through dan's code 8 days ago: the commission is frozen, then released by the job.
    await withTenant(database, ws, system, async (ctx) => {
      const { ingestEvents } = await import('../../tracking/ingest-events.js');
      await ingestEvents(ctx, [{ id: 'pay-1', type: 'order.paid', occurredAt: new Date(Date.now() - 8 * DAY).toISOString(), member: webhookMember('amy'), data: { orderId: 'A-1', amountCents: 20_000, referral: approved.code } }]);
    });
    expect((await member('dan').get('/api/m/distribution')).json().distributor).toMatchObject({ frozenCents: 2000, availableCents: 0, customers: 1 });
    await runCommissionRelease(database);
    const released = (await member('dan').get('/api/m/distribution')).json();
    expect(released.distributor).toMatchObject({ frozenCents: 0, availableCents: 2000 });
    expect(released.entries).toEqual([expect.objectContaining({ orderId: 'A-1', tier: 1, kind: 'commission', amountCents: 2000, status: 'available' })]);

    expect((await member('dan').post('/api/m/distribution/withdrawals', { amountCents: 999, idempotencyKey: 'dan-withdraw-0' })).statusCode).toBe(400);
    expect((await member('dan').post('/api/m/distribution/withdrawals', { amountCents: 2001, idempotencyKey: 'dan-withdraw-1' })).statusCode).toBe(409);
    const ok = await member('dan').post('/api/m/distribution/withdrawals', { amountCents: 1500, idempotencyKey: 'dan-withdraw-2' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().distributor).toMatchObject({ availableCents: 500, withdrawingCents: 1500 });
    expect(ok.json().withdrawals).toEqual([expect.objectContaining({ amountCents: 1500, status: 'requested' })]);
    // amy, the customer, sees nothing of dan's.
    expect((await member('amy').get('/api/m/distribution')).json()).toMatchObject({ distributor: null, entries: [], withdrawals: [] });
  });

  it('an approved distributor gets a share poster whose QR code is their referral link, once the workspace has a landing page', async () => {
    const poster = () => member('dan').get('/api/m/distribution/poster.png');
    expect((await member('amy').get('/api/m/distribution/poster.png')).json().error.fields[0].path).toBe('status'); // never applied
    await withTenant(database, ws, system, async (ctx) => setDistributionSettings(ctx, { ...(await getDistributionSettings(ctx)), landingUrl: null }));
    expect([(await poster()).statusCode, (await poster()).json().error.fields[0].path]).toEqual([409, 'landingUrl']);
    await withTenant(database, ws, system, async (ctx) => setDistributionSettings(ctx, { ...(await getDistributionSettings(ctx)), landingUrl: 'https://shop.example.cn/m' }));
    const res = await poster();
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'image/png']);
    const img = PNG.sync.read(res.rawPayload);
    const link = (await member('dan').get('/api/m/distribution')).json().distributor.link as string;
    expect(link).toMatch(/^https:\/\/shop\.example\.cn\/m/);
    expect([img.width, img.height, jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data]).toEqual([750, 1200, link]);
  });
});
