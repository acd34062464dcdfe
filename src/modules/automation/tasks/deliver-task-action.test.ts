import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { one, rows, sql } from '../../../db/client.js';
import { PermanentDeliveryError } from '../../../channels/types.js';
import { enqueueAction, type ActionRequest } from '../enqueue-action.js';
import { deliverTaskAction, isTaskAction } from './deliver-task-action.js';
import { listStaffTasks } from './list-staff-tasks.js';
import { makeTaskWorld, type TaskWorld } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let w: TaskWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  w = await makeTaskWorld(database, 'deliver');
});
afterAll(async () => { await database.drop(); });

const enqueue = (req: Omit<ActionRequest, 'channel'>) => w.as('op1', (ctx) => enqueueAction(ctx, { channel: 'sandbox', ...req }));
const actionRow = (id: string) => w.as('system', (ctx) => one<{ status: string; sentAt: Date | null }>(ctx.db, sql`
  select status, sent_at as "sentAt" from actions where id = ${id}`));
const taskCount = (actionId: string) => w.as('system', async (ctx) =>
  (await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from staff_tasks where action_id = ${actionId}`))[0]!.n);

describe('deliverTaskAction', () => {
  it('makes the task of a staff_task action and marks the action sent, in one transaction', async () => {
    const action = await enqueue({
      idempotencyKey: 'rule-1:care', kind: 'staff_task', communityId: w.community.sandbox, memberId: w.member.sandbox,
      payload: { kind: 'care', title: '关怀沉默的核心成员', text: '好久不见，最近怎么样？', assigneeId: w.users.op2, dueAt: '2026-11-03T01:00:00Z' },
    });
    const task = await w.as('system', (ctx) => deliverTaskAction(ctx, action));
    expect(task).toMatchObject({
      kind: 'care', title: '关怀沉默的核心成员', body: '好久不见，最近怎么样？', assigneeId: w.users.op2, actionId: action.id,
      actionStatus: 'sent', communityId: w.community.sandbox, memberId: w.member.sandbox, idempotencyKey: `action:${action.id}`,
    });
    expect(task.dueAt.toISOString()).toBe('2026-11-03T01:00:00.000Z');
    expect((await actionRow(action.id))!.status).toBe('sent');
    expect((await actionRow(action.id))!.sentAt).toBeInstanceOf(Date);
  });

  it('delivering the same action again answers the same task', async () => {
    const action = await enqueue({ idempotencyKey: 'rule-2', kind: 'staff_task', payload: { title: '再跟进一次' } });
    const a = await w.as('system', (ctx) => deliverTaskAction(ctx, action));
    const b = await w.as('system', (ctx) => deliverTaskAction(ctx, action));
    expect(b.id).toBe(a.id);
    expect(await taskCount(action.id)).toBe(1);
    expect(a).toMatchObject({ kind: 'custom', assigneeId: null });
  });

  it('rolls the task back with the transaction that failed after it', async () => {
    const action = await enqueue({ idempotencyKey: 'rule-3', kind: 'staff_task', payload: { title: '回滚' } });
    await expect(w.as('system', async (ctx) => { await deliverTaskAction(ctx, action); throw new Error('crash after'); })).rejects.toThrow('crash after');
    expect(await taskCount(action.id)).toBe(0);
    expect((await actionRow(action.id))!.status).toBe('pending');
  });

  it('an assignee who cannot act leaves the task unassigned instead of failing the rule', async () => {
    const action = await enqueue({ idempotencyKey: 'rule-4', kind: 'staff_task', payload: { title: 'x', assigneeId: w.users.analyst } });
    expect((await w.as('system', (ctx) => deliverTaskAction(ctx, action))).assigneeId).toBeNull();
  });

  it('an alert goes to the named admin, else to the longest-standing owner, as a task of kind alert', async () => {
    const named = await enqueue({ idempotencyKey: 'alert-1', kind: 'alert', communityId: w.community.sandbox, payload: { title: '群内出现广告', body: '3 条疑似广告', assigneeId: w.users.admin } });
    expect(await w.as('system', (ctx) => deliverTaskAction(ctx, named))).toMatchObject({ kind: 'alert', assigneeId: w.users.admin, body: '3 条疑似广告' });
    const operatorNamed = await enqueue({ idempotencyKey: 'alert-2', kind: 'alert', payload: { title: '退群激增', assigneeId: w.users.op1 } });
    expect(await w.as('system', (ctx) => deliverTaskAction(ctx, operatorNamed))).toMatchObject({ kind: 'alert', assigneeId: w.users.owner });
    // An alert's kind is alert whatever the payload says.
    const sneaky = await enqueue({ idempotencyKey: 'alert-3', kind: 'alert', payload: { title: 't', kind: 'custom' } });
    expect((await w.as('system', (ctx) => deliverTaskAction(ctx, sneaky))).kind).toBe('alert');
    const mine = await w.as('owner', (ctx) => listStaffTasks(ctx, { assignee: 'mine', status: 'open' }));
    expect(mine.items.map((t) => t.title)).toEqual(expect.arrayContaining(['退群激增', 't']));
  });

  it('a payload no retry can fix is a permanent refusal naming the field, and makes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /^payload\.title:/],
      [{ title: 'x', kind: 'party' }, /^payload\.kind:/],
      [{ title: 'x', dueAt: 'tomorrow' }, /^payload\.dueAt:/],
    ];
    let n = 0;
    for (const [payload, message] of cases) {
      const action = await enqueue({ idempotencyKey: `bad-${n++}`, kind: 'staff_task', payload });
      const err = await w.as('system', (ctx) => deliverTaskAction(ctx, action)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentDeliveryError);
      expect((err as Error).message).toMatch(message);
      expect(await taskCount(action.id)).toBe(0);
    }
    const send = await enqueue({ idempotencyKey: 'not-a-task', kind: 'send_group', communityId: w.community.sandbox, payload: { text: 'hi' } });
    await expect(w.as('system', (ctx) => deliverTaskAction(ctx, send))).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('knows which kinds are its own', () => {
    expect(['staff_task', 'alert', 'send_group', 'send_private'].map(isTaskAction)).toEqual([true, true, false, false]);
  });
});
