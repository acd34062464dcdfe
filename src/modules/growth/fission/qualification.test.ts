import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupWith, inTenant } from '../../../../test/helpers/live-codes.js';
import { HOUR, leave, memberId, scanAndJoin } from '../../../../test/helpers/fission.js';
import { rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { joinCampaign } from './join-campaign.js';
import { qualifyInvite } from './qualify-invite.js';
import { runFissionQualification } from './run-fission-qualification.js';
import { setPointsSettings } from '../../loyalty/points/set-points-settings.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let code: { id: string; slug: string };
let vip: string;
const T0 = new Date(Date.now() - 20 * 24 * HOUR);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const system = { kind: 'system' as const, name: 'test' };

const campaign = async (over: Record<string, unknown>) => {
  const res = await op.post('/api/v1/fission-campaigns', {
    name: `c-${Math.random()}`, status: 'active', liveCodeId: code.id, goal: 2, holdHours: 24, rewardKind: 'points', rewardPoints: 100, ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
// Member ids are looked up before a tenant transaction opens: PGlite has one connection, so a nested one would wait forever.
const enrol = async (campaignId: string, who: string) => {
  const member = await memberId(database, ws, who);
  return inTenant(database, ws, (ctx) => joinCampaign(ctx, campaignId, member));
};
const invites = (campaignId: string) => inTenant(database, ws, (ctx) => rows<{ invitee: string; status: string; reason: string | null }>(ctx.db, sql`
  select m.display_name as invitee, i.status, i.void_reason as reason from fission_invites i join members m on m.id = i.invitee_member_id
  where i.campaign_id = ${campaignId} order by m.display_name`));
const participant = async (campaignId: string, who: string) => {
  const member = await memberId(database, ws, who);
  return inTenant(database, ws, async (ctx) => (await rows<{ qualified: number; completed: boolean; rewardStatus: string }>(ctx.db, sql`
    select qualified, completed_at is not null as completed, reward_status as "rewardStatus" from fission_participants
    where campaign_id = ${campaignId} and member_id = ${member}`))[0]!);
};
const balance = async (who: string) => {
  const member = await memberId(database, ws, who);
  return inTenant(database, ws, async (ctx) => (await rows<{ b: number }>(ctx.db, sql`select balance as b from points_accounts where member_id = ${member}`))[0]?.b ?? 0);
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'fission-q', [{ email: 'op@fq.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@fq.test'));
  // fq: the pool's group with 6 members (fq-owner, fq-m1..fq-m5, the inviters) and one who joined and left in January.
  const group = await groupWith(database, ws, 'fq', { members: 6, left: 1 });
  vip = await groupWith(database, ws, 'fq-vip', { members: 1 });
  code = (await op.post('/api/v1/live-codes', { name: '裂变活码', capacity: 500, communityIds: [group] })).json();
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('qualified invites', () => {
  it('an invitee who leaves before the hold time is never counted; self-invites and re-joins neither', async () => {
    const id = await campaign({ goal: 5 });
    const p = await enrol(id, 'fq-m1');
    expect(p.source).toMatch(/^fx-/);
    await scanAndJoin(database, ws, code, p.source, 'stayer', at(0));
    await scanAndJoin(database, ws, code, p.source, 'quitter', at(1));
    await leave(database, ws, 'fq', 'quitter', at(20));
    // The inviter scanning their own poster, and a member who was in the group in January and left.
    await scanAndJoin(database, ws, code, p.source, 'fq-m1', at(2));
    await scanAndJoin(database, ws, code, p.source, 'fq-gone0', at(3));
    // Still inside the hold time: nothing is settled yet.
    expect(await runFissionQualification(database, { now: at(23) })).toMatchObject({ qualified: 0 });
    await runFissionQualification(database, { now: at(30) });
    await runFissionQualification(database, { now: at(60) });
    expect(await invites(id)).toEqual([
      { invitee: 'fq-gone0', status: 'void', reason: 'not_new' },
      { invitee: 'fq-m1', status: 'void', reason: 'self' },
      { invitee: 'quitter', status: 'void', reason: 'left' },
      { invitee: 'stayer', status: 'qualified', reason: null },
    ]);
    expect(await participant(id, 'fq-m1')).toMatchObject({ qualified: 1, completed: false });
    // Coming back after leaving does not make the quitter count either.
    await scanAndJoin(database, ws, code, p.source, 'quitter', at(40));
    await runFissionQualification(database, { now: at(80) });
    expect((await participant(id, 'fq-m1')).qualified).toBe(1);
  });

  it('a friend who left only after the hold time still counts; one who left during it does not', async () => {
    const id = await campaign({ goal: 5 });
    const p = await enrol(id, 'fq-m2');
    await scanAndJoin(database, ws, code, p.source, 'late-leaver', at(0));
    await scanAndJoin(database, ws, code, p.source, 'early-leaver', at(0));
    await leave(database, ws, 'fq', 'late-leaver', at(30));
    await leave(database, ws, 'fq', 'early-leaver', at(23));
    // The leave inside the hold time voids the invite as it arrives; the one after it leaves it to the job.
    expect((await invites(id)).map((i) => [i.invitee, i.status])).toEqual([['early-leaver', 'void'], ['late-leaver', 'pending']]);
    await runFissionQualification(database, { now: at(31) });
    expect((await invites(id)).map((i) => [i.invitee, i.status])).toEqual([['early-leaver', 'void'], ['late-leaver', 'qualified']]);
  });

  it('pays the loyalty invite rule per qualified friend, within its daily cap, once however often the job runs', async () => {
    await inTenant(database, ws, (ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [{ activity: 'invite', points: 5, dailyCap: 8, enabled: true }] }));
    const id = await campaign({ goal: 5 });
    const p = await enrol(id, 'fq-m4');
    for (const friend of ['rule-a', 'rule-b', 'rule-c']) await scanAndJoin(database, ws, code, p.source, friend, at(0));
    const before = await balance('fq-m4');
    await Promise.all([runFissionQualification(database, { now: at(25) }), runFissionQualification(database, { now: at(25) })]);
    await runFissionQualification(database, { now: at(26) });
    expect(await participant(id, 'fq-m4')).toMatchObject({ qualified: 3, completed: false });
    // 5 + 3 (the cap of 8 for the day), and nothing for the third friend that day.
    expect(await balance('fq-m4')).toBe(before + 8);
    const inviter = await memberId(database, ws, 'fq-m4');
    const paid = await inTenant(database, ws, (ctx) => rows<{ amount: number }>(ctx.db, sql`
      select amount from points_entries where member_id = ${inviter} and reason = 'invite' order by amount desc`));
    expect(paid.map((e) => e.amount)).toEqual([5, 3]);
    await inTenant(database, ws, (ctx) => setPointsSettings(ctx, { expiryDays: null, rules: [] }));
  });

  it('counts each invite once when the job runs twice at once, and pays the completion once', async () => {
    const id = await campaign({ goal: 2, vipCommunityId: vip });
    const p = await enrol(id, 'fq-m3');
    await scanAndJoin(database, ws, code, p.source, 'friend-a', at(0));
    await scanAndJoin(database, ws, code, p.source, 'friend-b', at(0));
    await scanAndJoin(database, ws, code, p.source, 'friend-c', at(0));
    const before = await balance('fq-m3');
    const runs = await Promise.all([runFissionQualification(database, { now: at(25) }), runFissionQualification(database, { now: at(25) })]);
    expect(runs[0]!.qualified + runs[1]!.qualified).toBe(3);
    await runFissionQualification(database, { now: at(26) });
    // Settling the same invite again by hand changes nothing.
    const anyInvite = await inTenant(database, ws, (ctx) => rows<{ id: string }>(ctx.db, sql`select id from fission_invites where campaign_id = ${id} limit 1`));
    expect(await inTenant(database, ws, (ctx) => qualifyInvite(ctx, anyInvite[0]!.id, at(27)))).toBe('skipped');
    expect(await participant(id, 'fq-m3')).toEqual({ qualified: 3, completed: true, rewardStatus: 'paid' });
    expect(await balance('fq-m3')).toBe(before + 100);
    const inviter = await memberId(database, ws, 'fq-m3');
    const actions = await inTenant(database, ws, (ctx) => rows<{ kind: string; key: string }>(ctx.db, sql`
      select kind, idempotency_key as key from actions where member_id = ${inviter} order by created_at, idempotency_key`));
    // Two progress messages up to the goal, one completion message, one invitation into the VIP group.
    expect(actions.filter((a) => a.key.endsWith(':progress'))).toHaveLength(2);
    expect(actions.filter((a) => a.key.endsWith(':completed')).map((a) => a.kind)).toEqual(['send_private']);
    expect(actions.filter((a) => a.key.endsWith(':vip')).map((a) => a.kind)).toEqual(['invite']);
    const entries = await inTenant(database, ws, (ctx) => rows(ctx.db, sql`select 1 from points_entries where idempotency_key like ${`fission:${id}:%`}`));
    expect(entries).toHaveLength(1);
  });

  it('never grants more catalogue rewards than the stock when many complete at once', async () => {
    const reward = (await op.post('/api/v1/rewards', { name: '限量帆布袋', kind: 'physical', costPoints: 80, stock: 2, perMemberLimit: null })).json();
    const id = await campaign({ goal: 1, rewardKind: 'reward', rewardId: reward.id, rewardCostCents: 1500 });
    const inviters = ['fq-owner', 'fq-m1', 'fq-m2', 'fq-m3', 'fq-m4'];
    const before = await Promise.all(inviters.map(balance));
    for (const who of inviters) await scanAndJoin(database, ws, code, (await enrol(id, who)).source, `gift-${who}`, at(0));
    const due = await inTenant(database, ws, (ctx) => rows<{ id: string }>(ctx.db, sql`select id from fission_invites where campaign_id = ${id}`));
    const settled = await Promise.all(due.map((d) => withTenant(database, ws, system, (ctx) => qualifyInvite(ctx, d.id, at(25)))));
    expect(settled).toEqual(inviters.map(() => 'qualified'));
    const statuses = await Promise.all(inviters.map(async (who) => (await participant(id, who)).rewardStatus));
    expect(statuses.filter((s) => s === 'paid')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'out_of_stock')).toHaveLength(3);
    expect((await op.get(`/api/v1/rewards/${reward.id}`)).json()).toMatchObject({ stock: 0, redeemed: 2 });
    // The gift and its spend cancel out; the refused ones were rolled back whole.
    expect(await Promise.all(inviters.map(balance))).toEqual(before);
    const stats = (await op.get(`/api/v1/fission-campaigns/${id}/stats`)).json();
    expect(stats.totals).toMatchObject({ qualified: 5, completed: 5, rewardCost: 3000, costUnit: 'cents', costPerQualified: 600 });
  });

  it('joins after the campaign ended or outside its window are not its invites', async () => {
    const id = await campaign({ goal: 1 });
    const p = await enrol(id, 'fq-m5');
    await scanAndJoin(database, ws, code, p.source, 'in-time', at(4));
    expect((await op.put(`/api/v1/fission-campaigns/${id}`, {
      name: `window-${id}`, status: 'active', liveCodeId: code.id, goal: 1, rewardKind: 'none', endsAt: at(5).toISOString(),
    })).statusCode).toBe(200);
    await scanAndJoin(database, ws, code, p.source, 'too-late', at(6));
    await op.patch(`/api/v1/fission-campaigns/${id}`, { status: 'ended' });
    await scanAndJoin(database, ws, code, p.source, 'after-end', at(3));
    expect(await invites(id)).toEqual([{ invitee: 'in-time', status: 'pending', reason: null }]);
    const late = await op.post(`/api/v1/fission-campaigns/${id}/participants`, { memberId: await memberId(database, ws, 'fq-owner') });
    expect([late.statusCode, late.json().error.fields[0].path]).toEqual([409, 'campaignId']);
    // Ending stops new joins from counting, not the friends already waiting out the hold time.
    await runFissionQualification(database, { now: at(30) });
    expect((await invites(id))[0]!.status).toBe('qualified');
  });
});
