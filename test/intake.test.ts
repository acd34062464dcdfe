import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './helpers/database.js';
import { makeWorkspace, testApp } from './helpers/app.js';
import { withTenant } from '../src/core/context.js';
import { ingestEvents } from '../src/modules/tracking/ingest-events.js';
import { rows, sql } from '../src/db/client.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let key: string;
let ws: { id: string; timeZone: string };

const community = { channel: 'webhook', externalId: 'group-42', name: 'Fans 42' };
const member = (id: string, name?: string) => ({ channel: 'webhook', externalId: id, ...(name ? { name } : {}) });
const msg = (id: string, who: string, at: string, data: Record<string, unknown> = { text: 'hi' }) =>
  ({ id, type: 'message.sent', occurredAt: at, community, member: member(who), data });
const post = (events: unknown[], token = key) =>
  app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Bearer ${token}` }, payload: { events } });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'intake', [{ email: 'owner@intake.test', role: 'owner' }]);
  const { createApiKey } = await import('../src/modules/workspace/api-keys.js');
  key = (await withTenant(database, ws, { kind: 'system', name: 'test' }, (ctx) => createApiKey(ctx, { name: 'ingest', scopes: ['events:write'] }))).key;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('POST /api/v1/events', () => {
  it('stores a batch, creates the community and members, and reports duplicates on re-send', async () => {
    const batch = [
      { id: 'j1', type: 'member.joined', occurredAt: '2026-11-01T01:00:00Z', community, member: member('u-7', 'Alice'), data: { scene: 'invite', inviter: 'u-8' } },
      msg('m1', 'u-7', '2026-11-01T08:00:00Z', { text: 'hi', mentions: ['u-8'] }),
      msg('m2', 'u-8', '2026-11-01T08:01:00Z', { text: 'hello Alice', replyTo: 'm1' }),
    ];
    const first = await post(batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toEqual([
      { id: 'j1', status: 'stored' }, { id: 'm1', status: 'stored' }, { id: 'm2', status: 'stored' },
    ]);
    const again = await post(batch);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);

    const state = await withTenant(database, ws, { kind: 'system', name: 't' }, async (ctx) => ({
      communities: await rows(ctx.db, sql`select name, channel, external_id from communities`),
      members: await rows<{ display_name: string }>(ctx.db, sql`select display_name from members order by display_name`),
      memberships: await rows<{ display_name: string; join_scene: string | null; inviter: string | null }>(ctx.db, sql`
        select m.display_name, s.join_scene, inv.display_name as inviter from memberships s join members m on m.id = s.member_id
        left join members inv on inv.id = s.inviter_member_id order by m.display_name`),
      days: await rows(ctx.db, sql`select m.display_name as who, d.day::text, d.messages, d.replies_given, d.replies_received, d.mentions_given, d.mentions_received
        from member_days d join members m on m.id = d.member_id order by who`),
      cday: await rows(ctx.db, sql`select day::text, messages, replies, mentions, joins, leaves, active_members from community_days`),
    }));
    expect(state.communities).toEqual([{ name: 'Fans 42', channel: 'webhook', external_id: 'group-42' }]);
    expect(state.members.map((m) => m.display_name)).toEqual(['Alice', 'u-8']); // u-8 only met as inviter so far
    expect(state.memberships).toEqual([
      { display_name: 'Alice', join_scene: 'invite', inviter: 'u-8' },
      { display_name: 'u-8', join_scene: null, inviter: null }, // speaking proves membership
    ]);
    // 08:00Z is 16:00 in Asia/Shanghai: still 2026-11-01 there.
    expect(state.days).toEqual([
      { who: 'Alice', day: '2026-11-01', messages: 1, replies_given: 0, replies_received: 1, mentions_given: 1, mentions_received: 0 },
      { who: 'u-8', day: '2026-11-01', messages: 1, replies_given: 1, replies_received: 0, mentions_given: 0, mentions_received: 1 },
    ]);
    expect(state.cday).toEqual([{ day: '2026-11-01', messages: 2, replies: 1, mentions: 1, joins: 1, leaves: 0, active_members: 2 }]);
  });

  it('stores the valid items of a batch and names the bad field of the others', async () => {
    const res = await post([
      msg('p1', 'u-9', '2026-11-02T01:00:00Z'),
      { id: 'p2', type: 'message.sent', occurredAt: 'yesterday', community, member: member('u-9'), data: { text: 'x' } },
      { id: 'p3', type: 'member.joined', occurredAt: '2026-11-02T01:00:00Z', member: member('u-9') },
      { id: 'p4', type: 'no.such', occurredAt: '2026-11-02T01:00:00Z', member: member('u-9') },
      { id: 'p5', type: 'order.paid', occurredAt: '2026-11-02T01:00:00Z', member: member('u-9'), data: { orderId: 'o1', amountCents: -5 } },
      msg('p1', 'u-9', '2026-11-02T01:00:00Z'),
    ]);
    const results = res.json().results;
    expect(results[0]).toEqual({ id: 'p1', status: 'stored' });
    expect(results[1]).toMatchObject({ id: 'p2', status: 'error' });
    expect(results[1].error).toMatch(/^occurredAt: /);
    expect(results[2]).toEqual({ id: 'p3', status: 'error', error: 'community: required for member.joined' });
    expect(results[3].error).toMatch(/^type: /);
    expect(results[4].error).toMatch(/^data\.amountCents: /);
    expect(results[5]).toEqual({ id: 'p1', status: 'duplicate' });
    const stored = await withTenant(database, ws, { kind: 'system', name: 't' }, (ctx) => rows(ctx.db, sql`select id from events where id like 'p%'`));
    expect(stored).toEqual([{ id: 'p1' }]);
  });

  it('fills in the real name of a person first met without one', async () => {
    await post([msg('n1', 'u-8', '2026-11-02T02:00:00Z', { text: 'hi', mentions: ['u-7'] })]);
    await post([{ ...msg('n2', 'u-8', '2026-11-02T02:01:00Z'), member: member('u-8', 'Bob') }]);
    await post([{ ...msg('n3', 'u-8', '2026-11-02T02:02:00Z'), member: member('u-8', 'Robert') }]);
    const names = await withTenant(database, ws, { kind: 'system', name: 't' }, (ctx) => rows<{ display_name: string }>(ctx.db, sql`
      select display_name from members order by display_name`));
    expect(names.map((n) => n.display_name)).toEqual(expect.arrayContaining(['Alice', 'Bob']));
    expect(names.map((n) => n.display_name)).not.toContain('u-8');
    expect(names.map((n) => n.display_name)).not.toContain('Robert');
  });

  it('rejects batches over 1000 and requests without credentials', async () => {
    const big = Array.from({ length: 1001 }, (_, i) => msg(`b${i}`, 'u-1', '2026-11-03T00:00:00Z'));
    const res = await post(big);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^events/);
    const anon = await app.inject({ method: 'POST', url: '/api/v1/events', payload: { events: [msg('z', 'u', '2026-11-03T00:00:00Z')] } });
    expect(anon.statusCode).toBe(401);
  });

  it('keeps membership right when joins and leaves arrive in one batch or out of order', async () => {
    const c = { channel: 'webhook', externalId: 'g-order', name: 'Order' };
    const ev = (id: string, type: string, at: string) => ({ id, type, occurredAt: at, community: c, member: member('u-20'), data: {} });
    await post([ev('o1', 'member.joined', '2026-11-05T00:00:00Z'), ev('o2', 'member.left', '2026-11-05T01:00:00Z')]);
    await post([ev('o0', 'member.left', '2026-11-04T00:00:00Z')]); // late and older: must not change anything
    const read = () => withTenant(database, ws, { kind: 'system', name: 't' }, (ctx) => rows<{ joined_at: Date; left_at: Date | null; join_count: number }>(ctx.db, sql`
      select s.joined_at, s.left_at, s.join_count from memberships s join communities cc on cc.id = s.community_id where cc.external_id = 'g-order'`));
    let [m] = await read();
    expect(m!.left_at?.toISOString()).toBe('2026-11-05T01:00:00.000Z');
    await post([ev('o3', 'member.joined', '2026-11-06T00:00:00Z')]);
    [m] = await read();
    expect(m!.left_at).toBeNull();
    expect(m!.joined_at.toISOString()).toBe('2026-11-06T00:00:00.000Z');
    expect(m!.join_count).toBe(2);
  });

  it('dedupes when two batches with the same events race', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => msg(`race-${i}`, `racer-${i % 7}`, '2026-11-07T02:00:00Z'));
    const results = await Promise.all([1, 2, 3].map(() =>
      withTenant(database, ws, { kind: 'system', name: 't' }, (ctx) => ingestEvents(ctx, batch))));
    const storedCount = results.flat().filter((r) => r.status === 'stored').length;
    expect(storedCount).toBe(50);
    const counted = await withTenant(database, ws, { kind: 'system', name: 't' }, async (ctx) => ({
      members: await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from member_identities where external_id like 'racer-%'`),
      messages: await rows<{ n: number }>(ctx.db, sql`select coalesce(sum(messages), 0)::int as n from member_days d join members m on m.id = d.member_id where m.display_name like 'racer-%'`),
    }));
    expect(counted.members[0]!.n).toBe(7);
    expect(counted.messages[0]!.n).toBe(50);
  });
});
