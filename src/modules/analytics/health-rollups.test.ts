import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { groupEvent, shuffled } from '../../../test/helpers/events.js';
import { withTenant, type Actor, type TenantCtx } from '../../core/context.js';
import { one, rows, sql, type Db } from '../../db/client.js';
import { ingestEvents } from '../tracking/ingest-events.js';
import { backfillHealthRollups } from '../tracking/backfill-health-rollups.js';
import { generateEvents } from '../simulator/generate-events.js';
import { communityHealth, type HealthReport } from './health-metrics.js';
import { resolveScope } from './resolve-scope.js';
import type { HealthInput } from './contracts.js';
import { loadNetwork } from './network-data.js';
import { isUserMessage } from './scope.js';

const actor: Actor = { kind: 'system', name: 'test' };
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: { id: string; timeZone: string };
const inWs = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actor, fn);

/** Local midnight (Asia/Shanghai) of a 2026 day, as the dashboard's date pickers send it. */
const midnight = (day: string) => new Date(`2026-${day}T00:00:00+08:00`);

/*
 * A simulated month in three groups (heavy-tailed speakers, reply chains, mentions, invite waves, churn),
 * plus what the simulator does not make: the platform's echo and a reply to it, a member who leaves and
 * rejoins, a reply to a message in another group. Ingested shuffled in small batches, so replies often
 * come before the messages they answer and messages before the joins they follow.
 */
function world(): unknown[] {
  const simulated = [...generateEvents({ communities: 3, members: 80, days: 30, seed: 11, now: new Date('2026-03-31T12:00:00Z'), channel: 'webhook' })].flat();
  const g = (simulated[0] as { community: { externalId: string } }).community.externalId;
  const extra = [
    groupEvent('x-echo', 'message.sent', g, 'bot', '2026-03-10T02:00:00Z', { text: 'Weekly reminder from the operator team!', actionId: 'act-1' }),
    groupEvent('x-echo-reply', 'message.sent', g, 'zoe', '2026-03-10T02:05:00Z', { text: 'thanks', replyTo: 'x-echo' }),
    groupEvent('x-join-1', 'member.joined', g, 'zoe', '2026-03-09T01:00:00Z'),
    groupEvent('x-leave', 'member.left', g, 'zoe', '2026-03-12T01:00:00Z'),
    groupEvent('x-join-2', 'member.joined', g, 'zoe', '2026-03-20T01:00:00Z'),
    groupEvent('x-back', 'message.sent', g, 'zoe', '2026-03-21T00:30:00Z', { text: 'back again, missed you all' }),
    groupEvent('x-elsewhere', 'message.sent', 'another-group', 'yan', '2026-03-21T00:40:00Z', { text: 'ok', replyTo: 'x-back' }),
  ];
  return shuffled([...simulated, ...extra], 5);
}

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'rollups', []);
  const events = world();
  for (let i = 0; i < events.length; i += 300) {
    const results = await inWs((ctx) => ingestEvents(ctx, events.slice(i, i + 300)));
    expect(results.filter((r) => r.status !== 'stored')).toEqual([]);
  }
});
afterAll(async () => { await database.drop(); });

const both = (input: HealthInput) => inWs(async (ctx) => ({
  rollups: await communityHealth(ctx, input),
  events: await communityHealth(ctx, input, { fromEvents: true }),
  wholeDays: (await resolveScope(ctx, input)).wholeDays,
}));

/** Guards against a vacuous pass: the compared reports must exercise every rollup. */
function expectLively(r: HealthReport) {
  expect(r.messages).toBeGreaterThan(100);
  expect(r.joins).toBeGreaterThan(0);
  expect(r.median_first_reply_minutes).not.toBeNull();
  expect(r.value_contributors).toBeGreaterThan(0);
  expect(r.lurker_share).not.toBeNull();
  expect(r.activation_48h).toBeGreaterThan(0);
  expect(r.activation_48h).toBeLessThan(1);
}

describe(`health from rollups (${TEST_DRIVER})`, () => {
  it('equals the report computed from the raw events, for the whole history and for whole-day windows', async () => {
    const busiest = await inWs((ctx) => one<{ id: string }>(ctx.db, sql`
      select community_id as id from community_days group by community_id order by sum(messages) desc, community_id limit 1`));
    const windows: HealthInput[] = [
      {},
      { from: midnight('03-09'), to: midnight('03-23') },
      // Ends before the last events: membership at the end is folded from the rollups, not read from memberships.
      { from: midnight('03-02'), to: midnight('03-16') },
      { communityIds: [busiest!.id] },
      { communityIds: [busiest!.id], from: midnight('03-16'), to: midnight('03-30') },
    ];
    for (const input of windows) {
      const r = await both(input);
      expect(r.wholeDays).toBe(true);
      expect(r.rollups).toEqual(r.events);
    }
    expectLively((await both({})).rollups);
    expectLively((await both({ from: midnight('03-02'), to: midnight('03-16') })).rollups);
  });

  it('builds the reply edges of the interaction network from reply_links as the events define them', async () => {
    const expected = await inWs(async (ctx) => {
      const scope = await resolveScope(ctx, {});
      const edges = await rows<{ community_id: string; source: string; target: string; n: number }>(ctx.db, sql`
        select m.community_id, m.member_id as source, t.member_id as target, count(*)::int as n
        from events m join events t on t.workspace_id = m.workspace_id and t.id = m.data->>'replyTo' and t.community_id = m.community_id
          and t.member_id <> m.member_id and t.occurred_at <= m.occurred_at and ${isUserMessage('t')}
        where m.workspace_id = ${ctx.workspaceId} and ${isUserMessage('m')} and m.community_id is not null
        group by 1, 2, 3 order by 1, 2, 3`);
      return { scope, edges };
    });
    const communities = [...new Set(expected.edges.map((e) => e.community_id))];
    expect(communities.length).toBeGreaterThan(1);
    for (const id of communities) {
      const got = await inWs(async (ctx) => (await loadNetwork(ctx, { ...(await resolveScope(ctx, { communityIds: [id] })) })).edges
        .filter((e) => e.replies > 0).map((e) => ({ community_id: id, source: e.source, target: e.target, n: e.replies })));
      expect(got).toEqual(expected.edges.filter((e) => e.community_id === id));
    }
  });

  it('refills every rollup from the events (the data migration of 0005) to the same answers', async () => {
    const before = (await both({ from: midnight('03-02'), to: midnight('03-16') })).rollups;
    const links = () => inWs((ctx) => rows(ctx.db, sql`select target_id, reply_id, target_member_id, target_at from reply_links order by 1, 2`));
    const linksBefore = await links();
    expect(linksBefore.filter((l) => l.target_member_id !== null).length).toBeGreaterThan(50);
    // As the owner, like migrate(): wipe what 0005 added, then backfill.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update member_days set events = 0, joins = 0, leaves = 0, long_messages = 0, last_join_at = null, last_leave_at = null`);
      await tx.execute(sql`delete from community_days where messages = 0 and replies = 0 and joins = 0 and leaves = 0 and reactions = 0 and checkins = 0`);
      await tx.execute(sql`delete from first_replies`);
      await tx.execute(sql`delete from reply_links`);
      await tx.execute(sql`delete from join_activations`);
      await backfillHealthRollups(tx as unknown as Db);
    });
    expect((await both({ from: midnight('03-02'), to: midnight('03-16') })).rollups).toEqual(before);
    expect(await links()).toEqual(linksBefore);
    const recorded = await one<{ n: number }>(database.db as Db, sql`select count(*)::int as n from schema_migrations where name = '0005_health_rollups.data'`);
    expect(recorded!.n).toBe(1);
  });
});
