import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { DEFAULT_CHECK_IN_SETTINGS } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let admin: ReturnType<typeof as>;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const members: Record<string, string> = {};

const settings = (over: Record<string, unknown> = {}) => ({ ...DEFAULT_CHECK_IN_SETTINGS, enabled: true, ...over });
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'check-in-api', [
    { email: 'admin@c.test', role: 'admin' }, { email: 'op@c.test', role: 'operator' }, { email: 'analyst@c.test', role: 'analyst' },
  ]);
  const other = await makeWorkspace(database, 'check-in-other', [{ email: 'op@other.test', role: 'admin' }]);
  admin = as(app, await loginAs(app, 'admin@c.test'));
  op = as(app, await loginAs(app, 'op@c.test'));
  analyst = as(app, await loginAs(app, 'analyst@c.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  for (const [w, who] of [[ws, 'amy'], [other, 'zed']] as const) {
    await withTenant(database, w, { kind: 'system', name: 'test' }, async (ctx) => {
      await ingestEvents(ctx, [{ id: `join-${who}`, type: 'member.joined', occurredAt: '2026-01-01T00:00:00Z', community: { channel: 'sandbox', externalId: 'g1' }, member: { channel: 'sandbox', externalId: who, name: who }, data: {} }]);
      members[who] = (await rows<{ id: string }>(ctx.db, sql`select member_id as id from member_identities where external_id = ${who}`))[0]!.id;
    });
  }
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('check-in settings', () => {
  it('shows the defaults, switched off, with the loyalty rule that pays per check-in', async () => {
    const res = await analyst.get('/api/v1/check-in/settings');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ settings: { enabled: false, keywords: ['签到', '打卡'], resetPeriod: 'none' }, pointsRule: null, timeZone: 'Asia/Shanghai', updatedAt: null });
    await admin.put('/api/v1/points/settings', { expiryDays: null, rules: [{ activity: 'check_in', points: 5, dailyCap: null, enabled: true }] });
    expect((await analyst.get('/api/v1/check-in/settings')).json().pointsRule).toEqual({ points: 5, dailyCap: null, enabled: true });
  });

  it('lets admins replace them, milestones in order, and no one else', async () => {
    const res = await admin.put('/api/v1/check-in/settings', settings({ milestones: [{ days: 30, points: 100 }, { days: 7, cards: 1 }] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.milestones).toEqual([{ days: 7, points: 0, cards: 1 }, { days: 30, points: 100, cards: 0 }]);
    expect(res.json().updatedBy).toBeTruthy();
    expect((await op.put('/api/v1/check-in/settings', settings())).statusCode).toBe(403);
    const audit = await admin.get('/api/v1/audit-log');
    expect(audit.body).toContain('check_in.settings_updated');
  });

  it('names the field of a bad value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [settings({ keywords: [] }), 'keywords'],
      [settings({ keywords: ['签到', ' '] }), 'keywords.1'],
      [settings({ keywords: ['签到', ' 签到'] }), 'keywords.1'],
      [settings({ resetPeriod: 'daily' }), 'resetPeriod'],
      [settings({ milestones: [{ days: 1, points: 5 }] }), 'milestones.0.days'],
      [settings({ milestones: [{ days: 7 }] }), 'milestones.0.points'],
      [settings({ milestones: [{ days: 7, points: 5 }, { days: 7, cards: 1 }] }), 'milestones.1.days'],
      [settings({ resetPeriod: 'weekly', milestones: [{ days: 10, points: 5 }] }), 'milestones.0.days'],
      [settings({ makeUp: { perMonth: 40, maxDaysBack: 7 } }), 'makeUp.perMonth'],
      [settings({ makeUp: { perMonth: 2, maxDaysBack: 0 } }), 'makeUp.maxDaysBack'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.put('/api/v1/check-in/settings', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.message, field).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
    }
  });
});

describe('members, cards and reports', () => {
  it('shows a member\'s calendar and grants cards once per key', async () => {
    expect((await op.post(`/api/v1/check-in/members/${members.amy}/cards`, { count: 0, idempotencyKey: 'grant-0001' })).json().error.message).toMatch(/^count:/);
    const grant = await op.post(`/api/v1/check-in/members/${members.amy}/cards`, { count: 2, note: '老用户', idempotencyKey: 'grant-0001' });
    expect(grant.statusCode, grant.body).toBe(200);
    expect(grant.json()).toMatchObject({ created: true, balance: 2 });
    expect((await op.post(`/api/v1/check-in/members/${members.amy}/cards`, { count: 2, idempotencyKey: 'grant-0001' })).json()).toMatchObject({ created: false, balance: 2 });
    expect((await analyst.post(`/api/v1/check-in/members/${members.amy}/cards`, { count: 1, idempotencyKey: 'grant-0002' })).statusCode).toBe(403);
    const calendar = await analyst.get(`/api/v1/check-in/members/${members.amy}?month=2026-05`);
    expect(calendar.statusCode, calendar.body).toBe(200);
    expect(calendar.json()).toMatchObject({ enabled: true, month: '2026-05', cards: 2, streak: 0, days: [], makeUp: { perMonth: 2, days: [] } });
    const cards = await analyst.get(`/api/v1/check-in/members/${members.amy}/cards?pageSize=1`);
    expect(cards.json()).toMatchObject({ total: 1, items: [{ delta: 2, reason: 'operator', note: '老用户', createdByName: 'op' }] });
    expect(fieldOf(await analyst.get(`/api/v1/check-in/members/${members.amy}?month=2026-13`))).toBe('month');
  });

  it('answers not found for another workspace\'s member, whatever was sent', async () => {
    for (const res of [
      await stranger.get(`/api/v1/check-in/members/${members.amy}`),
      await stranger.get(`/api/v1/check-in/members/${members.amy}/cards`),
      await stranger.post(`/api/v1/check-in/members/${members.amy}/cards`, {}),
      await stranger.post(`/api/v1/check-in/members/${members.amy}/cards`, { count: 5, idempotencyKey: 'steal-cards' }),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await op.get(`/api/v1/check-in/members/${members.amy}/cards`)).json().total).toBe(1);
  });

  it('reports daily counts and the leaderboard, checking their ranges', async () => {
    const daily = await analyst.get('/api/v1/check-in/daily?from=2026-05-01&to=2026-05-03');
    expect(daily.json()).toEqual({ from: '2026-05-01', to: '2026-05-03', days: ['01', '02', '03'].map((d) => ({ day: `2026-05-${d}`, checkIns: 0, makeUps: 0 })) });
    expect(fieldOf(await analyst.get('/api/v1/check-in/daily?from=2026-05-03&to=2026-05-01'))).toBe('from');
    expect(fieldOf(await analyst.get('/api/v1/check-in/daily?from=2025-01-01&to=2026-05-01'))).toBe('from');
    expect(fieldOf(await analyst.get('/api/v1/check-in/daily?from=2026-02-30'))).toBe('from');
    expect(fieldOf(await analyst.get('/api/v1/check-in/leaderboard?by=likes'))).toBe('by');
    const board = await analyst.get('/api/v1/check-in/leaderboard?by=days');
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json()).toMatchObject({ items: [], total: 0, page: 1 });
  });
});
