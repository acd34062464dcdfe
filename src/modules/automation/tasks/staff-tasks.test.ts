import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { createStaffTask } from './create-staff-task.js';
import { listStaffTasks } from './list-staff-tasks.js';
import { getStaffTask } from './get-staff-task.js';
import { completeStaffTask } from './complete-staff-task.js';
import { dismissStaffTask } from './dismiss-staff-task.js';
import { reassignStaffTask } from './reassign-staff-task.js';
import { auditActions, makeTaskWorld, type TaskWorld } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let w: TaskWorld;
let other: TaskWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  w = await makeTaskWorld(database, 'tasks');
  other = await makeTaskWorld(database, 'other');
});
afterAll(async () => { await database.drop(); });

const rejects = async (p: Promise<unknown>) => {
  try { await p; } catch (err) { return err as { code: string; message: string; fields: { path: string }[] }; }
  throw new Error('expected a rejection');
};

describe('createStaffTask', () => {
  it('creates a task with its links and names, audited', async () => {
    const task = await w.as('op1', (ctx) => createStaffTask(ctx, {
      kind: 'private_chat', title: '私聊潜水成员', body: '你好，最近群里在聊……', communityId: w.community.sandbox,
      memberId: w.member.sandbox, assigneeId: w.users.op2, dueAt: '2026-11-02T02:00:00Z',
    }));
    expect(task).toMatchObject({
      kind: 'private_chat', title: '私聊潜水成员', body: '你好，最近群里在聊……', status: 'open', communityName: 'sandbox 福利群',
      memberName: 'sandbox 小王', assigneeId: w.users.op2, assigneeName: 'op2.tasks', createdBy: w.users.op1, closedAt: null, actionId: null,
    });
    expect(task.dueAt.toISOString()).toBe('2026-11-02T02:00:00.000Z');
    expect(await w.as('system', (ctx) => auditActions(ctx, task.id))).toEqual(['staff_task.created']);
  });

  it('is due now when no due time is given, and unassigned when nobody is named', async () => {
    const before = Date.now();
    const task = await w.as('op1', (ctx) => createStaffTask(ctx, { title: '整理群公告' }));
    expect(task.kind).toBe('custom');
    expect(task.assigneeId).toBeNull();
    expect(Math.abs(task.dueAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('answers the same task for the same idempotency key, once audited', async () => {
    const make = () => w.as('op1', (ctx) => createStaffTask(ctx, { kind: 'care', title: '关怀核心成员', idempotencyKey: 'rule-7:member-1' }));
    const a = await make();
    const b = await make();
    expect(b.id).toBe(a.id);
    const n = await w.as('system', (ctx) => rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from staff_tasks where idempotency_key = 'rule-7:member-1'`));
    expect(n[0]!.n).toBe(1);
    expect(await w.as('system', (ctx) => auditActions(ctx, a.id))).toEqual(['staff_task.created']);
  });

  it('refuses bad input naming the field', async () => {
    const cases: [unknown, string, string][] = [
      [{ title: '' }, 'title', 'validation'],
      [{ title: 'x', kind: 'party' }, 'kind', 'validation'],
      [{ title: 'x', dueAt: 'soon' }, 'dueAt', 'validation'],
      [{ title: 'x', assigneeId: w.users.analyst }, 'assigneeId', 'validation'],
      [{ title: 'x', assigneeId: other.users.op1 }, 'assigneeId', 'validation'],
      [{ title: 'x', communityId: other.community.sandbox }, 'communityId', 'not_found'],
      [{ title: 'x', memberId: other.member.sandbox }, 'memberId', 'not_found'],
      [{ title: 'x', surprise: 1 }, 'input', 'validation'],
    ];
    for (const [input, field, code] of cases) {
      const err = await rejects(w.as('op1', (ctx) => createStaffTask(ctx, input as never)));
      expect(err.code, JSON.stringify(input)).toBe(code);
      expect(err.message.startsWith(`${field}:`) || err.fields?.[0]?.path === field, `${JSON.stringify(input)}: ${err.message}`).toBe(true);
    }
  });
});

describe('listStaffTasks', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    ids = {};
    const mk = async (name: string, dueAt: string, assigneeId: string | null) =>
      (ids[name] = (await w.as('op1', (ctx) => createStaffTask(ctx, { title: name, dueAt, assigneeId, idempotencyKey: `list:${name}` }))).id);
    await mk('L-late', '2030-01-03T00:00:00Z', w.users.op1);
    await mk('L-early', '2030-01-01T00:00:00Z', w.users.op1);
    await mk('L-mid', '2030-01-02T00:00:00Z', null);
    await mk('L-other', '2030-01-01T12:00:00Z', w.users.op2);
    await other.as('op1', (ctx) => createStaffTask(ctx, { title: 'L-foreign', dueAt: '2030-01-01T00:00:00Z' }));
  });
  const titles = (page: { items: { title: string }[] }) => page.items.map((t) => t.title).filter((t) => t.startsWith('L-'));
  const list = (who: string, q: Parameters<typeof listStaffTasks>[1]) =>
    w.as(who, async (ctx) => titles(await listStaffTasks(ctx, q)));

  it('sorts by due time and keeps to the workspace', async () => {
    const all = await w.as('op1', (ctx) => listStaffTasks(ctx, { pageSize: 200 }));
    expect(titles(all)).toEqual(['L-early', 'L-other', 'L-mid', 'L-late']);
    const due = all.items.map((t) => t.dueAt.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });

  it('filters by "mine", unassigned, a user, status and due time', async () => {
    expect(await list('op1', { assignee: 'mine', pageSize: 200 })).toEqual(['L-early', 'L-late']);
    expect(await list('op2', { assignee: 'mine', pageSize: 200 })).toEqual(['L-other']);
    expect(await list('op2', { assignee: 'unassigned', pageSize: 200 })).toEqual(['L-mid']);
    expect(await list('admin', { assignee: w.users.op1, pageSize: 200 })).toEqual(['L-early', 'L-late']);
    expect(await list('op1', { dueBefore: '2030-01-02T00:00:00Z', pageSize: 200 })).toEqual(['L-early', 'L-other', 'L-mid']);
    await w.as('op1', (ctx) => completeStaffTask(ctx, { id: ids['L-early']! }));
    expect(await list('op1', { assignee: 'mine', status: 'open', pageSize: 200 })).toEqual(['L-late']);
    expect(await list('op1', { assignee: 'mine', status: 'done', pageSize: 200 })).toEqual(['L-early']);
  });

  it('pages', async () => {
    const q = { dueBefore: '2030-01-04T00:00:00Z', pageSize: 2 } as const;
    const p1 = await w.as('op1', (ctx) => listStaffTasks(ctx, { ...q, page: 1 }));
    const p2 = await w.as('op1', (ctx) => listStaffTasks(ctx, { ...q, page: 2 }));
    expect(p1.total).toBe(p2.total);
    expect(p1.items).toHaveLength(2);
    expect(new Set([...p1.items, ...p2.items].map((t) => t.id)).size).toBe(p1.items.length + p2.items.length);
    expect(p1.items[1]!.dueAt.getTime()).toBeLessThanOrEqual(p2.items[0]!.dueAt.getTime());
  });

  it('"mine" needs a staff session', async () => {
    const err = await rejects(w.as('system', (ctx) => listStaffTasks(ctx, { assignee: 'mine' })));
    expect(err.message).toMatch(/^assignee:/);
  });
});

describe('closing and reassigning', () => {
  const fresh = (title: string) => w.as('op1', (ctx) => createStaffTask(ctx, { title, assigneeId: w.users.op1 }));

  it('completes once: a second completion changes nothing', async () => {
    const task = await fresh('C-1');
    const done = await w.as('op2', (ctx) => completeStaffTask(ctx, { id: task.id, note: '已私聊' }));
    expect(done).toMatchObject({ status: 'done', closedBy: w.users.op2, closedByName: 'op2.tasks', note: '已私聊' });
    const again = await w.as('op1', (ctx) => completeStaffTask(ctx, { id: task.id, note: 'again' }));
    expect(again).toEqual(done);
    expect(await w.as('system', (ctx) => auditActions(ctx, task.id))).toEqual(['staff_task.created', 'staff_task.completed']);
  });

  it('dismisses once, and a closed task cannot change its ending', async () => {
    const a = await fresh('C-2');
    const dismissed = await w.as('op1', (ctx) => dismissStaffTask(ctx, { id: a.id, note: '成员已退群' }));
    expect(dismissed).toMatchObject({ status: 'dismissed', note: '成员已退群', closedBy: w.users.op1 });
    expect(await w.as('op1', (ctx) => dismissStaffTask(ctx, { id: a.id }))).toEqual(dismissed);
    expect((await rejects(w.as('op1', (ctx) => completeStaffTask(ctx, { id: a.id })))).code).toBe('conflict');
    const b = await fresh('C-3');
    await w.as('op1', (ctx) => completeStaffTask(ctx, { id: b.id }));
    expect((await rejects(w.as('op1', (ctx) => dismissStaffTask(ctx, { id: b.id })))).code).toBe('conflict');
    expect((await rejects(w.as('op1', (ctx) => reassignStaffTask(ctx, { id: b.id, assigneeId: w.users.op2 })))).code).toBe('conflict');
  });

  it('reassigns to a person or back to the pool, audited with from and to', async () => {
    const task = await fresh('R-1');
    expect((await w.as('admin', (ctx) => reassignStaffTask(ctx, { id: task.id, assigneeId: w.users.op2 }))).assigneeName).toBe('op2.tasks');
    expect((await w.as('admin', (ctx) => reassignStaffTask(ctx, { id: task.id, assigneeId: null }))).assigneeId).toBeNull();
    const audit = await w.as('system', (ctx) => rows<{ details: { from: string | null; to: string | null } }>(ctx.db, sql`
      select details from audit_log where target_id = ${task.id} and action = 'staff_task.reassigned' order by id`));
    expect(audit.map((a) => a.details)).toEqual([{ from: w.users.op1, to: w.users.op2 }, { from: w.users.op2, to: null }]);
    expect((await rejects(w.as('admin', (ctx) => reassignStaffTask(ctx, { id: task.id, assigneeId: w.users.analyst })))).fields[0]!.path).toBe('assigneeId');
    expect((await rejects(w.as('admin', (ctx) => reassignStaffTask(ctx, { id: task.id, assigneeId: other.users.op1 })))).fields[0]!.path).toBe('assigneeId');
  });

  it('another workspace\'s task is not found for every verb', async () => {
    const foreign = await other.as('op1', (ctx) => createStaffTask(ctx, { title: 'secret' }));
    for (const call of [
      (ctx: TenantCtx) => getStaffTask(ctx, foreign.id),
      (ctx: TenantCtx) => completeStaffTask(ctx, { id: foreign.id }),
      (ctx: TenantCtx) => dismissStaffTask(ctx, { id: foreign.id }),
      (ctx: TenantCtx) => reassignStaffTask(ctx, { id: foreign.id, assigneeId: null }),
    ]) {
      const err = await rejects(w.as('owner', call));
      expect(err).toMatchObject({ code: 'not_found', message: 'staff task not found' });
    }
    expect((await other.as('op1', (ctx) => getStaffTask(ctx, foreign.id))).status).toBe('open');
  });

  it('row-level security hides tasks from a query without the workspace, and another workspace\'s from one with it', async () => {
    const seen = (workspaceId: string | null) => database.db.transaction(async (tx) => {
      if (workspaceId) await tx.execute(sql`select set_config('app.workspace_id', ${workspaceId}, true)`);
      await tx.execute(sql.raw('set local role shequn_app'));
      return rows<{ ws: string }>(tx as never, sql`select distinct workspace_id::text as ws from staff_tasks`);
    });
    expect(await seen(null)).toEqual([]);
    expect(await seen(w.ws.id)).toEqual([{ ws: w.ws.id }]);
    const all = await rows<{ n: number }>(database.db, sql`select count(distinct workspace_id)::int as n from staff_tasks`);
    expect(all[0]!.n).toBe(2);
  });

  it('a staff member who leaves hands their open tasks back to the pool', async () => {
    const task = await w.as('op1', (ctx) => createStaffTask(ctx, { title: 'D-1', assigneeId: w.users.op2 }));
    await w.as('system', (ctx) => ctx.db.execute(sql`delete from staff where workspace_id = ${ctx.workspaceId} and user_id = ${w.users.op2}`));
    expect((await w.as('op1', (ctx) => getStaffTask(ctx, task.id))).assigneeId).toBeNull();
    await w.as('system', (ctx) => ctx.db.execute(sql`insert into staff (workspace_id, user_id, role) values (${ctx.workspaceId}, ${w.users.op2}, 'operator')`));
  });
});
