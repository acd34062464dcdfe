import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp, type Session } from '../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../test/helpers/events.js';
import { segmentMembersSchema, segmentsReportSchema } from './segment-contracts.js';
import { DEFAULT_ENGAGEMENT, engagementSettingsViewSchema } from './engagement-settings.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let analyst: ReturnType<typeof as>;
let adminSession: Session;
let analystSession: Session;
const ids: Record<string, string> = {};

const ev = groupEvent;

async function seed(ws: { id: string; timeZone: string }, events: unknown[], groups: string[]) {
  Object.assign(ids, await ingestIntoGroups(database, ws, events, groups));
}
const put = (s: Session, body: unknown) => app.inject({ method: 'PUT', url: '/api/v1/analytics/engagement-settings', payload: body as never, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const ws = await makeWorkspace(database, 'segments-api', [{ email: 'analyst@seg.test', role: 'analyst' }, { email: 'admin@seg.test', role: 'admin' }]);
  const other = await makeWorkspace(database, 'segments-other', []);
  // asOf 2026-05-11 00:00 Shanghai (D = Sun 05-10): u1 spoke 05-02 and 05-10 (active), u2 joined 05-09 10:00 (new, 38 h), u3 silent.
  await seed(ws, [
    ev('j1', 'member.joined', 'g1', 'u1', '2026-04-01T02:00:00Z'), ev('j3', 'member.joined', 'g1', 'u3', '2026-04-01T02:00:00Z'),
    ev('j2', 'member.joined', 'g1', 'u2', '2026-05-09T02:00:00Z'),
    ev('a1', 'message.sent', 'g1', 'u1', '2026-05-02T02:00:00Z', { text: 'hi' }), ev('a2', 'message.sent', 'g1', 'u1', '2026-05-10T02:00:00Z', { text: 'hi' }),
  ], ['g1']);
  await seed(other, [ev('x1', 'message.sent', 'foreign', 'v1', '2026-05-04T02:00:00Z', { text: 'hi' })], ['foreign']);
  analystSession = await loginAs(app, 'analyst@seg.test');
  adminSession = await loginAs(app, 'admin@seg.test');
  analyst = as(app, analystSession);
});
afterAll(async () => { await app.close(); await database.drop(); });

const asOf = encodeURIComponent('2026-05-11T00:00:00+08:00');

describe('GET /api/v1/analytics/segments', () => {
  it('answers members per segment, lifecycle counts and the weekly trend', async () => {
    const res = await analyst.get(`/api/v1/analytics/segments?communityId=${ids.g1}&asOf=${asOf}&weeks=2`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(segmentsReportSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({ as_of: '2026-05-10T16:00:00.000Z', as_of_day: '2026-05-10' });
    const counts = Object.fromEntries(body.segments.map((s: { segment: string; members: number }) => [s.segment, s.members]));
    expect(counts).toMatchObject({ 'lifecycle:active': 1, 'lifecycle:new': 1, 'lifecycle:dormant': 1, 'role:core': 1, 'role:lurker': 2, 'role:newcomer': 1 });
    expect(body.lifecycle.counts).toEqual({ left: 0, new: 1, active: 1, returning: 0, resurrecting: 0, at_risk: 0, dormant: 1 });
    // Week of 04-27 as of 05-04 00:00: u2 not there yet, u1 speaks for the first time (resurrecting), u3 dormant.
    expect(body.lifecycle.trend).toEqual([
      { period_start: '2026-04-27', as_of: '2026-05-03T16:00:00.000Z', counts: { left: 0, new: 0, active: 0, returning: 0, resurrecting: 1, at_risk: 0, dormant: 1 } },
      { period_start: '2026-05-04', as_of: '2026-05-10T16:00:00.000Z', counts: body.lifecycle.counts },
    ]);
    expect((await analyst.get(`/api/v1/analytics/segments?asOf=${asOf}`)).json().segments).toEqual(body.segments);
  });

  it('answers 404 for another workspace\'s community and 400 for bad parameters', async () => {
    expect((await analyst.get(`/api/v1/analytics/segments?communityId=${ids.foreign}`)).statusCode).toBe(404);
    expect((await analyst.get('/api/v1/analytics/segments?communityId=nope')).statusCode).toBe(400);
    expect((await analyst.get('/api/v1/analytics/segments?weeks=27')).statusCode).toBe(400);
    expect((await analyst.get('/api/v1/analytics/segments?asOf=yesterday')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/analytics/segments/:segment/members(.csv)', () => {
  it('pages a segment', async () => {
    const res = await analyst.get(`/api/v1/analytics/segments/role:lurker/members?communityId=${ids.g1}&asOf=${asOf}&pageSize=1`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(segmentMembersSchema.parse(body)).toEqual(body);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 1, as_of: '2026-05-10T16:00:00.000Z' });
    // Both score 0: by name, u2 before u3.
    expect(body.items[0]).toMatchObject({ name: 'u2', roles: ['lurker', 'newcomer'], score: 0, level: 1, last_active_day: null, communities: [{ community_id: ids.g1, stage: 'new' }] });
    expect((await analyst.get(`/api/v1/analytics/segments/${encodeURIComponent('lifecycle:at_risk')}/members`)).json()).toMatchObject({ total: 0, items: [] });
  });

  it('downloads a segment as CSV', async () => {
    const res = await analyst.get(`/api/v1/analytics/segments/role:core/members.csv?asOf=${asOf}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="segment-role-core-2026-05-10.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body.split('\r\n').slice(1)).toEqual([expect.stringMatching(/^[0-9a-f-]{36},u1,g1,active,core,\d+\.\d\d,\d,.+,2026-05-10$/), '']);
  });

  it('answers 400 naming the field for an unknown segment, 404 for another workspace\'s community', async () => {
    for (const url of ['/api/v1/analytics/segments/role:boss/members', '/api/v1/analytics/segments/nope/members.csv']) {
      const res = await analyst.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].path, url).toBe('segment');
    }
    for (const url of [`/api/v1/analytics/segments/role:core/members?communityId=${ids.foreign}`, `/api/v1/analytics/segments/role:core/members.csv?communityId=${ids.foreign}`]) {
      expect((await analyst.get(url)).statusCode, url).toBe(404);
    }
  });
});

describe('/api/v1/analytics/engagement-settings', () => {
  it('lets analysts read and only admins replace the settings', async () => {
    const got = await analyst.get('/api/v1/analytics/engagement-settings');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ settings: DEFAULT_ENGAGEMENT, updatedAt: null, updatedBy: null });
    expect(engagementSettingsViewSchema.omit({ updatedAt: true }).parse(got.json())).toBeTruthy();

    const tuned = { ...DEFAULT_ENGAGEMENT, halfLifeDays: 30 };
    expect((await put(analystSession, tuned)).statusCode).toBe(403);
    const saved = await put(adminSession, tuned);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ settings: tuned });
    expect((await analyst.get('/api/v1/analytics/engagement-settings')).json().settings.halfLifeDays).toBe(30);

    const bad = await put(adminSession, { ...DEFAULT_ENGAGEMENT, levels: { participating: 5, active: 1, core: 20 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('levels');
    expect((await put(adminSession, { ...DEFAULT_ENGAGEMENT, halfLifeDays: -1 })).json().error.fields[0].path).toBe('halfLifeDays');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/analytics/segments', '/api/v1/analytics/segments/{segment}/members', '/api/v1/analytics/segments/{segment}/members.csv',
      '/api/v1/analytics/engagement-settings',
    ]));
  });
});
