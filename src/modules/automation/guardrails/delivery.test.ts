import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant } from '../../../core/context.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { enqueueAction } from '../enqueue-action.js';
import { dispatchActions } from '../dispatch-actions.js';
import { setGuardrailSettings } from './set-guardrail-settings.js';
import { checkDelivery } from './check-delivery.js';
import { DEFAULT_GUARDRAILS, type GuardrailSettings } from './contracts.js';
import { capCountQuery } from './count-sent-today.js';
import { registerAdapter } from '../../../channels/registry.js';
import type { ChannelAdapter } from '../../../channels/types.js';
import { completeStaffTask } from '../tasks/complete-staff-task.js';
import { dismissStaffTask } from '../tasks/dismiss-staff-task.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let ids: { group: string; a: string; b: string };
const system = { kind: 'system' as const, name: 'test' };
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// A fixed-offset zone in which it is about noon now, so "today" is hours from either midnight whenever the
// suite runs and every expectation below can be computed from the offset alone.
const offsetHours = 12 - new Date().getUTCHours();
const zone = offsetHours === 0 ? 'Etc/GMT' : offsetHours > 0 ? `Etc/GMT-${offsetHours}` : `Etc/GMT+${-offsetHours}`;
const offset = offsetHours * HOUR;
const localNow = () => Date.now() + offset;
const hhmm = (localMs: number) => new Date(localMs).toISOString().slice(11, 16);
const nextLocalMidnight = () => new Date(Math.floor(localNow() / DAY) * DAY + DAY - offset);

const tenant = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(database, ws, system, fn);
const configure = (patch: Partial<GuardrailSettings>) => tenant((ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, ...patch }));
const NO_QUIET = { start: '00:00', end: '00:00' };

let seq = 0;
async function queue(kind: 'send_private' | 'send_group', payload: Record<string, unknown>, memberId: string | null = null): Promise<string> {
  const action = await tenant((ctx) => enqueueAction(ctx, {
    idempotencyKey: `t-${++seq}`, kind, channel: 'sandbox', communityId: ids.group, memberId, payload: { text: `msg ${seq}`, ...payload },
  }));
  return action.id;
}
interface ActionState { status: string; attempts: number; nextAttemptAt: Date; lastError: string | null }
const state = (id: string) => tenant(async (ctx) => (await one<ActionState>(ctx.db, sql`
  select status, attempts, next_attempt_at as "nextAttemptAt", last_error as "lastError" from actions where id = ${id}`))!);

const MARKETING = { automated: true, class: 'marketing' };
const SERVICE = { automated: true, class: 'service' };

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'guardrails-delivery', name: 'Delivery', timeZone: zone });
  const group = { channel: 'sandbox', externalId: 'sbx-g', name: '福利群' };
  ids = await tenant(async (ctx) => {
    await ingestEvents(ctx, ['a', 'b'].map((m) => ({
      id: `join-${m}`, type: 'member.joined', occurredAt: '2026-01-05T02:00:00Z', community: group, member: { channel: 'sandbox', externalId: m, name: m }, data: {},
    })));
    const id = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(ctx.db, q))!.id;
    return {
      group: await id(sql`select id from communities where external_id = 'sbx-g'`),
      a: await id(sql`select member_id as id from member_identities where external_id = 'a'`),
      b: await id(sql`select member_id as id from member_identities where external_id = 'b'`),
    };
  });
});
afterAll(async () => { await database.drop(); });
// Each test starts from an empty outbox, so no earlier send counts against today's caps.
beforeEach(async () => { await tenant((ctx) => ctx.db.execute(sql`delete from actions`)); });

describe('quiet hours at delivery', () => {
  it('holds automated messages until the window ends, without spending an attempt; operator messages go out', async () => {
    const start = hhmm(localNow() - HOUR);
    const end = hhmm(localNow() + HOUR);
    await configure({ quietHours: { start, end } });
    const group = await queue('send_group', MARKETING);
    const service = await queue('send_private', SERVICE, ids.a);
    const manual = await queue('send_group', {});

    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
    const endsAt = new Date(Math.floor(localNow() / DAY) * DAY + Number(end.slice(0, 2)) * HOUR + Number(end.slice(3)) * 60_000 - offset);
    for (const id of [group, service]) {
      // Released: pending again (not left 'sending' under the lease), the attempt given back.
      expect(await state(id)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: endsAt, lastError: null });
    }
    expect((await state(manual)).status).toBe('sent');
    // Not due again before the window ends.
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect((await state(group)).status).toBe('pending');

    // Once the window is over (here: the operator ends quiet hours), the held messages go out.
    await configure({ quietHours: NO_QUIET });
    await tenant((ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where status = 'pending'`));
    expect(await dispatchActions(database)).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(await state(group)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('frequency caps at delivery', () => {
  it('sends one automated marketing message per member per local day and moves the rest to tomorrow', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: 1, groupMarketingPerDay: null });
    const first = await queue('send_private', MARKETING, ids.a);
    const second = await queue('send_private', MARKETING, ids.a);
    // Automated without a class counts as marketing.
    const unclassed = await queue('send_private', { automated: true }, ids.a);
    const service = await queue('send_private', SERVICE, ids.a);
    const manual = await queue('send_private', {}, ids.a);
    const other = await queue('send_private', MARKETING, ids.b);

    expect(await dispatchActions(database)).toEqual({ sent: 4, failed: 0, retried: 0 });
    for (const id of [first, service, manual, other]) expect((await state(id)).status, id).toBe('sent');
    for (const id of [second, unclassed]) {
      expect(await state(id)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: nextLocalMidnight(), lastError: null });
    }
  });

  it('caps automated marketing messages per group, and lands after the next night\'s quiet hours', async () => {
    // Quiet from midnight to 07:00: tomorrow's allowance starts at 07:00.
    await configure({ quietHours: { start: '00:00', end: '07:00' }, groupMarketingPerDay: 2 });
    const manual = await queue('send_group', {});
    const sends = [await queue('send_group', MARKETING), await queue('send_group', MARKETING), await queue('send_group', MARKETING)];
    const service = await queue('send_group', SERVICE);

    expect(await dispatchActions(database)).toEqual({ sent: 4, failed: 0, retried: 0 });
    expect((await state(manual)).status).toBe('sent');
    expect((await state(service)).status).toBe('sent');
    expect([(await state(sends[0]!)).status, (await state(sends[1]!)).status]).toEqual(['sent', 'sent']);
    expect(await state(sends[2]!)).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: new Date(nextLocalMidnight().getTime() + 7 * HOUR), lastError: null });

    // Raising the cap lets it out at once.
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 3 });
    await tenant((ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where status = 'pending'`));
    expect(await dispatchActions(database)).toEqual({ sent: 1, failed: 0, retried: 0 });
  });

  // PGlite has one connection, so two transactions never overlap there; the race needs a server.
  it.skipIf(TEST_DRIVER !== 'postgres')('holds to the cap while another worker\'s send to the member is still uncommitted', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: 1 });
    const first = await queue('send_private', MARKETING, ids.b);
    const second = await queue('send_private', MARKETING, ids.b);
    let commit!: () => void;
    const held = new Promise<void>((resolve) => { commit = resolve; });
    let judged!: () => void;
    const firstJudged = new Promise<void>((resolve) => { judged = resolve; });
    // Worker one: judges and sends the first message, then stays uncommitted until told.
    const workerOne = tenant(async (ctx) => {
      expect(await checkDelivery(ctx, { kind: 'send_private', communityId: ids.group, memberId: ids.b, payload: MARKETING })).toEqual({ decision: 'send' });
      await ctx.db.execute(sql`update actions set status = 'sent', sent_at = now() where id = ${first}`);
      judged();
      await held;
    });
    await firstJudged;
    // Worker two claims the second message meanwhile; its count must wait for worker one's commit.
    const two = dispatchActions(database);
    let twoDone = false;
    void two.then(() => { twoDone = true; });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(twoDone).toBe(false);
    } finally {
      commit();
      await workerOne;
    }
    expect(await two).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await state(second)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: nextLocalMidnight() });
  });

  it('has no cap when the cap is null', async () => {
    await configure({ quietHours: NO_QUIET, memberMarketingPerDay: null });
    for (let i = 0; i < 3; i++) await queue('send_private', MARKETING, ids.a);
    expect(await dispatchActions(database)).toEqual({ sent: 3, failed: 0, retried: 0 });
    const statuses = await tenant((ctx) => rows<{ status: string }>(ctx.db, sql`select status from actions`));
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });
});

interface PlanNode { 'Node Type': string; 'Index Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] }
const indexScans = (node: PlanNode): PlanNode[] =>
  [...(node['Index Name'] ? [node] : []), ...(node.Plans ?? []).flatMap(indexScans)];

// A WeCom-like platform on which a person confirms every send (assisted delivery): the dispatcher hands
// them to staff, and the caps must count them from the hand-over.
describe('caps and sends handed to staff', () => {
  const assisted: ChannelAdapter = {
    channel: 'wecom', ratePerSecond: 1000, assisted: ['send_group', 'send_private'],
    async send() { throw new Error('an assisted send must never reach the adapter'); },
  };
  let restore: () => void;
  let wx: { group: string; member: string };
  beforeAll(async () => {
    restore = registerAdapter(assisted);
    const group = { channel: 'wecom', externalId: 'wx-g', name: '企微福利群' };
    wx = await tenant(async (ctx) => {
      await ingestEvents(ctx, [{
        id: 'join-wx-c', type: 'member.joined', occurredAt: '2026-01-05T02:00:00Z', community: group, member: { channel: 'wecom', externalId: 'c', name: 'c' }, data: {},
      }]);
      const id = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(ctx.db, q))!.id;
      return {
        group: await id(sql`select id from communities where external_id = 'wx-g'`),
        member: await id(sql`select member_id as id from member_identities where external_id = 'c'`),
      };
    });
  });
  afterAll(() => restore());

  const handOver = async (kind: 'send_group' | 'send_private' = 'send_group') => {
    const action = await tenant((ctx) => enqueueAction(ctx, {
      idempotencyKey: `wx-${++seq}`, kind, channel: 'wecom', communityId: wx.group,
      memberId: kind === 'send_private' ? wx.member : null, payload: { text: `推送 ${seq}`, ...MARKETING },
    }));
    await dispatchActions(database);
    return action.id;
  };
  // A person closes the action's confirm_send task, as on the Today page.
  const closeTask = (actionId: string, close: typeof completeStaffTask, note?: string) => tenant(async (ctx) => {
    const task = (await one<{ id: string }>(ctx.db, sql`select id from staff_tasks where action_id = ${actionId}`))!;
    return close(ctx, { id: task.id, note });
  });
  const releaseHeld = () => tenant((ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() where status = 'pending'`));
  const tomorrow = () => ({ status: 'pending', attempts: 0, nextAttemptAt: nextLocalMidnight(), lastError: null });

  it('a send waiting for staff holds the next automated marketing send to that group or member until tomorrow', async () => {
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 1, memberMarketingPerDay: 1 });
    for (const kind of ['send_group', 'send_private'] as const) {
      const first = await handOver(kind);
      expect((await state(first)).status).toBe('awaiting_staff');
      const second = await handOver(kind);
      // Without counting the waiting hand-over, this one would be handed over too: two pushes in one day.
      expect(await state(second), kind).toEqual(tomorrow());
      expect(await tenant((ctx) => rows(ctx.db, sql`select 1 from staff_tasks where action_id = ${second}`))).toEqual([]);
    }
  });

  it('once confirmed, a handed-over send counts exactly once', async () => {
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 2 });
    const first = await handOver();
    await closeTask(first, completeStaffTask);
    expect((await state(first)).status).toBe('sent');
    // One left for today: the second is handed over, the third held.
    const second = await handOver();
    expect((await state(second)).status).toBe('awaiting_staff');
    expect(await state(await handOver())).toEqual(tomorrow());
  });

  it('counts on the hand-over day, not the day a person confirms it', async () => {
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 1 });
    const yesterdays = await handOver();
    // Handed over yesterday (the day it took yesterday's place under the cap), confirmed only now.
    await tenant((ctx) => ctx.db.execute(sql`update actions set handed_over_at = handed_over_at - interval '1 day' where id = ${yesterdays}`));
    await closeTask(yesterdays, completeStaffTask);
    const sentAt = (await tenant((ctx) => one<{ at: Date }>(ctx.db, sql`select sent_at as at from actions where id = ${yesterdays}`)))!.at;
    expect(Date.now() - sentAt.getTime()).toBeLessThan(60_000);
    // Today's allowance is untouched by it.
    expect((await state(await handOver())).status).toBe('awaiting_staff');
  });

  it('a dismissed hand-over stops counting', async () => {
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: 1 });
    const first = await handOver();
    const second = await handOver();
    expect(await state(second)).toEqual(tomorrow());
    await closeTask(first, dismissStaffTask, '活动取消');
    expect((await state(first)).status).toBe('cancelled');
    await releaseHeld();
    await dispatchActions(database);
    expect((await state(second)).status).toBe('awaiting_staff');
  });

  it('migration 0013 dates the sends already waiting for staff by their task, and leaves confirmed ones alone', async () => {
    await configure({ quietHours: NO_QUIET, groupMarketingPerDay: null });
    const waiting = await handOver();
    const confirmed = await handOver();
    await closeTask(confirmed, completeStaffTask);
    // As before the upgrade: no hand-over time, the task made an hour ago.
    await tenant((ctx) => ctx.db.execute(sql`update actions set handed_over_at = null`));
    await tenant((ctx) => ctx.db.execute(sql`update staff_tasks set created_at = now() - interval '1 hour' where action_id = ${waiting}`));
    const file = fs.readFileSync(new URL('../../../db/migrations/0013_caps_count_hand_overs.sql', import.meta.url), 'utf8');
    const backfill = /^UPDATE actions[^;]+;/m.exec(file)![0];
    // As migrate() runs it: the owner, across workspaces.
    await database.db.execute(sql.raw(backfill));
    const at = await tenant((ctx) => rows<{ id: string; handedOverAt: Date | null; createdAt: Date }>(ctx.db, sql`
      select a.id, a.handed_over_at as "handedOverAt", t.created_at as "createdAt" from actions a join staff_tasks t on t.action_id = a.id`));
    const byId = new Map(at.map((r) => [r.id, r]));
    expect(byId.get(waiting)!.handedOverAt).toEqual(byId.get(waiting)!.createdAt);
    expect(byId.get(confirmed)!.handedOverAt).toBeNull();
  });

  it('the count reads only the day\'s range of the partial indexes', async () => {
    const day = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY) };
    for (const [target, sent, handedOver, column] of [
      [{ kind: 'send_group', communityId: wx.group }, 'actions_automated_group_idx', 'actions_handed_over_group_idx', 'community_id'],
      [{ kind: 'send_private', memberId: wx.member }, 'actions_automated_private_idx', 'actions_handed_over_private_idx', 'member_id'],
    ] as const) {
      const plan = await tenant(async (ctx) => {
        // With sequential scans priced out, a predicate a partial index does not imply would show up as
        // another index; a range the planner may not use would show up as a filter instead of a condition.
        await ctx.db.execute(sql`set local enable_seqscan = off`);
        return (await one<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(ctx.db, sql`explain (format json) ${capCountQuery(ctx, target, day.from, day.to)}`))!['QUERY PLAN'][0].Plan;
      });
      const scans = indexScans(plan);
      expect(scans.map((n) => n['Index Name']).sort()).toEqual([sent, handedOver].sort());
      for (const scan of scans) {
        const range = scan['Index Name'] === sent ? /sent_at >= .*sent_at </ : /handed_over_at >= .*handed_over_at </;
        expect(scan['Index Cond'], scan['Index Name']).toContain(`${column} = `);
        expect(scan['Index Cond'], scan['Index Name']).toMatch(range);
      }
    }
  });
});
