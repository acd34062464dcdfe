import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupEvent } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { earnPoints } from '../../loyalty/points/earn-points.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../check-in/contracts.js';
import { setCheckInSettings } from '../check-in/set-check-in-settings.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** m0..m23 joined two hours ago with 100 points each, but m23 (none); m1 checked in on 2 days of the window, m2 on 1; "gone" left. */
export const NAMES = Array.from({ length: 24 }, (_, i) => `m${i}`);
const system = { kind: 'system' as const, name: 'test' };

export const fieldOf = (res: { json: () => any }) => res.json().error?.fields?.[0]?.path ?? res.json().error?.message;

/** A draw body: a window from 3 days ago to tomorrow, 10 points a draw, 3 units of stock and a thanks prize. */
export const drawBody = (over: Record<string, unknown> = {}) => ({
  name: '双十二抽奖', startsAt: new Date(Date.now() - 3 * DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString(), unit: 'draw',
  pointsCost: 10, prizes: [
    { name: '帆布袋', kind: 'physical', weight: 1000, stock: 2 },
    { name: '50 积分', kind: 'points', points: 50, weight: 1000, stock: 1 },
    { name: '谢谢参与', kind: 'thanks', weight: 1 },
  ], ...over,
});

/** A database with one workspace of members set up as NAMES says, an operator, an analyst and another workspace. */
export async function drawsFixture(slug: string) {
  const database = await createTestDatabase();
  const app: FastifyInstance = await testApp(database);
  const ws: WorkspaceRef = await makeWorkspace(database, slug, [{ email: `op@${slug}.test`, role: 'operator' }, { email: `an@${slug}.test`, role: 'analyst' }]);
  await makeWorkspace(database, `${slug}-other`, [{ email: `op@${slug}-other.test`, role: 'operator' }]);
  const op = as(app, await loginAs(app, `op@${slug}.test`));
  const analyst = as(app, await loginAs(app, `an@${slug}.test`));
  const stranger = () => loginAs(app, `op@${slug}-other.test`).then((s) => as(app, s));
  const tenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);
  await tenant((ctx) => setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true, milestones: [] }));
  const now = Date.now();
  await tenant((ctx) => ingestEvents(ctx, [
    ...NAMES.map((n) => groupEvent(`j-${n}`, 'member.joined', 'g', n, new Date(now - 2 * HOUR).toISOString())),
    groupEvent('j-gone', 'member.joined', 'g', 'gone', new Date(now - 2 * HOUR).toISOString()),
    groupEvent('l-gone', 'member.left', 'g', 'gone', new Date(now - HOUR).toISOString()),
    groupEvent('c-1a', 'member.checked_in', 'g', 'm1', new Date(now - DAY).toISOString()),
    groupEvent('c-1b', 'member.checked_in', 'g', 'm1', new Date(now - 2 * DAY).toISOString()),
    groupEvent('c-2a', 'member.checked_in', 'g', 'm2', new Date(now - DAY).toISOString()),
  ]));
  const m: Record<string, string> = {};
  for (const r of await rows<{ id: string; name: string }>(database.db, sql`select id, display_name as name from members where workspace_id = ${ws.id}`)) m[r.name] = r.id;
  await tenant(async (ctx) => {
    for (const n of [...NAMES, 'gone']) if (n !== 'm23') await earnPoints(ctx, { memberId: m[n]!, amount: 100, reason: 'adjustment', idempotencyKey: `seed-${n}` });
  });
  const balance = async (memberId: string) => (await one<{ b: number }>(database.db, sql`select balance as b from points_accounts where member_id = ${memberId}`))?.b ?? 0;
  const openDraw = async (over: Record<string, unknown> = {}) => {
    const created = await op.post('/api/v1/draws', drawBody(over));
    expect(created.statusCode, created.body).toBe(201);
    const opened = await op.post(`/api/v1/draws/${created.json().id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    return opened.json();
  };
  const draw = (id: string, who: string, key = `key-${who}-${id}`) => op.post(`/api/v1/draws/${id}/draw`, { memberId: m[who], idempotencyKey: key });
  const close = async () => { await app.close(); await database.drop(); };
  return { database, app, ws, op, analyst, stranger, tenant, m, balance, openDraw, draw, close };
}
