import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../test/helpers/events.js';
import { healthReportSchema } from './contracts.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let get: (url: string) => ReturnType<ReturnType<typeof as>['get']>;
const ids: Record<string, string> = {};

const msg = (id: string, group: string, who: string, at: string, data: Record<string, unknown> = { text: 'hi' }) =>
  groupEvent(id, 'message.sent', group, who, at, data);

async function seed(ws: { id: string; timeZone: string }, events: unknown[], groups: string[]) {
  Object.assign(ids, await ingestIntoGroups(database, ws, events, groups));
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const ws = await makeWorkspace(database, 'health-api', [{ email: 'analyst@health.test', role: 'analyst' }]);
  const other = await makeWorkspace(database, 'health-other', []);
  await seed(ws, [
    msg('a1', 'g1', 'u1', '2026-05-04T02:00:00Z'), msg('a2', 'g1', 'u2', '2026-05-04T03:00:00Z', { text: 'yes', replyTo: 'a1' }),
    msg('a3', 'g2', 'u1', '2026-05-05T02:00:00Z'),
  ], ['g1', 'g2']);
  await seed(other, [msg('x1', 'foreign', 'v1', '2026-05-04T02:00:00Z')], ['foreign']);
  get = as(app, await loginAs(app, 'analyst@health.test')).get;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('GET /api/v1/analytics/health', () => {
  it('answers the report for one, several (repeated or comma list) or all communities', async () => {
    const one = await get(`/api/v1/analytics/health?communityId=${ids.g1}`);
    expect(one.statusCode).toBe(200);
    const body = one.json();
    expect(healthReportSchema.parse(body)).toEqual(body);
    // g1: u1 then u2 replying an hour later
    expect(body).toMatchObject({
      window: { from: '2026-05-04T02:00:00.000Z', to: '2026-05-04T03:00:00.001Z' }, communities: 1,
      messages: 2, speakers: 2, reply_share: 0.5, median_first_reply_minutes: 60, leave_spikes: [],
    });
    expect(body.top_speakers.map((s: { name: string }) => s.name)).toEqual(['u1', 'u2']);

    const repeated = (await get(`/api/v1/analytics/health?communityId=${ids.g1}&communityId=${ids.g2}`)).json();
    const comma = (await get(`/api/v1/analytics/health?communityId=${ids.g1},${ids.g2}`)).json();
    const all = (await get('/api/v1/analytics/health')).json();
    expect(repeated).toMatchObject({ communities: 2, messages: 3, speakers: 2 });
    expect(comma).toEqual(repeated);
    expect(all).toEqual(repeated);

    const windowed = (await get(`/api/v1/analytics/health?communityId=${ids.g1}&from=2026-05-04T02:30:00Z&to=2026-05-05T00:00:00%2B08:00`)).json();
    expect(windowed).toMatchObject({ window: { from: '2026-05-04T02:30:00.000Z', to: '2026-05-04T16:00:00.000Z' }, messages: 1 });
  });

  it('answers 404 for a community of another workspace or an unknown one, 400 for bad parameters', async () => {
    const foreign = await get(`/api/v1/analytics/health?communityId=${ids.g1},${ids.foreign}`);
    expect(foreign.statusCode).toBe(404);
    expect((await get('/api/v1/analytics/health?communityId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/analytics/health?communityId=nope')).statusCode).toBe(400);
    expect((await get('/api/v1/analytics/health?from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z')).statusCode).toBe(400);
    expect((await get('/api/v1/analytics/health?from=yesterday')).statusCode).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/analytics/health'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['communityId', 'from', 'to']);
  });
});
