import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { groupEvent, ingestIntoGroups } from '../../../test/helpers/events.js';
import { interactionNetworkSchema, kolCandidatesSchema } from './network-contracts.js';

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
  const ws = await makeWorkspace(database, 'network-api', [{ email: 'analyst@network.test', role: 'analyst' }]);
  const other = await makeWorkspace(database, 'network-other', []);
  // g1: u2 answers u1, u3 answers u2 and mentions u1.
  await seed(ws, [
    msg('a1', 'g1', 'u1', '2026-05-04T02:00:00Z'),
    msg('a2', 'g1', 'u2', '2026-05-04T03:00:00Z', { text: 'yes', replyTo: 'a1' }),
    msg('a3', 'g1', 'u3', '2026-05-04T04:00:00Z', { text: 'me too @u1', replyTo: 'a2', mentions: ['u1'] }),
  ], ['g1']);
  await seed(other, [msg('x1', 'foreign', 'v1', '2026-05-04T02:00:00Z')], ['foreign']);
  get = as(app, await loginAs(app, 'analyst@network.test')).get;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('GET /api/v1/analytics/network', () => {
  it('answers the network of one community', async () => {
    const res = await get(`/api/v1/analytics/network?communityId=${ids.g1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(interactionNetworkSchema.parse(body)).toEqual(body);
    expect(body.window).toEqual({ from: '2026-05-04T02:00:00.000Z', to: '2026-05-04T04:00:00.001Z' });
    // u1 ties u2 (1) and u3 (1), u2 ties u3 (1): a triangle, u1 received most.
    expect(body.nodes.map((n: { name: string; degree: number; in_weight: number }) => [n.name, n.degree, n.in_weight]))
      .toEqual([['u1', 2, 2], ['u2', 2, 1], ['u3', 2, 0]]);
    expect(body.edges).toHaveLength(3);
    expect(body.hub_dependence).toMatchObject({ hub_share: 0, components: 1, largest_component: 3, cut_off_if_top_leaves: 0 });

    const windowed = (await get(`/api/v1/analytics/network?communityId=${ids.g1}&from=2026-05-04T02:30:00Z&to=2026-05-04T03:30:00Z`)).json();
    expect(windowed.edges).toEqual([expect.objectContaining({ replies: 1, mentions: 0, weight: 1 })]);
  });

  it('answers 404 for a community of another workspace or an unknown one, 400 for bad parameters', async () => {
    expect((await get(`/api/v1/analytics/network?communityId=${ids.foreign}`)).statusCode).toBe(404);
    expect((await get('/api/v1/analytics/network?communityId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/analytics/network')).statusCode).toBe(400);
    expect((await get('/api/v1/analytics/network?communityId=nope')).statusCode).toBe(400);
    expect((await get(`/api/v1/analytics/network?communityId=${ids.g1}&from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z`)).statusCode).toBe(400);
  });
});

describe('GET /api/v1/analytics/kol-candidates', () => {
  it('ranks the candidates, up to the limit', async () => {
    const res = await get(`/api/v1/analytics/kol-candidates?communityId=${ids.g1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(kolCandidatesSchema.parse(body)).toEqual(body);
    expect(body.map((c: { name: string; received: number }) => [c.name, c.received])).toEqual([['u1', 2], ['u2', 1]]);
    expect(body[0].score).toBe(1);
    expect((await get(`/api/v1/analytics/kol-candidates?communityId=${ids.g1}&limit=1`)).json()).toHaveLength(1);
    expect((await get(`/api/v1/analytics/kol-candidates?communityId=${ids.g1}&limit=0`)).statusCode).toBe(400);
    expect((await get(`/api/v1/analytics/kol-candidates?communityId=${ids.foreign}`)).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/analytics/network'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['communityId', 'from', 'to']);
    expect(doc.paths['/api/v1/analytics/kol-candidates'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['communityId', 'from', 'to', 'limit']);
  });
});
