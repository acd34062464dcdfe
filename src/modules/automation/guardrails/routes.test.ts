import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp, type Session } from '../../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../../test/helpers/events.js';
import { one, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { DEFAULT_GUARDRAILS, guardrailSettingsViewSchema, optOutSchema } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let admin: Session;
let operator: Session;
let analyst: Session;
const members: Record<string, string> = {};
let foreignMember: string;

const put = (s: Session, url: string, body?: unknown) => app.inject({
  method: 'PUT', url, ...(body === undefined ? {} : { payload: body as never }), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
});
const SETTINGS = '/api/v1/automation/guardrails';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const ws = await makeWorkspace(database, 'guardrails-api', [
    { email: 'admin@g.test', role: 'admin' }, { email: 'op@g.test', role: 'operator' }, { email: 'analyst@g.test', role: 'analyst' },
  ]);
  const other = await makeWorkspace(database, 'guardrails-other', []);
  await ingestIntoGroups(database, ws, [
    groupEvent('e1', 'message.sent', 'g1', '小王', '2026-06-01T02:00:00Z', { text: 'hi' }),
    groupEvent('e2', 'message.sent', 'g1', '小李', '2026-06-01T03:00:00Z', { text: '退订' }),
    groupEvent('e3', 'message.sent', 'g1', '小张', '2026-06-01T04:00:00Z', { text: 'hello' }),
  ], ['g1']);
  await ingestIntoGroups(database, other, [groupEvent('x1', 'message.sent', 'f1', 'outsider', '2026-06-01T02:00:00Z', { text: 'hi' })], ['f1']);
  for (const [w, names] of [[ws, ['小王', '小李', '小张']], [other, ['outsider']]] as const) {
    await withTenant(database, w, { kind: 'system', name: 'test' }, async (ctx) => {
      for (const n of names) members[n] = (await one<{ id: string }>(ctx.db, sql`select id from members where display_name = ${n}`))!.id;
    });
  }
  foreignMember = members.outsider!;
  admin = await loginAs(app, 'admin@g.test');
  operator = await loginAs(app, 'op@g.test');
  analyst = await loginAs(app, 'analyst@g.test');
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('guardrail settings API', () => {
  it('answers the defaults to analysts and lets only admins replace them, audited', async () => {
    const got = await as(app, analyst).get(SETTINGS);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ settings: DEFAULT_GUARDRAILS, defaults: DEFAULT_GUARDRAILS, timeZone: 'Asia/Shanghai', updatedAt: null });
    expect(guardrailSettingsViewSchema.omit({ updatedAt: true }).parse(got.json())).toBeTruthy();

    const tuned = { ...DEFAULT_GUARDRAILS, quietHours: { start: '21:30', end: '09:00' }, groupMarketingPerDay: null, optOutKeywords: ['退订', '取消'] };
    expect((await put(analyst, SETTINGS, tuned)).statusCode).toBe(403);
    expect((await put(operator, SETTINGS, tuned)).statusCode).toBe(403);
    const saved = await put(admin, SETTINGS, tuned);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings).toEqual(tuned);
    expect((await as(app, analyst).get(SETTINGS)).json()).toMatchObject({ settings: tuned, updatedBy: expect.any(String) });

    const audit = (await as(app, admin).get('/api/v1/audit-log?pageSize=50')).json().items;
    const entry = audit.find((a: { action: string }) => a.action === 'automation.guardrails_updated');
    expect(entry.details).toEqual({ before: DEFAULT_GUARDRAILS, after: tuned });
  });

  it('refuses bad settings with the field named', async () => {
    const cases: [unknown, string][] = [
      [{ ...DEFAULT_GUARDRAILS, quietHours: { start: '24:00', end: '08:00' } }, 'quietHours.start'],
      [{ ...DEFAULT_GUARDRAILS, quietHours: { start: '22:00', end: '8:00' } }, 'quietHours.end'],
      [{ ...DEFAULT_GUARDRAILS, memberMarketingPerDay: 0 }, 'memberMarketingPerDay'],
      [{ ...DEFAULT_GUARDRAILS, groupMarketingPerDay: 1.5 }, 'groupMarketingPerDay'],
      [{ ...DEFAULT_GUARDRAILS, optOutKeywords: [] }, 'optOutKeywords'],
      [{ ...DEFAULT_GUARDRAILS, optOutKeywords: ['TD', '  '] }, 'optOutKeywords.1'],
      [{ ...DEFAULT_GUARDRAILS, extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await put(admin, SETTINGS, body);
      expect(res.statusCode, path).toBe(400);
      if (path) expect(res.json().error.fields[0].path, JSON.stringify(body)).toBe(path);
    }
    expect((await put(admin, SETTINGS, { ...DEFAULT_GUARDRAILS, quietHours: { start: '24:00', end: '08:00' } })).json().error.message)
      .toContain('HH:MM');
  });
});

describe('opt-outs API', () => {
  const list = (s: Session, q = '') => as(app, s).get(`/api/v1/automation/opt-outs${q}`);

  it('lists members opted out by keyword with the keyword and time', async () => {
    const res = await list(analyst);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body.items[0]).sort()).toEqual(Object.keys(optOutSchema.shape).sort());
    expect(body).toMatchObject({ total: 1, items: [{ memberId: members['小李'], displayName: '小李', source: 'keyword', keyword: '退订', eventId: 'e2', optedOutAt: '2026-06-01T03:00:00.000Z' }] });
  });

  it('lets operators opt members out and back in by hand, audited, and keeps to the workspace', async () => {
    const url = (id: string) => `/api/v1/automation/opt-outs/${id}`;
    expect((await put(analyst, url(members['小王']!))).statusCode).toBe(403);
    const out = await put(operator, url(members['小王']!));
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ memberId: members['小王'], source: 'operator', keyword: null, actorName: 'op' });
    // Idempotent: the same answer, no second audit entry.
    expect((await put(operator, url(members['小王']!))).json().optedOutAt).toBe(out.json().optedOutAt);
    expect((await as(app, analyst).get(`/api/v1/members/${members['小王']}`)).json().optedOut).toBe(true);

    const page = (await list(analyst, '?pageSize=1')).json();
    expect(page).toMatchObject({ total: 2, pageSize: 1, items: [{ displayName: '小王' }] });
    expect((await list(analyst, '?q=李')).json().items.map((i: { displayName: string }) => i.displayName)).toEqual(['小李']);

    const back = await as(app, operator).delete(url(members['小李']!));
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ memberId: members['小李'], optedOut: false });
    expect((await as(app, analyst).get(`/api/v1/members/${members['小李']}`)).json().optedOut).toBe(false);
    expect((await list(analyst)).json().items.map((i: { displayName: string }) => i.displayName)).toEqual(['小王']);

    // A member the member page opted out (no record) is listed too, without a keyword or time.
    await as(app, operator).patch(`/api/v1/members/${members['小张']}`, { optedOut: true });
    expect((await list(analyst)).json().items).toEqual([
      expect.objectContaining({ displayName: '小王', source: 'operator' }),
      expect.objectContaining({ displayName: '小张', source: null, keyword: null, optedOutAt: null }),
    ]);

    for (const res of [await put(operator, url(foreignMember)), await as(app, operator).delete(url(foreignMember))]) expect(res.statusCode).toBe(404);
    expect((await put(operator, url('not-a-uuid'))).statusCode).toBe(400);

    const actions = (await as(app, admin).get('/api/v1/audit-log?pageSize=50')).json().items.map((a: { action: string; targetId: string }) => `${a.action} ${a.targetId}`);
    expect(actions.filter((a: string) => a === `member.opted_out ${members['小王']}`)).toHaveLength(1);
    expect(actions).toContain(`member.opted_in ${members['小李']}`);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/automation/guardrails', '/api/v1/automation/opt-outs', '/api/v1/automation/opt-outs/{memberId}',
    ]));
  });
});
