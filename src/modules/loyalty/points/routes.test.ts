import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let admin: ReturnType<typeof as>;
let op: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
let amy: string;
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const ingest = (events: unknown[]) => withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => ingestEvents(ctx, events));
const LONG = '这条消息足够长，讲了很多有用的内容，值得积分奖励一下吧';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'points-api', [{ email: 'admin@p.test', role: 'admin' }, { email: 'op@p.test', role: 'operator' }]);
  await makeWorkspace(database, 'points-other', [{ email: 'admin@other.test', role: 'admin' }]);
  admin = as(app, await loginAs(app, 'admin@p.test'));
  op = as(app, await loginAs(app, 'op@p.test'));
  stranger = as(app, await loginAs(app, 'admin@other.test'));
  await ingest([groupEvent('seed', 'member.joined', 'g', 'amy', new Date().toISOString())]);
  amy = (await one<{ id: string }>(database.db, sql`select id from members where workspace_id = ${ws.id} and display_name = 'amy'`))!.id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('points API', () => {
  it('validates settings with the field named, and only admins set them', async () => {
    const bad = await admin.put('/api/v1/points/settings', { expiryDays: 0, rules: [] });
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('expiryDays');
    const twice = await admin.put('/api/v1/points/settings', { expiryDays: null, rules: [
      { activity: 'message', points: 2, dailyCap: 6, enabled: true }, { activity: 'message', points: 1, dailyCap: null, enabled: true }] });
    expect(fieldOf(twice)).toBe('rules.1.activity');
    expect((await op.put('/api/v1/points/settings', { expiryDays: null, rules: [] })).statusCode).toBe(403);
    const ok = await admin.put('/api/v1/points/settings', { expiryDays: 90, rules: [
      { activity: 'message', points: 2, dailyCap: 6, enabled: true }, { activity: 'order', points: 1, dailyCap: null, enabled: true }] });
    expect(ok.statusCode).toBe(200);
    expect((await op.get('/api/v1/points/settings')).json().expiryDays).toBe(90);
  });

  it('substantive messages and paid orders earn by the rules, once per event, within the daily cap', async () => {
    const now = Date.now();
    const at = (i: number) => new Date(now - 60_000 + i * 1000).toISOString();
    const events = [
      ...[0, 1, 2, 3].map((i) => groupEvent(`m${i}`, 'message.sent', 'g', 'amy', at(i), { text: LONG })),
      groupEvent('short', 'message.sent', 'g', 'amy', at(5), { text: '好的' }),
      groupEvent('old', 'message.sent', 'g', 'amy', new Date(now - 40 * 86_400_000).toISOString(), { text: LONG }),
      { id: 'o1', type: 'order.paid', occurredAt: at(6), member: { channel: 'webhook', externalId: 'amy' }, data: { orderId: 'A-1', amountCents: 12_990 } },
    ];
    await ingest(events);
    await ingest(events); // a re-delivered batch pays nothing more
    const history = (await op.get(`/api/v1/points/members/${amy}`)).json();
    expect(history.balance).toBe(6 + 129);
    expect(history.items.map((e: any) => `${e.reason}:${e.amount}`).sort()).toEqual(['message:2', 'message:2', 'message:2', 'order:129']);
  });

  it('adjustments: a reason is required, a retry posts once, and taking more than the balance is refused on the field', async () => {
    const url = `/api/v1/points/members/${amy}/adjustments`;
    expect(fieldOf(await op.post(url, { amount: 10, note: ' ', idempotencyKey: 'adj-00001' }))).toBe('note');
    expect(fieldOf(await op.post(url, { amount: 0, note: '补偿', idempotencyKey: 'adj-00001' }))).toBe('amount');
    const first = await op.post(url, { amount: 15, note: '活动补偿', idempotencyKey: 'adj-00001' });
    const again = await op.post(url, { amount: 15, note: '活动补偿', idempotencyKey: 'adj-00001' });
    expect([first.json().created, again.json().created, again.json().balance]).toEqual([true, false, 150]);
    const over = await op.post(url, { amount: -151, note: '扣除', idempotencyKey: 'adj-00002' });
    expect(over.statusCode).toBe(409);
    expect(fieldOf(over)).toBe('amount');
    const accounts = (await op.get('/api/v1/points/accounts?search=AM')).json();
    expect(accounts.items).toEqual([expect.objectContaining({ name: 'amy', balance: 150, earned: 150, spent: 0, expiringSoon: 0 })]);
  });

  it('another workspace\'s member is not found and its accounts are not listed', async () => {
    expect((await stranger.get(`/api/v1/points/members/${amy}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/points/members/${amy}/adjustments`, { amount: 5, note: 'x', idempotencyKey: 'steal-0001' })).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/points/accounts')).json().total).toBe(0);
  });
});
