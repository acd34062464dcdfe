import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, testApp } from '../../../../test/helpers/app.js';
import { createStaffTask } from './create-staff-task.js';
import { makeTaskWorld, type TaskWorld } from './test-fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let w: TaskWorld;
let foreignTask: string;
const login = async (who: string, slug = 'routes') => as(app, await loginAs(app, `${who}.${slug}@t.test`));

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  w = await makeTaskWorld(database, 'routes');
  const other = await makeTaskWorld(database, 'elsewhere');
  foreignTask = (await other.as('op1', (ctx) => createStaffTask(ctx, { title: 'elsewhere' }))).id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('staff task routes', () => {
  it('operators create, complete (with a note) and dismiss; the same key answers the same task', async () => {
    const op = await login('op1');
    const body = { kind: 'private_chat', title: '私聊小王', body: '你好！', memberId: w.member.sandbox, assigneeId: w.users.op1, idempotencyKey: 'route-1' };
    const created = await op.post('/api/v1/staff-tasks', body);
    expect(created.statusCode, created.body).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({ kind: 'private_chat', memberName: 'sandbox 小王', assigneeName: 'op1.routes', status: 'open' });
    expect((await op.post('/api/v1/staff-tasks', body)).json().id).toBe(task.id);

    const mine = await op.get('/api/v1/staff-tasks?assignee=mine&status=open');
    expect(mine.json().items.map((t: { id: string }) => t.id)).toContain(task.id);

    const done = await op.post(`/api/v1/staff-tasks/${task.id}/complete`, { note: '聊过了' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', note: '聊过了', closedByName: 'op1.routes' });
    expect((await op.post(`/api/v1/staff-tasks/${task.id}/complete`)).json().closedAt).toBe(done.json().closedAt);
    // A client may send no body at all.
    const session = await loginAs(app, 'op1.routes@t.test');
    const bare = await app.inject({ method: 'POST', url: `/api/v1/staff-tasks/${task.id}/complete`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(bare.statusCode, bare.body).toBe(200);
    const dismissAfter = await op.post(`/api/v1/staff-tasks/${task.id}/dismiss`, {});
    expect(dismissAfter.statusCode).toBe(409);

    const other = (await op.post('/api/v1/staff-tasks', { title: '不用做了' })).json();
    const dismissed = await op.post(`/api/v1/staff-tasks/${other.id}/dismiss`, { note: '重复' });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', note: '重复' });
  });

  it('analysts read but do not act', async () => {
    const analyst = await login('analyst');
    const task = (await (await login('op1')).post('/api/v1/staff-tasks', { title: '只读测试' })).json();
    expect((await analyst.get('/api/v1/staff-tasks')).statusCode).toBe(200);
    expect((await analyst.get(`/api/v1/staff-tasks/${task.id}`)).json().title).toBe('只读测试');
    for (const res of [
      await analyst.post('/api/v1/staff-tasks', { title: 'x' }),
      await analyst.post(`/api/v1/staff-tasks/${task.id}/complete`, {}),
      await analyst.post(`/api/v1/staff-tasks/${task.id}/dismiss`, {}),
      await analyst.patch(`/api/v1/staff-tasks/${task.id}`, { assigneeId: null }),
    ]) expect(res.statusCode, res.body).toBe(403);
    expect((await analyst.get(`/api/v1/staff-tasks/${task.id}`)).json().status).toBe('open');
  });

  it('reassigns with PATCH and names the field it refuses', async () => {
    const admin = await login('admin');
    const task = (await admin.post('/api/v1/staff-tasks', { title: '转交测试' })).json();
    const moved = await admin.patch(`/api/v1/staff-tasks/${task.id}`, { assigneeId: w.users.op2 });
    expect(moved.json()).toMatchObject({ assigneeId: w.users.op2, assigneeName: 'op2.routes' });
    const op2 = await login('op2');
    expect((await op2.get('/api/v1/staff-tasks?assignee=mine')).json().items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const bad = await admin.patch(`/api/v1/staff-tasks/${task.id}`, { assigneeId: w.users.analyst });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('assigneeId');
    const unassigned = await admin.patch(`/api/v1/staff-tasks/${task.id}`, { assigneeId: null });
    expect(unassigned.json().assigneeId).toBeNull();
    expect((await admin.get('/api/v1/staff-tasks?assignee=unassigned')).json().items.map((t: { id: string }) => t.id)).toContain(task.id);
  });

  it('validates the request naming the field', async () => {
    const op = await login('op1');
    for (const [url, body, field] of [
      ['/api/v1/staff-tasks', { title: '' }, 'title'],
      ['/api/v1/staff-tasks', { title: 'x', kind: 'party' }, 'kind'],
      ['/api/v1/staff-tasks', { title: 'x', dueAt: 'whenever' }, 'dueAt'],
      ['/api/v1/staff-tasks', { title: 'x', communityId: 'nope' }, 'communityId'],
    ] as const) {
      const res = await op.post(url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message, res.body).toMatch(new RegExp(`^${field}:`));
    }
    const list = await op.get('/api/v1/staff-tasks?status=closed');
    expect(list.statusCode).toBe(400);
    expect(list.json().error.message).toMatch(/^status:/);
  });

  it('lists soonest due first, filtered by due time, and pages', async () => {
    const op = await login('op1');
    for (const [title, dueAt] of [['P-b', '2031-01-02T00:00:00Z'], ['P-a', '2031-01-01T00:00:00Z'], ['P-c', '2031-01-03T00:00:00Z']]) {
      await op.post('/api/v1/staff-tasks', { title, dueAt, assigneeId: w.users.op1 });
    }
    const page = (await op.get('/api/v1/staff-tasks?assignee=mine&status=open&dueBefore=2031-01-02T12:00:00Z&pageSize=200')).json();
    const titles = page.items.map((t: { title: string }) => t.title).filter((t: string) => t.startsWith('P-'));
    expect(titles).toEqual(['P-a', 'P-b']);
    const first = (await op.get('/api/v1/staff-tasks?pageSize=1&page=1')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThan(3);
  });

  it('another workspace\'s task is 404 on every route', async () => {
    const owner = await login('owner');
    for (const res of [
      await owner.get(`/api/v1/staff-tasks/${foreignTask}`),
      await owner.post(`/api/v1/staff-tasks/${foreignTask}/complete`, {}),
      await owner.post(`/api/v1/staff-tasks/${foreignTask}/dismiss`, {}),
      await owner.patch(`/api/v1/staff-tasks/${foreignTask}`, { assigneeId: null }),
    ]) expect(res.statusCode, res.body).toBe(404);
    expect((await owner.get('/api/v1/staff-tasks?pageSize=200')).body).not.toContain(foreignTask);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/staff-tasks', '/api/v1/staff-tasks/{id}', '/api/v1/staff-tasks/{id}/complete', '/api/v1/staff-tasks/{id}/dismiss',
    ]));
    expect(Object.keys(doc.paths['/api/v1/staff-tasks/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
  });
});
