import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { runLeaderboardSettlements } from './run-leaderboard-settlements.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const groups: Record<string, string> = {};

const board = (over: Record<string, unknown> = {}) => ({
  name: '五月签到榜', metric: 'check_in_days', period: { kind: 'custom', from: '2026-05-01', to: '2026-05-31' }, scope: { kind: 'all' },
  topN: 3, rewards: [30, 20, 10], announcement: { communityId: groups.g1, text: '🏆 {{leaderboard.name}}\n{{ranking}}' }, ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'boards-api', [{ email: 'op@b.test', role: 'operator' }, { email: 'analyst@b.test', role: 'analyst' }]);
  const other = await makeWorkspace(database, 'boards-other', [{ email: 'op@other.test', role: 'owner' }]);
  op = as(app, await loginAs(app, 'op@b.test'));
  analyst = as(app, await loginAs(app, 'analyst@b.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  for (const [w, prefix] of [[ws, ''], [other, 'other-']] as const) {
    await withTenant(database, w, { kind: 'system', name: 'test' }, async (ctx) => {
      await ingestEvents(ctx, [['g1', 'sandbox'], ['hook', 'webhook']].map(([g, channel]) => ({
        id: `seed-${g}`, type: 'message.sent', occurredAt: '2026-01-01T00:00:00Z', community: { channel, externalId: g, name: `${g}群` },
        member: { channel, externalId: 'seed' }, data: { text: 'hi' },
      })));
      for (const r of await rows<{ id: string; ext: string }>(ctx.db, sql`select id, external_id as ext from communities`)) groups[`${prefix}${r.ext}`] = r.id;
    });
  }
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('leaderboard definitions', () => {
  let id: string;

  it('lets operators create and list boards, and analysts only read them', async () => {
    const res = await op.post('/api/v1/leaderboards', board({ rewards: undefined, topN: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      name: '五月签到榜', metric: 'check_in_days', period: { kind: 'custom', from: '2026-05-01', to: '2026-05-31' }, topN: 10, rewards: [], enabled: true,
      announcement: { communityId: groups.g1, communityName: 'g1群' }, currentPeriod: { key: '2026-05-01..2026-05-31' }, settlements: 0,
    });
    await op.post('/api/v1/leaderboards', board({ name: '月度积分榜', metric: 'points_earned', period: { kind: 'monthly' }, scope: { kind: 'communities', communityIds: [groups.g1] } }));
    const list = await analyst.get('/api/v1/leaderboards?pageSize=1');
    expect(list.json()).toMatchObject({ total: 2, items: [{ name: '五月签到榜' }] });
    expect((await analyst.get('/api/v1/leaderboards?pageSize=1&page=2')).json().items[0]).toMatchObject({ name: '月度积分榜', scope: { kind: 'communities', communities: [{ name: 'g1群' }] } });
    expect((await analyst.post('/api/v1/leaderboards', board())).statusCode).toBe(403);
    expect((await analyst.patch(`/api/v1/leaderboards/${id}`, { enabled: false })).statusCode).toBe(403);
  });

  it('names the field of a bad value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [board({ name: ' ' }), 'name'],
      [board({ metric: 'likes' }), 'metric'],
      [board({ period: { kind: 'weekly' } }), 'period.kind'],
      [board({ period: { kind: 'custom', from: '2026-05-10', to: '2026-05-01' } }), 'period.to'],
      [board({ period: { kind: 'custom', from: '2026-05-01', to: '2027-06-01' } }), 'period.to'],
      [board({ period: { kind: 'custom', from: '2026-02-30', to: '2026-03-01' } }), 'period.from'],
      [board({ scope: { kind: 'communities', communityIds: [] } }), 'scope.communityIds'],
      [board({ scope: { kind: 'communities', communityIds: [groups.g1, groups['other-g1']] } }), 'scope.communityIds.1'],
      [board({ topN: 0 }), 'topN'],
      [board({ topN: 2, rewards: [3, 2, 1] }), 'rewards'],
      [board({ rewards: [-1] }), 'rewards.0'],
      [board({ announcement: { communityId: groups.g1, text: '本月榜单' } }), 'announcement.text'],
      [board({ announcement: { communityId: groups.g1, text: '{{ranking}} {{member.name}}' } }), 'announcement.text'],
      [board({ announcement: { communityId: groups.hook, text: '{{ranking}}' } }), 'announcement.communityId'],
      [board({ announcement: { communityId: groups['other-g1'], text: '{{ranking}}' } }), 'announcement.communityId'],
    ];
    for (const [body, field] of cases) {
      const res = await op.post('/api/v1/leaderboards', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.message, field).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
    }
  });

  it('answers not found for another workspace\'s board, whatever was sent', async () => {
    for (const res of [
      await stranger.get(`/api/v1/leaderboards/${id}`),
      await stranger.get(`/api/v1/leaderboards/${id}/standings`),
      await stranger.get(`/api/v1/leaderboards/${id}/settlements`),
      await stranger.put(`/api/v1/leaderboards/${id}`, {}),
      await stranger.patch(`/api/v1/leaderboards/${id}`, { enabled: false }),
      await stranger.delete(`/api/v1/leaderboards/${id}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await stranger.get('/api/v1/leaderboards')).json().total).toBe(0);
    expect((await op.get(`/api/v1/leaderboards/${id}`)).json().enabled).toBe(true);
  });

  it('keeps a settled board: its custom period cannot move and it cannot be deleted, only switched off', async () => {
    const standings = await analyst.get(`/api/v1/leaderboards/${id}/standings`);
    expect(standings.json()).toMatchObject({ items: [], total: 0, settledAt: null, period: { from: '2026-05-01', to: '2026-05-31' } });
    expect((await analyst.get(`/api/v1/leaderboards/${id}/standings?period=2026-05`)).json().error.message).toMatch(/^period:/);
    await runLeaderboardSettlements(database, new Date('2026-06-01T00:00:00+08:00'));
    const settled = (await analyst.get(`/api/v1/leaderboards/${id}/settlements`)).json();
    // Nobody checked in: settled with no winners, and nothing announced.
    expect(settled).toMatchObject({ total: 1, items: [{ period: '2026-05-01..2026-05-31', ranked: 0, winners: [], announcement: { actionId: null, error: 'nobody ranked in this period: nothing announced' } }] });
    const moved = await op.put(`/api/v1/leaderboards/${id}`, board({ period: { kind: 'custom', from: '2026-06-01', to: '2026-06-30' } }));
    expect([moved.statusCode, moved.json().error.fields[0].path]).toEqual([409, 'period']);
    const renamed = await op.put(`/api/v1/leaderboards/${id}`, board({ name: '五月签到榜（已结算）' }));
    expect([renamed.statusCode, renamed.json().name, renamed.json().settlements]).toEqual([200, '五月签到榜（已结算）', 1]);
    expect((await op.delete(`/api/v1/leaderboards/${id}`)).statusCode).toBe(409);
    expect((await op.patch(`/api/v1/leaderboards/${id}`, { enabled: false })).json().enabled).toBe(false);
    const fresh = (await op.post('/api/v1/leaderboards', board({ name: '临时榜' }))).json().id;
    expect((await op.delete(`/api/v1/leaderboards/${fresh}`)).json()).toEqual({ ok: true });
    expect((await op.get(`/api/v1/leaderboards/${fresh}`)).statusCode).toBe(404);
  });
});
