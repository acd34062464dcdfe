import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { queueMembershipAction } from '../../community/membership-action.js';
import { updateCommunity } from '../../community/communities.js';
import { dispatchActions } from '../dispatch-actions.js';
import { getTemplate } from '../templates/get-template.js';
import { createFromPreset } from './create-from-preset.js';
import { createTrigger } from './create-trigger.js';
import { updateTrigger } from './update-trigger.js';
import { runFiring } from './run-firing.js';
import { INVITE_REMINDER_TEMPLATE_NAME } from './presets.js';
import { days, ev, hours, makeTriggerWorld, type TriggerWorld } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

const membershipOf = (w: TriggerWorld, communityId: string, memberId: string) => w.as('system', (ctx) => one<{ leftAt: Date | null }>(ctx.db, sql`
  select left_at as "leftAt" from memberships where community_id = ${communityId} and member_id = ${memberId}`));

describe('live events: check-in → VIP invite (e), invited but not in the group → reminders (a)', () => {
  // These rules react to what happens now (events older than 48 h fire nothing), so the events are dated
  // around the wall clock, and every tick is given its instant explicitly.
  const now = new Date();
  let w: TriggerWorld;
  let ids: Record<string, string>;
  beforeAll(async () => {
    w = await makeTriggerWorld(database, 'trg-live');
    await w.ingest([
      ev('j-u1', 'member.joined', 'g-basic', 'u1', days(now, -10), {}, 'basic'),
      ev('j-host', 'member.joined', 'g-vip', 'host', days(now, -10), {}, 'vip'),
      ev('j-u2', 'member.joined', 'g-other', 'u2', days(now, -10)),
      ev('j-u3', 'member.joined', 'g-other', 'u3', days(now, -10)),
    ]);
    ids = {
      basic: await w.community('g-basic'), vip: await w.community('g-vip'), other: await w.community('g-other'),
      u1: await w.member('u1'), u2: await w.member('u2'), u3: await w.member('u3'),
    };
  });

  it('(e) a check-in invites the member into the VIP group exactly once, via the outbox', async () => {
    const rule = await w.as('op', (ctx) => createFromPreset(ctx, 'checkin_vip_invite', { communityId: ids.vip! }));
    expect(rule).toMatchObject({ preset: 'checkin_vip_invite', enabled: true, when: { kind: 'event', eventType: 'member.checked_in' }, capPerMember: 1 });
    const checkIn = ev('c1', 'member.checked_in', 'g-basic', 'u1', hours(now, -1), { source: 'button' });
    // An imported check-in from days ago is history, not something to react to now.
    await w.ingest([checkIn, ev('c-old', 'member.checked_in', 'g-basic', 'u1', days(now, -3))]);
    await w.ingest([checkIn]);
    let firings = await w.firings(rule.id);
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ status: 'scheduled', memberId: ids.u1, communityId: ids.basic });

    expect(await w.run(now)).toEqual({ done: 1, skipped: 0 });
    expect(await w.run(now)).toEqual({ done: 0, skipped: 0 });
    firings = await w.firings(rule.id);
    expect(firings[0]!.status).toBe('done');
    const action = await w.action(firings[0]!.actionId!);
    expect(action).toMatchObject({ kind: 'invite', status: 'pending', communityId: ids.vip, memberId: ids.u1, idempotencyKey: `trigger:${firings[0]!.id}` });

    await dispatchActions(database, 100);
    expect((await membershipOf(w, ids.vip!, ids.u1!))?.leftAt).toBeNull();
    // Checking in again: already in the VIP group (and at the cap), nothing more.
    await w.ingest([ev('c2', 'member.checked_in', 'g-basic', 'u1', hours(now, -0.5))]);
    expect(await w.firings(rule.id)).toHaveLength(1);
    const invites = await w.as('system', (ctx) => rows(ctx.db, sql`select 1 from actions where kind = 'invite' and community_id = ${ids.vip}`));
    expect(invites).toHaveLength(1);
  });

  it('(a) reminds privately after 3 days while still not in the group, again after 3 more, at most twice', async () => {
    // The VIP invitation of the test above is out of this rule's scope.
    const rule = await w.as('op', (ctx) => createFromPreset(ctx, 'invite_reminder', { scope: { kind: 'type', type: 'basic' } }));
    expect(rule).toMatchObject({ condition: 'not_in_group', capPerMember: 2, delay: { amount: 3, unit: 'days' }, repeatAfter: { amount: 3, unit: 'days' } });
    const template = await w.as('system', (ctx) => getTemplate(ctx, (rule.do as { templateId: string }).templateId));
    expect(template.name).toBe(INVITE_REMINDER_TEMPLATE_NAME);

    for (const m of ['u2', 'u3']) {
      await w.as('op', (ctx) => queueMembershipAction(ctx, 'invite', ids.basic!, { memberId: ids[m]!, idempotencyKey: `invite-${m}` }));
    }
    await dispatchActions(database, 100);
    const sentAt = (await w.as('system', (ctx) => one<{ at: Date }>(ctx.db, sql`
      select max(sent_at) as at from actions where kind = 'invite' and community_id = ${ids.basic}`)))!.at;
    // The sandbox adds invitees at once; u2 leaves again, u3 stays.
    await w.ingest([ev('l-u2', 'member.left', 'g-basic', 'u2', new Date(sentAt.getTime() + 5000))]);

    expect((await w.evaluate(hours(sentAt, 1))).recorded).toBe(2);
    expect((await w.evaluate(hours(sentAt, 2))).recorded).toBe(0);
    expect(await w.run(hours(sentAt, 2))).toEqual({ done: 0, skipped: 0 });

    expect(await w.run(days(hours(sentAt, 0.1), 3))).toEqual({ done: 1, skipped: 1 });
    let firings = await w.firings(rule.id);
    const u3 = firings.find((f) => f.memberId === ids.u3)!;
    expect(u3).toMatchObject({ status: 'skipped', reason: 'already in the group', actionId: null });
    const first = firings.find((f) => f.memberId === ids.u2 && f.seq === 1)!;
    expect(first.status).toBe('done');
    const reminder = await w.action(first.actionId!);
    expect(reminder).toMatchObject({ kind: 'send_private', memberId: ids.u2, communityId: ids.basic });
    expect(reminder.payload).toMatchObject({ automated: true, class: 'marketing', templateId: template.id });
    expect(reminder.payload.text).toContain('u2，你好呀');

    // The second reminder, three days later; then the cap of 2 stops the chain.
    expect(await w.run(days(hours(sentAt, 0.1), 6))).toEqual({ done: 1, skipped: 0 });
    expect(await w.run(days(sentAt, 30))).toEqual({ done: 0, skipped: 0 });
    firings = await w.firings(rule.id);
    expect(firings.filter((f) => f.memberId === ids.u2).map((f) => [f.seq, f.status])).toEqual([[1, 'done'], [2, 'done']]);

    // Invited again later: the member has had their two reminders from this rule.
    await w.as('op', (ctx) => queueMembershipAction(ctx, 'invite', ids.basic!, { memberId: ids.u2!, idempotencyKey: 'invite-u2-again' }));
    await dispatchActions(database, 100);
    const again = (await w.as('system', (ctx) => one<{ at: Date }>(ctx.db, sql`select sent_at as at from actions where idempotency_key = 'invite-u2-again'`)))!.at;
    expect((await w.evaluate(hours(again, 1))).recorded).toBe(0);
  });

  it('a crash after the action was asked for leaves the firing scheduled and no action; the rerun makes exactly one', async () => {
    const rule = await w.as('op', (ctx) => createTrigger(ctx, {
      name: '新人欢迎任务', when: { kind: 'event', eventType: 'member.joined' },
      do: { kind: 'staff_task', taskKind: 'custom', title: '欢迎 {{member.name}}', assignTo: 'pool' },
    }));
    await w.ingest([ev('j-crashy', 'member.joined', 'g-basic', 'crashy', hours(now, -1))]);
    const [f] = await w.firings(rule.id);
    await expect(w.as('system', async (ctx) => { await runFiring(ctx, f!.id, now); throw new Error('worker died'); })).rejects.toThrow('worker died');
    expect((await w.firings(rule.id))[0]!.status).toBe('scheduled');
    const count = () => w.as('system', async (ctx) => (await rows(ctx.db, sql`select 1 from actions where idempotency_key = ${`trigger:${f!.id}`}`)).length);
    expect(await count()).toBe(0);
    await w.run(now);
    await w.run(now);
    expect(await count()).toBe(1);
    expect((await w.action((await w.firings(rule.id))[0]!.actionId!)).payload).toMatchObject({ title: '欢迎 crashy', assigneeId: null });
  });

  it('a keyword rule fires on matching member messages only (width and case ignored), never on our own echoes', async () => {
    const rule = await w.as('op', (ctx) => createTrigger(ctx, {
      name: '关键词 VIP', when: { kind: 'event', eventType: 'message.sent', keyword: 'vip' }, scope: { kind: 'type', type: 'basic' },
      do: { kind: 'tag', tag: '想进VIP' },
    }));
    await w.ingest([
      ev('m1', 'message.sent', 'g-basic', 'u1', hours(now, -1), { text: '怎么进ＶＩＰ群？' }),
      ev('m2', 'message.sent', 'g-basic', 'u3', hours(now, -1), { text: 'hello' }),
      ev('m3', 'message.sent', 'g-basic', 'u3', hours(now, -1), { text: 'VIP 开放啦', actionId: 'a-1' }),
      ev('m4', 'message.sent', 'g-other', 'u3', hours(now, -1), { text: 'vip?' }),
      ev('m5', 'message.sent', 'g-vip', 'host', hours(now, -1), { text: 'vip!' }),
    ]);
    const firings = await w.firings(rule.id);
    // g-other is basic too (the default type); g-vip is outside the scope.
    expect(firings.map((f) => f.memberId).sort()).toEqual([ids.u1, ids.u3].sort());
    await w.run(now);
    const tags = await w.as('system', (ctx) => rows<{ tag: string }>(ctx.db, sql`select tag from member_tags where member_id = ${ids.u1}`));
    expect(tags.map((t) => t.tag)).toEqual(['想进VIP']);
  });
});

describe('segments: lurkers (b), silent core members (c), delay and condition, re-entry', () => {
  // Fixed history; asOf Tuesday 2026-03-10 12:00 Shanghai, so the as-of day D is 2026-03-10.
  const A = new Date('2026-03-10T04:00:00Z');
  let w: TriggerWorld;
  let ids: Record<string, string>;
  beforeAll(async () => {
    w = await makeTriggerWorld(database, 'trg-seg');
    const events: unknown[] = [];
    for (const m of ['lurk', 'core', 'chat1', 'chat2', 'chat3', 'chat4']) events.push(ev(`j-${m}`, 'member.joined', 'g1', m, '2026-02-01T02:00:00Z'));
    events.push(ev('j-fresh', 'member.joined', 'g1', 'fresh', '2026-03-06T02:00:00Z'));
    // core: 10 messages a day from 15 Feb to 1 Mar, then silent (9 days by D).
    for (let d = 15; d <= 29 + 1; d++) {
      const day = d <= 28 ? `2026-02-${String(d).padStart(2, '0')}` : `2026-03-0${d - 28}`;
      for (let i = 0; i < 10; i++) events.push(ev(`core-${day}-${i}`, 'message.sent', 'g1', 'core', `${day}T0${i}:00:00Z`, { text: '今天的分享' }));
    }
    for (const m of ['chat1', 'chat2', 'chat3', 'chat4']) {
      events.push(ev(`${m}-a`, 'message.sent', 'g1', m, '2026-03-02T03:00:00Z', { text: 'hi' }), ev(`${m}-b`, 'message.sent', 'g1', m, '2026-03-09T03:00:00Z', { text: 'hi' }));
    }
    await w.ingest(events);
    ids = { g1: await w.community('g1') };
    for (const m of ['lurk', 'fresh', 'core', 'chat1']) ids[m] = await w.member(m);
    await w.as('system', (ctx) => updateCommunity(ctx, ids.g1!, { ownerStaffId: w.users.op }));
  });

  it('(b) a member in the group 14+ days without a message gets one private-chat task for the group owner', async () => {
    const rule = await w.as('op', (ctx) => createFromPreset(ctx, 'lurker_outreach', {}));
    await w.evaluate(A);
    const firings = await w.firings(rule.id);
    expect(firings.map((f) => f.memberId)).toEqual([ids.lurk]);
    expect(await w.run(A)).toMatchObject({ done: 1 });
    const action = await w.action((await w.firings(rule.id))[0]!.actionId!);
    expect(action).toMatchObject({ kind: 'staff_task', memberId: ids.lurk, communityId: ids.g1 });
    expect(action.payload).toMatchObject({ kind: 'private_chat', title: '私聊潜水成员：lurk（g1）', assigneeId: w.users.op, dueAt: hours(A, 24).toISOString() });
    expect(action.payload.body).toContain('lurk，你好～');
    // Still a lurker an hour later: no second firing; the task reaches the owner's today page.
    expect((await w.evaluate(hours(A, 1))).recorded).toBe(0);
    await dispatchActions(database, 100);
    const tasks = await w.as('system', (ctx) => rows<{ kind: string; assigneeId: string }>(ctx.db, sql`
      select t.kind, t.assignee_id as "assigneeId" from staff_tasks t join trigger_firings f on f.action_id = t.action_id where f.rule_id = ${rule.id}`));
    expect(tasks).toEqual([{ kind: 'private_chat', assigneeId: w.users.op }]);
  });

  it('(c) a core member silent for 7 days gets a care task', async () => {
    const rule = await w.as('op', (ctx) => createFromPreset(ctx, 'core_care', {}));
    await w.evaluate(A);
    expect((await w.firings(rule.id)).map((f) => f.memberId)).toEqual([ids.core]);
    await w.run(A);
    const action = await w.action((await w.firings(rule.id))[0]!.actionId!);
    expect(action.payload).toMatchObject({ kind: 'care', title: '关怀沉默的核心成员：core（g1）' });
    // The same rule with 8 days of silence required: core has only 9... and with 10 not yet.
    await w.as('op', (ctx) => updateTrigger(ctx, rule.id, { when: { kind: 'segment', segment: 'role:core', silentDays: 10 } }));
    expect((await w.evaluate(hours(A, 1))).recorded).toBe(0);
  });

  it('after the delay the condition is checked again: a member who spoke meanwhile is skipped with the reason', async () => {
    const rule = await w.as('op', (ctx) => createTrigger(ctx, {
      name: '沉默核心 次日关怀', when: { kind: 'segment', segment: 'role:core', silentDays: 7 }, delay: { amount: 1, unit: 'days' }, condition: 'still_silent',
      do: { kind: 'staff_task', taskKind: 'care', title: '关怀 {{member.name}}' },
    }));
    await w.evaluate(A);
    const [f] = await w.firings(rule.id);
    expect(f!.scheduledAt.toISOString()).toBe(days(A, 1).toISOString());
    expect(await w.run(hours(A, 23))).toEqual({ done: 0, skipped: 0 });
    await w.ingest([ev('core-back', 'message.sent', 'g1', 'core', hours(A, 2), { text: '我回来啦' })]);
    expect(await w.run(days(A, 1))).toEqual({ done: 0, skipped: 1 });
    expect((await w.firings(rule.id))[0]).toMatchObject({ status: 'skipped', reason: 'active again since', actionId: null });
  });

  it('leaving the segment and entering it again fires again; a disabled rule skips its due firings', async () => {
    const rule = await w.as('op', (ctx) => createTrigger(ctx, {
      name: '潜水打标签', when: { kind: 'segment', segment: 'role:lurker' }, do: { kind: 'tag', tag: '潜水' },
    }));
    await w.evaluate(A);
    expect((await w.firings(rule.id)).map((f) => f.memberId).sort()).toEqual([ids.fresh, ids.lurk].sort());
    await w.ingest([ev('fresh-speaks', 'message.sent', 'g1', 'fresh', '2026-03-11T02:00:00Z', { text: '大家好' })]);
    await w.evaluate(new Date('2026-03-11T04:00:00Z'));
    expect(await w.as('system', (ctx) => one(ctx.db, sql`select 1 from trigger_segment_states where rule_id = ${rule.id} and member_id = ${ids.fresh}`))).toBeUndefined();
    // Fifteen days later fresh is silent again (and so are the chatters, who spoke last on 9 March).
    const later = new Date('2026-03-26T04:00:00Z');
    await w.evaluate(later);
    const fresh = (await w.firings(rule.id)).filter((f) => f.memberId === ids.fresh);
    expect(fresh.map((f) => f.status)).toEqual(['scheduled', 'scheduled']);
    await w.as('op', (ctx) => updateTrigger(ctx, rule.id, { enabled: false }));
    await w.run(later);
    const closed = await w.firings(rule.id);
    expect(closed.every((f) => f.status === 'skipped' && f.reason === 'rule disabled')).toBe(true);
  });
});

describe('leave spike (d)', () => {
  it('alerts staff once per group and week, with the numbers', async () => {
    const w = await makeTriggerWorld(database, 'trg-spike');
    const events: unknown[] = [ev('host-1', 'message.sent', 'gs', 'host', '2026-01-26T01:00:00Z', { text: 'hi' }), ev('calm-1', 'message.sent', 'calm', 'host', '2026-01-26T01:00:00Z', { text: 'hi' })];
    const mondays = ['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02'];
    const tuesday = (monday: string) => new Date(Date.parse(`${monday}T02:00:00Z`) + 86_400_000).toISOString();
    for (const [i, m] of mondays.entries()) {
      events.push(ev(`wj${i}`, 'member.joined', 'gs', `w${i}`, `${m}T02:00:00Z`), ev(`wl${i}`, 'member.left', 'gs', `w${i}`, tuesday(m)));
    }
    for (let i = 0; i < 4; i++) events.push(ev(`xj${i}`, 'member.joined', 'gs', `x${i}`, '2026-03-09T02:00:00Z'), ev(`xl${i}`, 'member.left', 'gs', `x${i}`, '2026-03-10T02:00:00Z'));
    await w.ingest(events);
    const gs = await w.community('gs');
    const rule = await w.as('op', (ctx) => createFromPreset(ctx, 'leave_spike_alert', {}));
    const asOf = new Date('2026-03-12T04:00:00Z');
    expect((await w.evaluate(asOf)).recorded).toBe(1);
    expect((await w.evaluate(hours(asOf, 1))).recorded).toBe(0);
    const [f] = await w.firings(rule.id);
    expect(f).toMatchObject({ communityId: gs, memberId: null, context: { week: '2026-03-09', leaves: 4, trailingMean: 1 } });
    await w.run(asOf);
    const action = await w.action((await w.firings(rule.id))[0]!.actionId!);
    expect(action).toMatchObject({ kind: 'alert', communityId: gs, memberId: null });
    expect(action.payload.title).toBe('退群激增：gs');
    expect(action.payload.body).toContain('2026-03-09 这一周退群 4 人，此前几周平均每周 1.0 人。');
    await dispatchActions(database, 100);
    const task = await w.as('system', (ctx) => one<{ kind: string; assigneeId: string }>(ctx.db, sql`
      select kind, assignee_id as "assigneeId" from staff_tasks where action_id = (select action_id from trigger_firings where id = ${f!.id})`));
    expect(task).toEqual({ kind: 'alert', assigneeId: w.users.owner });
  });
});
