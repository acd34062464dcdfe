import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { rows, sql } from '../../../db/client.js';
import type { WorkspaceRow } from '../../workspace/create-workspace.js';
import { runSopTick } from './run-sop-tick.js';
import { inTenant, makeCommunity, makeTemplate } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRow;
let operator: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let t: Record<string, string>;
let groups: string[];

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const daily = (time: string, templateId: string) => ({ time, recurrence: { kind: 'daily' }, templateId });

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'sop-routes', [{ email: 'op@example.com', role: 'operator' }, { email: 'an@example.com', role: 'analyst' }]);
  app = await testApp(database);
  operator = as(app, await loginAs(app, 'op@example.com'));
  analyst = as(app, await loginAs(app, 'an@example.com'));
  await inTenant(database, ws, async (ctx) => {
    t = {};
    for (const name of ['welcome', 'value', 'rules', 'closing', 'topic', 'reminder', 'link', 'a', 'b', 'c', 'd']) t[name] = await makeTemplate(ctx, name);
    t.personal = await makeTemplate(ctx, 'personal', '你好 {{member.name}}');
    groups = [await makeCommunity(ctx, '福利群'), await makeCommunity(ctx, '会员群', 'vip')];
  });
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('plans API', () => {
  let id: string;
  it('operators create, analysts read but may not write; the change is audited', async () => {
    const body = { name: '日常 SOP', communityTypes: ['basic'], steps: [daily('09:00', t.a!), { ...daily('12:00', t.b!), class: 'service', label: '午间' }] };
    expect((await analyst.post('/api/v1/sop/plans', body)).statusCode).toBe(403);
    const res = await operator.post('/api/v1/sop/plans', body);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p).toMatchObject({ name: '日常 SOP', enabled: true, communityTypes: ['basic'], communityIds: [], targets: 1 });
    expect(p.steps.map((s: { time: string; class: string; templateName: string }) => [s.time, s.class, s.templateName])).toEqual([['09:00', 'marketing', 'a'], ['12:00', 'service', 'b']]);
    expect((await analyst.get(`/api/v1/sop/plans/${id}`)).json().id).toBe(id);
    expect((await analyst.get('/api/v1/sop/plans')).json()).toMatchObject({ total: 1, items: [{ id, stepCount: 2, targets: 1 }] });
    const audit = await inTenant(database, ws, (ctx) => rows<{ action: string }>(ctx.db, sql`select action from audit_log where target_id = ${id}`));
    expect(audit.map((a) => a.action)).toEqual(['sop_plan.created']);
    expect((await operator.post('/api/v1/sop/plans', body)).statusCode).toBe(409);
  });

  it('names the field in every validation error', async () => {
    const bad = async (steps: unknown[], extra: Record<string, unknown> = {}) => {
      const res = await operator.post('/api/v1/sop/plans', { name: 'bad', steps, ...extra });
      expect(res.statusCode).toBe(400);
      return res.json().error.message as string;
    };
    expect(await bad([daily('25:00', t.a!)])).toMatch(/^steps\.0\.time: /);
    expect(await bad([{ time: '09:00', recurrence: { kind: 'dates', dates: ['2027-02-29'] }, templateId: t.a }])).toMatch(/^steps\.0\.recurrence\.dates\.0: is not a calendar date/);
    expect(await bad([{ time: '09:00', recurrence: { kind: 'after_open', days: [-1] }, templateId: t.a }])).toMatch(/^steps\.0\.recurrence\.days\.0: /);
    expect(await bad([daily('09:00', '00000000-0000-4000-8000-000000000000')])).toBe('steps.0.templateId: no such template');
    expect(await bad([daily('09:00', t.a!), daily('10:00', t.personal!)])).toMatch(/^steps\.1\.templateId: variant A: \{\{member\.name\}\}/);
    expect(await bad([daily('09:00', t.a!)], { communityIds: ['00000000-0000-4000-8000-000000000000'] })).toBe('communityIds.0: no such community');
    expect(await bad([])).toMatch(/^steps: a plan needs at least one step/);
  });

  it('replaces steps, keeping those sent with their id, and deletes', async () => {
    const current = (await operator.get(`/api/v1/sop/plans/${id}`)).json();
    const kept = current.steps[0];
    const res = await operator.put(`/api/v1/sop/plans/${id}`, {
      name: '日常 SOP', communityTypes: [], communityIds: [groups[1]],
      steps: [{ id: kept.id, time: '10:00', recurrence: { kind: 'weekdays', days: [1, 3] }, templateId: t.a }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ communityTypes: [], communityIds: [groups[1]], targets: 1, steps: [{ id: kept.id, time: '10:00', recurrence: { kind: 'weekdays', days: [1, 3] } }] });
    const other = await operator.put(`/api/v1/sop/plans/${id}`, { name: 'x', steps: [{ id: '00000000-0000-4000-8000-000000000000', ...daily('09:00', t.a!) }] });
    expect(other.json().error.message).toBe('steps.0.id: not a step of this plan');
    expect((await operator.delete(`/api/v1/sop/plans/${id}`)).statusCode).toBe(200);
    expect((await operator.get(`/api/v1/sop/plans/${id}`)).statusCode).toBe(404);
  });
});

describe('presets', () => {
  it('builds the opening ceremony from the chosen templates', async () => {
    const res = await operator.post('/api/v1/sop/plans/preset', {
      preset: 'opening_ceremony', communityTypes: ['vip'], templates: { welcome: t.welcome, value: t.value, rules: t.rules, closing: t.closing },
    });
    expect(res.statusCode).toBe(201);
    const steps = res.json().steps.map((s: { time: string; recurrence: unknown; templateName: string; class: string }) => [s.templateName, s.time, s.recurrence, s.class]);
    expect(steps).toEqual([
      ['welcome', '20:00', { kind: 'after_open', days: [0] }, 'service'],
      ['value', '20:05', { kind: 'after_open', days: [0] }, 'marketing'],
      ['rules', '20:00', { kind: 'after_open', days: [1] }, 'service'],
      ['closing', '20:30', { kind: 'after_open', days: [1, 2, 3] }, 'marketing'],
    ]);
    expect(res.json().name).toBe('开群仪式');
  });

  it('previews a pre-heat before a sale: topic 2 and 1 days before, reminder 2 h before, then the link', async () => {
    const res = await analyst.post('/api/v1/sop/plans/preset/preview', {
      preset: 'pre_heat', saleDate: '2028-03-01', saleTime: '10:00', communityTypes: ['basic'], templates: { topic: t.topic, reminder: t.reminder, link: t.link },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps.map((s: { time: string; recurrence: unknown }) => [s.time, s.recurrence])).toEqual([
      ['20:00', { kind: 'dates', dates: ['2028-02-28', '2028-02-29'] }],
      ['08:00', { kind: 'dates', dates: ['2028-03-01'] }],
      ['10:00', { kind: 'dates', dates: ['2028-03-01'] }],
    ]);
  });
});

describe('calendar and cap warnings', () => {
  const heavy = () => ({ name: '轰炸', communityIds: [groups[0]], steps: ['09:00', '11:00', '15:00', '19:00'].map((h, i) => daily(h, [t.a, t.b, t.c, t.d][i]!)) });

  it('warns before saving when a group would get more marketing sends a day than the cap', async () => {
    const res = await analyst.post('/api/v1/sop/plans/check', heavy());
    expect(res.statusCode).toBe(200);
    const check = res.json();
    expect(check.cap).toBe(3);
    expect(check.warnings).toHaveLength(31);
    expect(check.warnings[1]).toMatchObject({ date: plusDays(today(), 1), communities: 1, maxSends: 4, cap: 3, examples: [{ communityId: groups[0], name: '福利群', sends: 4 }] });
    const light = { ...heavy(), steps: heavy().steps.slice(0, 3) };
    expect((await analyst.post('/api/v1/sop/plans/check', light)).json().warnings).toEqual([]);
    // Service steps do not count against the cap.
    const service = { ...heavy(), steps: heavy().steps.map((s, i) => (i === 3 ? { ...s, class: 'service' } : s)) };
    expect((await analyst.post('/api/v1/sop/plans/check', service)).json().warnings).toEqual([]);
  });

  it('shows one community\'s days with statuses, and marks days over the cap', async () => {
    const created = (await operator.post('/api/v1/sop/plans', heavy())).json();
    const from = today();
    const res = await analyst.get(`/api/v1/sop/calendar?from=${from}&to=${plusDays(from, 6)}&communityId=${groups[0]}`);
    expect(res.statusCode).toBe(200);
    const cal = res.json();
    expect(cal.days).toHaveLength(7);
    const tomorrow = cal.days[1];
    expect(tomorrow).toMatchObject({ date: plusDays(from, 1), overCap: true, communitiesOverCap: 1 });
    expect(tomorrow.occurrences.map((o: { localTime: string; status: string; planId: string }) => [o.localTime, o.status, o.planId])).toEqual(
      ['09:00', '11:00', '15:00', '19:00'].map((h) => [h, 'planned', created.id]));

    // Materialise the next occurrence and read its status back.
    const target = (await rows<{ at: Date }>(database.db, sql`select min(next_run_at) as at from sop_targets where plan_id = ${created.id}`))[0]!.at;
    await runSopTick(database, { now: new Date(target.getTime() + 1000) });
    const day = new Date(target.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const after = (await analyst.get(`/api/v1/sop/calendar?from=${day}&to=${day}&communityId=${groups[0]}`)).json();
    const statuses = after.days[0].occurrences.map((o: { status: string }) => o.status);
    expect(statuses).toContain('pending');

    const across = (await analyst.get(`/api/v1/sop/calendar?from=${from}&to=${plusDays(from, 6)}`)).json();
    expect(across.communityId).toBeNull();
    // Tomorrow's last step: still planned whenever the suite runs (after 19:00 the tick above materialised tomorrow's first one).
    expect(across.days[1].occurrences.find((o: { planId: string; localTime: string }) => o.planId === created.id && o.localTime === '19:00'))
      .toMatchObject({ communities: 1, statuses: { planned: 1 }, status: null });
  });

  it('refuses a range over 62 days and a reversed one, naming the field', async () => {
    const long = await analyst.get('/api/v1/sop/calendar?from=2026-01-01&to=2026-03-04');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toBe('to: at most 62 days after from');
    expect((await analyst.get('/api/v1/sop/calendar?from=2026-01-01&to=2026-03-03')).statusCode).toBe(200);
    expect((await analyst.get('/api/v1/sop/calendar?from=2026-02-01&to=2026-01-01')).json().error.message).toBe('to: is before from');
  });
});
