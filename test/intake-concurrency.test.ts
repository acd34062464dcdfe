import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER } from './helpers/database.js';
import { makeWorkspace } from './helpers/app.js';
import { withTenant, withTenantRetrying, type Actor } from '../src/core/context.js';
import { ingestEvents } from '../src/modules/tracking/ingest-events.js';
import { one, rows, sql } from '../src/db/client.js';
import { shuffled } from './helpers/events.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const actor: Actor = { kind: 'system', name: 'test' };

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'concurrency', []);
});
afterAll(async () => { await database.drop(); });


describe(`concurrent intake (${TEST_DRIVER})`, () => {
  it('batches that meet the same new members, groups and days in different orders all land, with exact totals', async () => {
    const people = Array.from({ length: 120 }, (_, i) => `p-${i}`);
    const groups = ['g-a', 'g-b', 'g-c'];
    const batches = Array.from({ length: 6 }, (_, b) => shuffled(people, b + 1).map((p, i) => ({
      id: `b${b}-${p}`,
      type: i % 10 === 0 ? 'member.joined' : 'message.sent',
      occurredAt: `2026-11-0${1 + (i % 3)}T0${b}:00:00Z`,
      community: { channel: 'webhook', externalId: groups[(i + b) % groups.length]!, name: `Group ${(i + b) % groups.length}` },
      member: { channel: 'webhook', externalId: p, name: `Person ${p}` },
      data: i % 10 === 0 ? { scene: 'qr_code' } : { text: 'hi', mentions: [people[(i * 7) % people.length]!] },
    })));
    // The plain transaction on purpose: with every upsert in key order there is no lock cycle to retry.
    const results = await Promise.all(batches.map((batch) => withTenant(database, ws, actor, (ctx) => ingestEvents(ctx, batch))));
    expect(results.flat().filter((r) => r.status !== 'stored')).toEqual([]);

    const totalMessages = batches.flat().filter((e) => e.type === 'message.sent').length;
    const totalJoins = batches.flat().length - totalMessages;
    const state = await withTenant(database, ws, actor, async (ctx) => ({
      members: await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from members`),
      identities: await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from member_identities`),
      communities: await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from communities`),
      memberDayMessages: await one<{ n: number }>(ctx.db, sql`select coalesce(sum(messages), 0)::int as n from member_days`),
      days: await rows<{ messages: number; joins: number; active: number; speakers: number }>(ctx.db, sql`
        select d.messages, d.joins, d.active_members as active,
          (select count(distinct e.member_id)::int from events e where e.community_id = d.community_id and e.type = 'message.sent'
             and (e.occurred_at at time zone ${ws.timeZone})::date = d.day) as speakers
        from community_days d`),
    }));
    expect(state.members?.n).toBe(people.length);
    expect(state.identities?.n).toBe(people.length);
    expect(state.communities?.n).toBe(groups.length);
    expect(state.memberDayMessages?.n).toBe(totalMessages);
    expect(state.days.reduce((s, d) => s + d.messages, 0)).toBe(totalMessages);
    expect(state.days.reduce((s, d) => s + d.joins, 0)).toBe(totalJoins);
    for (const d of state.days) expect(d.active).toBe(d.speakers);
  });
});

describe(`intake of one workspace, one batch at a time (${TEST_DRIVER})`, () => {
  it('a reply stored while the batch with its message is still uncommitted is not lost', async () => {
    const ev = (id: string, who: string, at: string, data: Record<string, unknown>) =>
      ({ id, type: 'message.sent', occurredAt: at, community: { channel: 'webhook', externalId: 'g-race' }, member: { channel: 'webhook', externalId: who }, data });
    // Group and people exist already, and the two batches fall on different days: they share no row, so
    // nothing but the workspace lock orders them.
    await withTenant(database, ws, actor, (ctx) => ingestEvents(ctx, [ev('race-0', 'amy', '2026-11-01T01:00:00Z', { text: 'hi' }), ev('race-1', 'ben', '2026-11-01T02:00:00Z', { text: 'hello' })]));
    let firstStored!: () => void;
    const stored = new Promise<void>((resolve) => { firstStored = resolve; });
    await Promise.all([
      withTenant(database, ws, actor, async (ctx) => {
        await ingestEvents(ctx, [ev('race-q', 'amy', '2026-11-05T01:00:00Z', { text: 'who is coming on saturday?' })]);
        firstStored();
        // Still uncommitted: without the lock the reply would be stored now, and neither side would see the other.
        await new Promise((r) => setTimeout(r, 300));
      }),
      stored.then(() => withTenant(database, ws, actor, (ctx) => ingestEvents(ctx, [ev('race-a', 'ben', '2026-11-06T01:00:00Z', { text: 'me', replyTo: 'race-q' })]))),
    ]);
    const answered = await withTenant(database, ws, actor, (ctx) => rows<{ message_id: string }>(ctx.db, sql`select message_id from first_replies where message_id like 'race-%'`));
    expect(answered).toEqual([{ message_id: 'race-q' }]);
  });
});

describe('withTenantRetrying', () => {
  const conflict = (code: string) => Object.assign(new Error(`driver says ${code}`), { code });
  const tagCount = () => withTenant(database, ws, actor, (ctx) => one<{ n: number }>(ctx.db, sql`select count(*)::int as n from tags`));

  it('rolls back and runs the transaction again after a deadlock or serialization failure', async () => {
    let calls = 0;
    const answer = await withTenantRetrying(database, ws, actor, async (ctx) => {
      calls++;
      await ctx.db.execute(sql`insert into tags (workspace_id, name) values (${ws.id}, 'retried')`);
      // Drizzle wraps driver errors; the SQLSTATE is found on the cause.
      if (calls === 1) throw Object.assign(new Error('query failed'), { cause: conflict('40P01') });
      if (calls === 2) throw conflict('40001');
      return 'done';
    });
    expect(answer).toBe('done');
    expect(calls).toBe(3);
    expect((await tagCount())?.n).toBe(1);
  });

  it('does not retry other errors, and gives up after the last attempt', async () => {
    let calls = 0;
    await expect(withTenantRetrying(database, ws, actor, async () => { calls++; throw conflict('23505'); })).rejects.toThrow('23505');
    expect(calls).toBe(1);
    calls = 0;
    await expect(withTenantRetrying(database, ws, actor, async () => { calls++; throw conflict('40P01'); }, 3)).rejects.toThrow('40P01');
    expect(calls).toBe(3);
  });
});
