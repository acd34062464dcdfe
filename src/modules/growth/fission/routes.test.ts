import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupWith, inTenant } from '../../../../test/helpers/live-codes.js';
import { HOUR, leave, memberId, scanAndJoin } from '../../../../test/helpers/fission.js';
import type { WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { listMemberCampaigns } from './list-member-campaigns.js';
import { joinCampaign } from './join-campaign.js';
import { renderPoster } from './render-poster.js';
import { runFissionQualification } from './run-fission-qualification.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let code: { id: string; slug: string };
let id: string;
const m: Record<string, string> = {};
const T0 = new Date(Date.now() - 5 * 24 * HOUR);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
// jsqr is CommonJS with a default export: its function sits on .default or is the module itself, by loader.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const valid = () => ({ name: '双十一裂变', status: 'active', liveCodeId: code.id, goal: 2, holdHours: 24, rewardKind: 'points', rewardPoints: 100 });
const decode = (png: Buffer) => {
  const img = PNG.sync.read(png);
  return { width: img.width, height: img.height, qr: jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null };
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'fission-api', [{ email: 'op@fa.test', role: 'operator' }, { email: 'an@fa.test', role: 'analyst' }]);
  op = as(app, await loginAs(app, 'op@fa.test'));
  analyst = as(app, await loginAs(app, 'an@fa.test'));
  const group = await groupWith(database, ws, 'fa', { members: 4, left: 1 });
  // 王小明 joined the group long ago: a participant with a Chinese name.
  await inTenant(database, ws, (ctx) => ingestEvents(ctx, [{ id: 'wxm', type: 'member.joined', occurredAt: '2026-01-05T00:00:00Z',
    community: { channel: 'sandbox', externalId: 'fa' }, member: { channel: 'sandbox', externalId: 'wxm', name: '王小明' }, data: {} }]));
  for (const who of ['wxm', 'fa-m1', 'fa-m2', 'fa-m3']) m[who] = await memberId(database, ws, who);
  code = (await op.post('/api/v1/live-codes', { name: '裂变活码', capacity: 500, communityIds: [group] })).json();
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('fission campaign API', () => {
  it('validates a campaign with the field named, and only operators write', async () => {
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), rewardPoints: null }))).toBe('rewardPoints');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), goal: 0 }))).toBe('goal');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), liveCodeId: '00000000-0000-4000-8000-000000000000' }))).toBe('liveCodeId');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), rewardKind: 'reward' }))).toBe('rewardId');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), poster: { background: 'red' } }))).toBe('poster.background');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), messages: { progress: '还差 {{left}} 位' } }))).toBe('messages.progress');
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', { ...valid(), startsAt: at(5).toISOString(), endsAt: at(1).toISOString() }))).toBe('endsAt');
    expect((await analyst.post('/api/v1/fission-campaigns', valid())).statusCode).toBe(403);
    const created = await op.post('/api/v1/fission-campaigns', valid());
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ liveCodeName: '裂变活码', poster: { title: '邀请好友 领好礼' }, participants: 0 });
    expect(fieldOf(await op.post('/api/v1/fission-campaigns', valid()))).toBe('name');
    expect((await analyst.get('/api/v1/fission-campaigns')).json()).toMatchObject({ total: 1, items: [{ id }] });
  });

  it('counts a known scenario into the funnel, the K-factor and cost per qualified member', async () => {
    const enrol = async (who: string) => (await op.post(`/api/v1/fission-campaigns/${id}/participants`, { memberId: m[who] })).json();
    const [a, b, , d] = [await enrol('wxm'), await enrol('fa-m1'), await enrol('fa-m2'), await enrol('fa-m3')];
    expect((await enrol('wxm')).id).toBe(a.id);
    await scanAndJoin(database, ws, code, a.source, 'a1', at(0));
    await scanAndJoin(database, ws, code, a.source, 'a2', at(1));
    await scanAndJoin(database, ws, code, b.source, 'b1', at(0));
    await scanAndJoin(database, ws, code, b.source, 'b2', at(0));
    await leave(database, ws, 'fa', 'b2', at(2));
    await scanAndJoin(database, ws, code, d.source, 'fa-gone0', at(0));
    await runFissionQualification(database, { now: at(30) });
    await op.get(`/api/v1/fission-campaigns/${id}/participants/${m.wxm}/poster.png?record=generated`);
    await op.get(`/api/v1/fission-campaigns/${id}/participants/${m.wxm}/poster.png?record=generated`);
    await op.get(`/api/v1/fission-campaigns/${id}/participants/${m['fa-m1']}/poster.png`);
    await inTenant(database, ws, (ctx) => renderPoster(ctx, id, m['fa-m1']!, 'https://m.example.cn', { record: 'shared' }));
    const stats = (await analyst.get(`/api/v1/fission-campaigns/${id}/stats?days=30`)).json();
    expect(stats.totals).toEqual({
      participants: 4, postersGenerated: 1, shares: 1, scans: 5, joins: 5, qualified: 3, pending: 0, void: 2, completed: 1,
      kFactor: 0.75, rewardCost: 100, costUnit: 'points', costPerQualified: 100 / 3,
    });
    expect(stats.series).toHaveLength(30);
    const sum = (k: string) => stats.series.reduce((n: number, d: Record<string, number>) => n + d[k]!, 0);
    expect([sum('participants'), sum('posters'), sum('shares'), sum('scans'), sum('joins'), sum('qualified')]).toEqual([4, 2, 1, 5, 5, 3]);
  });

  it('lists participants with progress, paginated, and as a leaderboard', async () => {
    const page = (await analyst.get(`/api/v1/fission-campaigns/${id}/participants?pageSize=2&sort=qualified`)).json();
    expect(page.total).toBe(4);
    expect(page.items.map((p: any) => [p.memberName, p.qualified, p.pending, p.void, !!p.completedAt, p.rewardStatus])).toEqual([
      ['王小明', 2, 0, 0, true, 'paid'], ['fa-m1', 1, 0, 1, false, 'none'],
    ]);
    expect((await analyst.get(`/api/v1/fission-campaigns/${id}/participants?page=2&pageSize=2&sort=qualified`)).json().items).toHaveLength(2);
    expect((await analyst.post(`/api/v1/fission-campaigns/${id}/participants`, { memberId: m.wxm })).statusCode).toBe(403);
    expect(fieldOf(await op.post(`/api/v1/fission-campaigns/${id}/participants`, { memberId: 'nobody' }))).toBe('memberId');
  });

  it('renders a poster whose QR code reads the inviter\'s personal address', async () => {
    const res = await analyst.get(`/api/v1/fission-campaigns/${id}/participants/${m.wxm}/poster.png`);
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'image/png']);
    const source = (await analyst.get(`/api/v1/fission-campaigns/${id}/participants?sort=qualified`)).json().items[0].source;
    expect(decode(res.rawPayload)).toEqual({ width: 750, height: 1200, qr: `http://localhost:80/j/${code.slug}?s=${source}` });
    const png = await inTenant(database, ws, (ctx) => renderPoster(ctx, id, m.wxm!, 'https://m.example.cn/', { record: null }));
    expect(decode(png)).toEqual({ width: 750, height: 1200, qr: `https://m.example.cn/j/${code.slug}?s=${source}` });
    // The name is drawn: another participant's poster differs in the name's band of the card.
    const other = PNG.sync.read(await inTenant(database, ws, (ctx) => renderPoster(ctx, id, m['fa-m1']!, 'https://m.example.cn/', { record: null })));
    const band = (img: PNG) => img.data.subarray(750 * 4 * 460, 750 * 4 * 530);
    expect(Buffer.compare(band(PNG.sync.read(png)), band(other))).not.toBe(0);
    expect((await analyst.get(`/api/v1/fission-campaigns/${id}/participants/${m.wxm}/poster.png?record=shared`)).statusCode).toBe(400);
    expect((await analyst.get(`/api/v1/fission-campaigns/${id}/participants/${code.id}/poster.png`)).statusCode).toBe(404);
  });

  it('gives the member page its verbs: open campaigns with progress, an idempotent join', async () => {
    const mine = await inTenant(database, ws, (ctx) => listMemberCampaigns(ctx, m.wxm!));
    expect(mine).toEqual([expect.objectContaining({ campaignId: id, joined: true, qualified: 2, pending: 0, goal: 2, completed: true, rewardPoints: 100 })]);
    const newcomer = await memberId(database, ws, 'a1');
    expect((await inTenant(database, ws, (ctx) => listMemberCampaigns(ctx, newcomer)))[0]).toMatchObject({ joined: false, qualified: 0 });
    const [first, again] = [await inTenant(database, ws, (ctx) => joinCampaign(ctx, id, newcomer)), await inTenant(database, ws, (ctx) => joinCampaign(ctx, id, newcomer))];
    expect(again).toEqual(first);
    await op.patch(`/api/v1/fission-campaigns/${id}`, { status: 'ended' });
    expect(await inTenant(database, ws, (ctx) => listMemberCampaigns(ctx, m.wxm!))).toEqual([]);
    expect((await op.delete(`/api/v1/fission-campaigns/${id}`)).json()).toEqual({ ok: true });
    expect((await op.get(`/api/v1/fission-campaigns/${id}`)).statusCode).toBe(404);
  });

  it('keeps a live code a campaign routes through: deleting it is a 409, not a server error, and changes nothing', async () => {
    expect((await op.post('/api/v1/fission-campaigns', { ...valid(), name: '留住活码' })).statusCode).toBe(201);
    const res = await op.delete(`/api/v1/live-codes/${code.id}`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.fields[0].path).toBe('id');
    expect((await op.get(`/api/v1/live-codes/${code.id}`)).statusCode).toBe(200);
  });
});
