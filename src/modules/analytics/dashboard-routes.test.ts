import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { withTenant } from '../../core/context.js';
import { one, sql } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { heatmapSchema } from './activity-heatmap.js';
import { speakerDistribution, speakerDistributionSchema } from './speaker-distribution.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: { id: string; timeZone: string };
let get: (url: string) => ReturnType<ReturnType<typeof as>['get']>;
const ids: Record<string, string> = {};

const member = (id: string) => ({ channel: 'webhook', externalId: id, name: id });
const ev = (id: string, type: string, group: string, who: string, at: string, data: Record<string, unknown> = { text: 'hi' }) =>
  ({ id, type, occurredAt: at, community: { channel: 'webhook', externalId: group }, member: member(who), data });
const msg = (id: string, group: string, who: string, at: string, data?: Record<string, unknown>) => ev(id, 'message.sent', group, who, at, data);

async function seed(w: { id: string; timeZone: string }, events: unknown[], groups: string[], people: string[] = []) {
  await withTenant(database, w, { kind: 'system', name: 'test' }, async (ctx) => {
    await ingestEvents(ctx, events);
    for (const g of groups) ids[g] = (await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = ${g}`))!.id;
    for (const p of people) ids[p] = (await one<{ id: string }>(ctx.db, sql`select id from members where display_name = ${p}`))!.id;
  });
}

/** A 7×24 grid of zeros with the given [weekday, hour, count] cells set. */
const grid = (cells: [number, number, number][]) => {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [d, h, n] of cells) g[d]![h] = n;
  return g;
};

// Workspace time zone Asia/Shanghai (UTC+8). Local times in the comments.
beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'dashboard-api', [{ email: 'analyst@dashboard.test', role: 'analyst' }]);
  const other = await makeWorkspace(database, 'dashboard-other', []);
  await seed(ws, [
    msg('a1', 'g1', 'u1', '2026-05-04T02:00:00Z'), // Mon 10:00
    msg('a2', 'g1', 'u2', '2026-05-04T03:00:00Z', { text: 'yes', replyTo: 'a1' }), // Mon 11:00
    msg('a3', 'g1', 'u1', '2026-05-04T02:30:00Z'), // Mon 10:30
    msg('a4', 'g1', 'u3', '2026-05-09T16:30:00Z'), // Sun 00:30 (Saturday in UTC)
    msg('a5', 'g1', 'u1', '2026-05-05T02:00:00Z', { text: 'sale at 8', actionId: 'act-1' }), // our own send echoed: not counted
    msg('a6', 'g1', 'u1', '2026-05-05T02:00:00Z', { text: 'hi', actionId: 0 }), // Tue 10:00; a falsy action id is no echo
    msg('b1', 'g2', 'u1', '2026-05-06T15:59:00Z'), // Wed 23:59
    msg('b2', 'g2', 'u2', '2026-05-06T16:00:00Z'), // Thu 00:00
    ev('j1', 'member.joined', 'g3', 'u4', '2026-05-05T01:00:00Z', {}), // g3 has members but no messages
  ], ['g1', 'g2', 'g3'], ['u1', 'u2', 'u3']);
  await seed(other, [msg('x1', 'foreign', 'v1', '2026-05-04T02:00:00Z')], ['foreign']);
  get = as(app, await loginAs(app, 'analyst@dashboard.test')).get;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('GET /api/v1/analytics/heatmap', () => {
  it('counts messages by local weekday (Monday 0) and hour, echoes aside', async () => {
    const res = await get(`/api/v1/analytics/heatmap?communityId=${ids.g1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(heatmapSchema.parse(body)).toEqual(body);
    expect(body).toEqual({
      window: { from: '2026-05-04T02:00:00.000Z', to: '2026-05-09T16:30:00.001Z' }, communities: 1, time_zone: 'Asia/Shanghai',
      messages: 5, counts: grid([[0, 10, 2], [0, 11, 1], [1, 10, 1], [6, 0, 1]]),
    });
  });

  it('covers the whole workspace, several communities, and a window', async () => {
    const all = (await get('/api/v1/analytics/heatmap')).json();
    const expected = grid([[0, 10, 2], [0, 11, 1], [1, 10, 1], [6, 0, 1], [2, 23, 1], [3, 0, 1]]);
    expect(all).toMatchObject({ communities: 3, messages: 7, counts: expected });
    expect((await get(`/api/v1/analytics/heatmap?communityId=${ids.g1},${ids.g2}`)).json()).toMatchObject({ communities: 2, messages: 7, counts: expected });
    // from inclusive (a3 at 10:30), to exclusive; Mon 10:00 (a1) falls before the window.
    const windowed = (await get(`/api/v1/analytics/heatmap?communityId=${ids.g1}&from=2026-05-04T02:30:00Z&to=2026-05-05T00:00:00%2B08:00`)).json();
    expect(windowed).toMatchObject({ messages: 2, counts: grid([[0, 10, 1], [0, 11, 1]]) });
  });

  it('answers zeros for a community without messages', async () => {
    const body = (await get(`/api/v1/analytics/heatmap?communityId=${ids.g3}`)).json();
    expect(body).toMatchObject({ communities: 1, messages: 0, counts: grid([]) });
  });
});

describe('GET /api/v1/analytics/speakers', () => {
  const item = (who: string, messages: number) => ({ member_id: ids[who], name: who, messages });

  it('lists speakers by messages, ties by member id, with the totals of the health report', async () => {
    const res = await get(`/api/v1/analytics/speakers?communityId=${ids.g1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(speakerDistributionSchema.parse(body)).toEqual(body);
    const tie = [ids.u2! < ids.u3! ? 'u2' : 'u3', ids.u2! < ids.u3! ? 'u3' : 'u2'];
    expect(body).toEqual({
      window: { from: '2026-05-04T02:00:00.000Z', to: '2026-05-09T16:30:00.001Z' }, communities: 1,
      messages: 5, speakers: 3, truncated: false, items: [item('u1', 3), item(tie[0]!, 1), item(tie[1]!, 1)],
    });
    const health = (await get(`/api/v1/analytics/health?communityId=${ids.g1}`)).json();
    expect(health).toMatchObject({ messages: 5, speakers: 3 });
  });

  it('sums a person over communities, and reads partial and whole-day windows alike', async () => {
    const all = (await get('/api/v1/analytics/speakers')).json();
    expect(all).toMatchObject({ communities: 3, messages: 7, speakers: 3, truncated: false, items: [item('u1', 4), item('u2', 2), item('u3', 1)] });
    const partial = (await get(`/api/v1/analytics/speakers?communityId=${ids.g1}&from=2026-05-04T02:30:00Z&to=2026-05-04T16:00:00Z`)).json();
    expect(partial).toMatchObject({ messages: 2, speakers: 2, items: [item(ids.u1! < ids.u2! ? 'u1' : 'u2', 1), item(ids.u1! < ids.u2! ? 'u2' : 'u1', 1)] });
    // Whole local days Mon-Tue: read from the day rollups, which leave the echo out too.
    const days = (await get(`/api/v1/analytics/speakers?communityId=${ids.g1}&from=2026-05-04T00:00:00%2B08:00&to=2026-05-06T00:00:00%2B08:00`)).json();
    expect(days).toMatchObject({ messages: 4, speakers: 2, items: [item('u1', 3), item('u2', 1)] });
    const none = (await get(`/api/v1/analytics/speakers?communityId=${ids.g3}`)).json();
    expect(none).toMatchObject({ messages: 0, speakers: 0, truncated: false, items: [] });
  });

  it('stops the list at the cap but keeps the totals', async () => {
    const capped = await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => speakerDistribution(ctx, {}, 2));
    expect(capped).toMatchObject({ messages: 7, speakers: 3, truncated: true, items: [item('u1', 4), item('u2', 2)] });
  });
});

describe('dashboard routes', () => {
  it('answer 404 for a community of another workspace or an unknown one, 400 for bad parameters', async () => {
    for (const path of ['heatmap', 'speakers']) {
      expect((await get(`/api/v1/analytics/${path}?communityId=${ids.g1},${ids.foreign}`)).statusCode).toBe(404);
      expect((await get(`/api/v1/analytics/${path}?communityId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
      expect((await get(`/api/v1/analytics/${path}?communityId=nope`)).statusCode).toBe(400);
      expect((await get(`/api/v1/analytics/${path}?from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z`)).statusCode).toBe(400);
    }
  });

  it('need a login and are in the OpenAPI document', async () => {
    expect((await app.inject('/api/v1/analytics/heatmap')).statusCode).toBe(401);
    const doc = (await app.inject('/api/openapi.json')).json();
    for (const path of ['heatmap', 'speakers']) {
      expect(doc.paths[`/api/v1/analytics/${path}`].get.parameters.map((p: { name: string }) => p.name)).toEqual(['communityId', 'from', 'to']);
    }
  });
});
