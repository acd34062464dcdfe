import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { adapterFor, registerAdapter } from '../../../channels/registry.js';
import type { ChannelAdapter } from '../../../channels/types.js';
import { sandboxAdapter } from '../../../channels/sandbox/outbound.js';
import { enqueueAction } from '../enqueue-action.js';
import { dispatchActions } from '../dispatch-actions.js';
import { handOverToStaff, needsStaff } from './hand-over-to-staff.js';
import { completeStaffTask } from './complete-staff-task.js';
import { dismissStaffTask } from './dismiss-staff-task.js';
import { makeTaskWorld, type TaskWorld } from './test-fixtures.js';

// A WeCom-like platform on which group sends need a person; its send must never be reached for them.
const sent: string[] = [];
const assistedAdapter: ChannelAdapter = {
  channel: 'wecom', ratePerSecond: 1000, assisted: ['send_group'],
  async send(_ctx, action) { sent.push(action.id); return { events: [] }; },
};

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let w: TaskWorld;
let restore: () => void;

beforeAll(async () => {
  restore = registerAdapter(assistedAdapter);
  database = await createTestDatabase();
  w = await makeTaskWorld(database, 'assisted');
  // op2 owns the WeCom group: theirs is the app that confirms its mass messages.
  await w.as('system', (ctx) => ctx.db.execute(sql`update communities set owner_staff_id = ${w.users.op2} where id = ${w.community.wecom}`));
});
afterAll(async () => { restore(); await database.drop(); });

let n = 0;
const queueSend = (payload: Record<string, unknown> = { text: '今晚 8 点直播，记得来！' }) =>
  w.as('op1', (ctx) => enqueueAction(ctx, { idempotencyKey: `send-${n++}`, kind: 'send_group', channel: 'wecom', communityId: w.community.wecom, payload }));
const actionRow = (id: string) => w.as('system', (ctx) => one<{ status: string; sentAt: Date | null; lastError: string | null; attempts: number }>(ctx.db, sql`
  select status, sent_at as "sentAt", last_error as "lastError", attempts from actions where id = ${id}`));

describe('assisted delivery', () => {
  it('the adapter says which kinds need a person', () => {
    expect(needsStaff(assistedAdapter, 'send_group')).toBe(true);
    expect(needsStaff(assistedAdapter, 'send_private')).toBe(false);
    expect(needsStaff(sandboxAdapter, 'send_group')).toBe(false);
    expect(adapterFor('wecom')).toBe(assistedAdapter);
  });

  it('hands the send to the group owner as a confirm_send task with the content ready, and parks the action', async () => {
    const media = [{ type: 'image', url: 'https://cdn.example/poster.png', name: '海报' }];
    const action = await queueSend({ text: '今晚 8 点直播，记得来！', media });
    // As the dispatcher leaves it once claimed.
    await w.as('system', (ctx) => ctx.db.execute(sql`update actions set status = 'sending', attempts = 1 where id = ${action.id}`));
    const task = await w.as('system', (ctx) => handOverToStaff(ctx, action));
    expect(task).toMatchObject({
      kind: 'confirm_send', title: '确认群发：wecom 福利群', body: '今晚 8 点直播，记得来！', media, communityId: w.community.wecom,
      assigneeId: w.users.op2, actionId: action.id, actionStatus: 'awaiting_staff', status: 'open',
    });
    // A worker pass leaves it alone, however long it waits.
    await w.as('system', (ctx) => ctx.db.execute(sql`update actions set next_attempt_at = now() - interval '1 day' where id = ${action.id}`));
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await actionRow(action.id)).toMatchObject({ status: 'awaiting_staff', attempts: 1, sentAt: null });
    expect(sent).toEqual([]);
    // Handing over again (a second claim after a crash) answers the same task.
    expect((await w.as('system', (ctx) => handOverToStaff(ctx, action))).id).toBe(task.id);
    const count = await w.as('system', (ctx) => rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from staff_tasks where action_id = ${action.id}`));
    expect(count[0]!.n).toBe(1);
  });

  it('completing the task marks the action sent at the completion time', async () => {
    const action = await queueSend();
    const task = await w.as('system', (ctx) => handOverToStaff(ctx, action));
    const done = await w.as('op2', (ctx) => completeStaffTask(ctx, { id: task.id, note: '已在企业微信确认' }));
    const row = await actionRow(action.id);
    expect(row).toMatchObject({ status: 'sent', lastError: null });
    expect(row!.sentAt!.getTime()).toBe(done.closedAt!.getTime());
    expect(done.actionStatus).toBe('sent');
    // Completing again moves nothing.
    await w.as('op1', (ctx) => completeStaffTask(ctx, { id: task.id }));
    expect((await actionRow(action.id))!.sentAt!.getTime()).toBe(done.closedAt!.getTime());
  });

  it('dismissing the task cancels the action with the reason', async () => {
    const action = await queueSend();
    const task = await w.as('system', (ctx) => handOverToStaff(ctx, action));
    const dismissed = await w.as('op2', (ctx) => dismissStaffTask(ctx, { id: task.id, note: '活动取消了' }));
    expect(dismissed.actionStatus).toBe('cancelled');
    expect(await actionRow(action.id)).toMatchObject({ status: 'cancelled', sentAt: null, lastError: 'dismissed by staff: 活动取消了' });
    expect(await dispatchActions(database)).toEqual({ sent: 0, failed: 0, retried: 0 });
  });

  it('an action cancelled meanwhile stays cancelled when its task is completed', async () => {
    const action = await queueSend();
    const task = await w.as('system', (ctx) => handOverToStaff(ctx, action));
    await w.as('system', (ctx) => ctx.db.execute(sql`update actions set status = 'cancelled' where id = ${action.id}`));
    await w.as('op2', (ctx) => completeStaffTask(ctx, { id: task.id }));
    expect(await actionRow(action.id)).toMatchObject({ status: 'cancelled', sentAt: null });
  });

  it('goes to the staff member the payload names, and to the pool when nobody can act', async () => {
    const named = await queueSend({ text: 'x', assigneeId: w.users.op1 });
    expect((await w.as('system', (ctx) => handOverToStaff(ctx, named))).assigneeId).toBe(w.users.op1);
    await w.as('system', (ctx) => ctx.db.execute(sql`update communities set owner_staff_id = ${w.users.analyst} where id = ${w.community.wecom}`));
    const pooled = await queueSend({ text: 'y' });
    expect((await w.as('system', (ctx) => handOverToStaff(ctx, pooled))).assigneeId).toBeNull();
    await w.as('system', (ctx) => ctx.db.execute(sql`update communities set owner_staff_id = ${w.users.op2} where id = ${w.community.wecom}`));
  });

  it('refuses to resurrect an action that is already over', async () => {
    const action = await queueSend();
    await w.as('system', (ctx) => ctx.db.execute(sql`update actions set status = 'cancelled' where id = ${action.id}`));
    await expect(w.as('system', (ctx) => handOverToStaff(ctx, action))).rejects.toThrow(/is cancelled/);
  });
});
