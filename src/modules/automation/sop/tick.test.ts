import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { createWorkspace, type WorkspaceRow } from '../../workspace/create-workspace.js';
import { updateCommunity } from '../../community/communities.js';
import { archiveTemplate } from '../templates/archive-template.js';
import { dispatchActions } from '../dispatch-actions.js';
import { setGuardrailSettings } from '../guardrails/set-guardrail-settings.js';
import { DEFAULT_GUARDRAILS } from '../guardrails/contracts.js';
import { createPlan } from './create-plan.js';
import { updatePlan } from './update-plan.js';
import { runSopTick } from './run-sop-tick.js';
import { GRACE_MS } from './sync-targets.js';
import { inTenant, makeCommunity, makeTemplate, plan } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
let templateId: string;
let groups: string[];
let planId: string;
const MIN = 60_000;

const owner = <T>(q: ReturnType<typeof sql>) => rows<T>(database.db, q);
const targetsOf = (pid: string) => owner<{ stepId: string; communityId: string; nextRunAt: Date | null }>(sql`
  select step_id as "stepId", community_id as "communityId", next_run_at as "nextRunAt" from sop_targets where plan_id = ${pid} order by community_id`);
const sopActions = () => owner<{ key: string; status: string; payload: Record<string, unknown> }>(sql`
  select idempotency_key as key, status, payload from actions where idempotency_key like 'sop:%' order by idempotency_key`);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await createWorkspace(database, { slug: 'sop-tick', name: 'SOP tick' });
  await inTenant(database, ws, async (ctx) => {
    templateId = await makeTemplate(ctx, '早安');
    groups = [await makeCommunity(ctx, '福利群 1'), await makeCommunity(ctx, '福利群 2'), await makeCommunity(ctx, 'VIP 群', 'vip')];
  });
  // The groups above were noted as changed; nothing applies to them yet.
  expect((await runSopTick(database)).communitiesSynced).toBe(3);
  const created = await inTenant(database, ws, (ctx) => createPlan(ctx, plan({
    name: '每日早安', communityTypes: ['basic'], steps: [{ time: '09:00', recurrence: { kind: 'daily' }, templateId }],
  })));
  planId = created.id;
  expect(created.targets).toBe(2);
});
afterAll(async () => { await database.drop(); });

describe('the SOP tick', () => {
  it('queues each due occurrence once, with the occurrence key, and moves next_run_at to the next day', async () => {
    const targets = await targetsOf(planId);
    expect(targets).toHaveLength(2);
    const due = targets[0]!.nextRunAt!;
    expect(targets.every((t) => t.nextRunAt!.getTime() === due.getTime())).toBe(true);
    // Before the time: nothing.
    expect((await runSopTick(database, { now: new Date(due.getTime() - MIN) })).queued).toBe(0);
    const r = await runSopTick(database, { now: new Date(due.getTime() + MIN) });
    expect(r).toMatchObject({ targets: 2, queued: 2, missed: 0, refused: 0 });
    const actions = await sopActions();
    expect(actions).toHaveLength(2);
    const slot = new Date(due.getTime() + 8 * 3600_000).toISOString().slice(0, 16); // Asia/Shanghai, no DST
    expect(actions.map((a) => a.key).sort()).toEqual(groups.slice(0, 2).map((g) => `sop:${targets[0]!.stepId}:${g}:${slot}`).sort());
    expect(actions[0]!.payload).toMatchObject({ automated: true, class: 'marketing', templateId });
    for (const t of await targetsOf(planId)) expect(t.nextRunAt!.getTime()).toBe(due.getTime() + 24 * 3600_000);
    const occ = await owner<{ outcome: string; actionId: string | null }>(sql`select outcome, action_id as "actionId" from sop_occurrences`);
    expect(occ.map((o) => o.outcome)).toEqual(['queued', 'queued']);
    expect(occ.every((o) => o.actionId)).toBe(true);
  });

  it('a rerun of the same occurrence (a crash after the send, next_run_at not advanced) queues nothing new', async () => {
    const before = await sopActions();
    const next = (await targetsOf(planId))[0]!.nextRunAt!;
    await database.db.execute(sql`update sop_targets set next_run_at = next_run_at - interval '1 day' where plan_id = ${planId}`);
    const r = await runSopTick(database, { now: new Date(next.getTime() - 24 * 3600_000 + 5 * MIN) });
    expect(r.queued).toBe(2); // sendTemplate answered the actions already queued
    expect(await sopActions()).toEqual(before);
    expect((await owner<{ n: number }>(sql`select count(*)::int as n from sop_occurrences`))[0]!.n).toBe(2);
  });

  it('skips an occurrence older than the grace period instead of sending it late', async () => {
    const next = (await targetsOf(planId))[0]!.nextRunAt!;
    const late = new Date(next.getTime() + GRACE_MS + MIN);
    const r = await runSopTick(database, { now: late });
    expect(r).toMatchObject({ queued: 0, missed: 2 });
    expect(await sopActions()).toHaveLength(2);
    for (const t of await targetsOf(planId)) expect(t.nextRunAt!.getTime()).toBe(next.getTime() + 24 * 3600_000);
    const missed = await owner<{ n: number }>(sql`select count(*)::int as n from sop_occurrences where outcome = 'missed' and action_id is null`);
    expect(missed[0]!.n).toBe(2);
    // Within the grace period it is still sent.
    const inGrace = await runSopTick(database, { now: new Date(next.getTime() + 24 * 3600_000 + GRACE_MS - MIN) });
    expect(inGrace.queued).toBe(2);
  });

  it('picks up a new group of an attached type, and drops a group retyped or archived', async () => {
    const fresh = await inTenant(database, ws, (ctx) => makeCommunity(ctx, '福利群 3'));
    expect((await targetsOf(planId)).map((t) => t.communityId)).not.toContain(fresh);
    expect((await runSopTick(database)).communitiesSynced).toBe(1);
    expect((await targetsOf(planId)).map((t) => t.communityId)).toContain(fresh);
    await inTenant(database, ws, (ctx) => updateCommunity(ctx, fresh, { type: 'vip' }));
    await runSopTick(database);
    expect((await targetsOf(planId)).map((t) => t.communityId)).not.toContain(fresh);
    await inTenant(database, ws, (ctx) => updateCommunity(ctx, groups[0]!, { status: 'archived' }));
    await runSopTick(database);
    expect((await targetsOf(planId)).map((t) => t.communityId)).toEqual([groups[1]]);
    await inTenant(database, ws, (ctx) => updateCommunity(ctx, groups[0]!, { status: 'active' }));
    await runSopTick(database);
    expect(await targetsOf(planId)).toHaveLength(2);
  });

  it('a group that opened within the grace period gets its day-0 steps even if their time has passed', async () => {
    const welcome = await inTenant(database, ws, async (ctx) => {
      const t = await makeTemplate(ctx, '欢迎');
      return createPlan(ctx, plan({ name: '开群', communityTypes: ['distribution'], steps: [{ time: '00:00', recurrence: { kind: 'after_open', days: [0] }, templateId: t, class: 'service' }] }));
    });
    const school = await inTenant(database, ws, (ctx) => makeCommunity(ctx, '商学院 1', 'distribution'));
    // The same tick that notices the group owes it the 00:00 welcome (at its opening) and queues it.
    const r = await runSopTick(database);
    expect(r).toMatchObject({ communitiesSynced: 1, queued: 1 });
    const [target] = await targetsOf(welcome.id);
    expect(target).toMatchObject({ communityId: school, nextRunAt: null });
    const occ = await owner<{ at: Date; opened: Date }>(sql`
      select o.at, c.created_at as opened from sop_occurrences o join communities c on c.id = o.community_id where o.plan_id = ${welcome.id}`);
    expect(occ).toHaveLength(1);
    expect(occ[0]!.at).toEqual(occ[0]!.opened);
  });

  it('records a refused send (archived template) and carries on', async () => {
    await inTenant(database, ws, (ctx) => archiveTemplate(ctx, templateId));
    // Both groups at the same 09:00 (the one re-activated above started counting again from now).
    const next = new Date(Math.max(...(await targetsOf(planId)).map((t) => t.nextRunAt!.getTime())));
    await database.db.execute(sql`update sop_targets set next_run_at = ${next.toISOString()}::timestamptz where plan_id = ${planId}`);
    const r = await runSopTick(database, { now: new Date(next.getTime() + MIN) });
    expect(r).toMatchObject({ queued: 0, refused: 2 });
    const refused = await owner<{ error: string }>(sql`select error from sop_occurrences where outcome = 'refused'`);
    expect(refused[0]!.error).toMatch(/archived/);
    for (const t of await targetsOf(planId)) expect(t.nextRunAt!.getTime()).toBe(next.getTime() + 24 * 3600_000);
  });

  it('rescheduling a step recomputes its targets; a disabled plan has none', async () => {
    const stepId = (await targetsOf(planId))[0]!.stepId;
    const current = await inTenant(database, ws, async (ctx) => {
      const restored = await makeTemplate(ctx, '晚安');
      return updatePlan(ctx, planId, plan({ name: '每日早安', communityTypes: ['basic'], steps: [{ id: stepId, time: '21:00', recurrence: { kind: 'daily' }, templateId: restored }] }));
    });
    const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    for (const t of await targetsOf(planId)) expect(local(t.nextRunAt!)).toBe('21:00');
    const { name, communityTypes, communityIds, steps } = current;
    await inTenant(database, ws, (ctx) => updatePlan(ctx, planId, plan({
      name, communityTypes, communityIds, enabled: false, steps: steps.map(({ id, time, recurrence, templateId }) => ({ id, time, recurrence, templateId })),
    })));
    expect(await targetsOf(planId)).toHaveLength(0);
  });

  it('delivers the queued SOP actions through the outbox', async () => {
    // No quiet hours and no cap, so delivery does not depend on the hour the suite runs at.
    await inTenant(database, ws, (ctx) => setGuardrailSettings(ctx, { ...DEFAULT_GUARDRAILS, quietHours: { start: '00:00', end: '00:00' }, groupMarketingPerDay: null }));
    const queued = (await sopActions()).length;
    const r = await dispatchActions(database, 100);
    expect(r).toEqual({ sent: queued, failed: 0, retried: 0 });
    expect(new Set((await sopActions()).map((a) => a.status))).toEqual(new Set(['sent']));
  });
});

describe('the tick reads only due targets', () => {
  it('finds due work through the partial index, not by scanning not-due targets', async () => {
    await inTenant(database, ws, async (ctx) => {
      await ctx.db.execute(sql`insert into communities (workspace_id, name, type, channel, external_id)
        select ${ctx.workspaceId}, 'VIP ' || i, 'vip', 'sandbox', 'vip-' || i from generate_series(1, 400) i`);
      const t = await makeTemplate(ctx, 'VIP 日报');
      await createPlan(ctx, plan({ name: 'VIP 日报', communityTypes: ['vip'], steps: [0, 1, 2, 3, 4].map((h) => ({ time: `1${h}:00`, recurrence: { kind: 'daily' }, templateId: t })) }));
    });
    await runSopTick(database);
    const count = (await owner<{ n: number }>(sql`select count(*)::int as n from sop_targets where next_run_at is not null`))[0]!.n;
    expect(count).toBeGreaterThan(2000);
    await database.db.execute(sql`analyze sop_targets`);
    const now = new Date(Date.now() - 25 * 3600_000).toISOString(); // before every next_run_at
    const plan1 = await one<{ 'QUERY PLAN': unknown }>(database.db, sql.raw(
      `explain (analyze, format json) select distinct workspace_id from sop_targets where next_run_at <= '${now}'::timestamptz`));
    const text = JSON.stringify(plan1!['QUERY PLAN']);
    expect(text).toContain('sop_targets_due_idx');
    expect(text).not.toContain('Seq Scan');
    // Nothing was read and thrown away: the index range held no row.
    expect(text).not.toMatch(/"Rows Removed by (Filter|Index Recheck)":\s*[1-9]/);
    const tick = await runSopTick(database, { now: new Date(now) });
    expect(tick.targets).toBe(0);
  });
});

it('two ticks at once share the due targets and queue each occurrence once', async () => {
  // The plan's first step of the day: every VIP group is due at the same instant.
  const first = (await owner<{ at: Date }>(sql`
    select min(t.next_run_at) as at from sop_targets t join sop_plans p on p.id = t.plan_id where p.name = 'VIP 日报'`))[0]!.at;
  const now = new Date(first.getTime() + 60_000);
  const targets = (await owner(sql`select 1 from sop_targets where next_run_at <= ${now.toISOString()}::timestamptz`)).length;
  expect(targets).toBeGreaterThan(400);
  const before = (await sopActions()).length;
  const [a, b] = await Promise.all([runSopTick(database, { now, batchSize: 100 }), runSopTick(database, { now, batchSize: 100 })]);
  expect(a.targets + b.targets).toBe(targets);
  expect(a.queued + b.queued).toBe(targets);
  expect((await sopActions()).length - before).toBe(targets);
  const twice = await owner(sql`select step_id, community_id from sop_occurrences group by 1, 2, local_slot having count(*) > 1`);
  expect(twice).toEqual([]);
});

it('keeps another workspace out: its plans are not found and its targets are not touched', async () => {
  const other = await createWorkspace(database, { slug: 'sop-other', name: 'Other' });
  const seen = await inTenant(database, other, (ctx) => rows(ctx.db, sql`select id from sop_plans`));
  expect(seen).toHaveLength(0);
  const { getPlan } = await import('./get-plan.js');
  await expect(inTenant(database, other, (ctx) => getPlan(ctx, planId))).rejects.toThrow(/not found/);
});
