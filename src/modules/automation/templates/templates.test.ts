import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../../test/helpers/events.js';
import { sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { dispatchActions } from '../dispatch-actions.js';
import { chooseVariant, sendKey } from './choose-variant.js';
import { sendTemplate } from './send-template.js';
import { templateOutcomes } from './template-outcomes.js';
import { probabilityToBeBest } from './probability-best.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
let ids: Record<string, string>;
const members: Record<string, string> = {};

const sandbox = (externalId: string, name?: string) => ({ channel: 'sandbox', externalId, ...(name ? { name } : {}) });
const say = (id: string, group: string, who: string, at: string, data: Record<string, unknown> = { text: 'hi' }) =>
  ({ id, type: 'message.sent', occurredAt: at, community: sandbox(group), member: sandbox(who), data });
const system = { kind: 'system' as const, name: 'test' };

const welcome = {
  name: '新人欢迎', contentType: 'text',
  variants: [
    { key: 'A', weight: 50, content: { text: '{{member.name}}，欢迎来到{{community.name}}！' } },
    { key: 'B', weight: 50, content: { text: '欢迎 {{ member.name }} 加入 {{workspace.name}}（{{date}}）' } },
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'tpl-shop', [{ email: 'op@tpl.test', role: 'operator' }, { email: 'analyst@tpl.test', role: 'analyst' }]);
  await makeWorkspace(database, 'tpl-other', [{ email: 'op@other.test', role: 'operator' }]);
  ids = await ingestIntoGroups(database, ws, [
    { id: 'j1', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: sandbox('g1', '宝妈福利群'), member: sandbox('u1', '小王'), data: {} },
    { id: 'j2', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: sandbox('g1'), member: sandbox('u2', '老李'), data: {} },
    { id: 'j3', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: sandbox('g2', '秒杀群'), member: sandbox('u3', '阿May'), data: {} },
    { id: 'w1', type: 'member.joined', occurredAt: '2026-05-01T01:00:00Z', community: { channel: 'webhook', externalId: 'wh', name: 'Webhook 群' }, member: { channel: 'webhook', externalId: 'x' }, data: {} },
  ], ['g1', 'g2', 'wh']);
  await withTenant(database, ws, system, async (ctx) => {
    const found = await ctx.db.execute(sql`select i.external_id, i.member_id from member_identities i where i.workspace_id = ${ctx.workspaceId}`);
    for (const r of (found as unknown as { rows: { external_id: string; member_id: string }[] }).rows) members[r.external_id] = r.member_id;
  });
  op = as(app, await loginAs(app, 'op@tpl.test'));
  analyst = as(app, await loginAs(app, 'analyst@tpl.test'));
  other = as(app, await loginAs(app, 'op@other.test'));
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('templates: create, edit, versions, archive', () => {
  it('creates a template, and rejects unknown variables naming the field and the variable', async () => {
    const bad = await op.post('/api/v1/templates', { ...welcome, name: 'typo', variants: [{ key: 'A', weight: 1, content: { text: 'Hi {{member.nmae}}' } }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('variants[0].content.text: unknown variable {{member.nmae}}');
    expect(bad.json().error.fields[0].path).toBe('variants[0].content.text');

    const link = await op.post('/api/v1/templates', { name: 'card', contentType: 'link', variants: [{ key: 'A', weight: 1, content: { title: 't', text: 'x', url: 'nope' } }] });
    expect(link.statusCode).toBe(400);
    expect(link.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['variants[0].content.text', 'variants[0].content.url']);
    const zero = await op.post('/api/v1/templates', { ...welcome, name: 'zero', variants: [{ key: 'A', weight: 0, content: { text: 'x' } }, { key: 'a', weight: 0, content: { text: 'y' } }] });
    expect(zero.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['variants[1].key', 'variants']);

    expect((await analyst.post('/api/v1/templates', welcome)).statusCode).toBe(403);
    const res = await op.post('/api/v1/templates', welcome);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '新人欢迎', contentType: 'text', status: 'active', variants: [{ key: 'A', weight: 50, version: 1, retired: false }, { key: 'B', version: 1 }] });
    expect((await op.post('/api/v1/templates', { ...welcome, name: '新人欢迎' })).statusCode).toBe(409);
  });

  it('makes a new version only when content changes, keeps old versions, retires and revives variants', async () => {
    const created = (await op.post('/api/v1/templates', { ...welcome, name: 'versions' })).json();
    const url = `/api/v1/templates/${created.id}`;
    const weightOnly = await op.patch(url, { variants: [{ ...welcome.variants[0], weight: 80 }, welcome.variants[1]] });
    expect(weightOnly.json().variants.map((v: { key: string; version: number; weight: number }) => [v.key, v.version, v.weight])).toEqual([['A', 1, 80], ['B', 1, 50]]);

    for (const text of ['第二版 {{member.name}}', '第三版 {{member.name}}']) {
      expect((await op.patch(url, { variants: [{ key: 'A', weight: 80, content: { text } }, welcome.variants[1]] })).statusCode).toBe(200);
    }
    const versions = (await analyst.get(`${url}/variants/A/versions`)).json().items;
    expect(versions.map((v: { version: number; current: boolean; content: { text: string } }) => [v.version, v.current, v.content.text])).toEqual([
      [3, true, '第三版 {{member.name}}'], [2, false, '第二版 {{member.name}}'], [1, false, welcome.variants[0]!.content.text],
    ]);
    expect(versions[0].createdByName).toBe('op');
    expect((await analyst.get(`${url}/variants/A/versions/1`)).json().content.text).toBe(welcome.variants[0]!.content.text);
    expect((await analyst.get(`${url}/variants/A/versions/9`)).statusCode).toBe(404);

    const retired = (await op.patch(url, { variants: [{ key: 'B', weight: 1, content: welcome.variants[1]!.content }] })).json();
    expect(retired.variants.map((v: { key: string; retired: boolean }) => [v.key, v.retired])).toEqual([['B', false], ['A', true]]);
    expect((await analyst.get(`${url}/variants/A/versions`)).json().items).toHaveLength(3);
    const revived = (await op.patch(url, { variants: [{ key: 'A', weight: 5, content: { text: '第三版 {{member.name}}' } }, { key: 'B', weight: 1, content: welcome.variants[1]!.content }] })).json();
    expect(revived.variants.map((v: { key: string; retired: boolean; version: number }) => [v.key, v.retired, v.version])).toEqual([['A', false, 3], ['B', false, 1]]);
  });

  it('deletes an unused template, archives (not deletes) a used one, and hides it from other workspaces', async () => {
    const draft = (await op.post('/api/v1/templates', { ...welcome, name: 'draft' })).json();
    expect((await other.get(`/api/v1/templates/${draft.id}`)).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/templates/${draft.id}`)).statusCode).toBe(404);
    expect((await op.delete(`/api/v1/templates/${draft.id}`)).statusCode).toBe(200);
    expect((await op.get(`/api/v1/templates/${draft.id}`)).statusCode).toBe(404);

    const used = (await op.post('/api/v1/templates', { name: 'used', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: 'hello {{community.name}}' } }] })).json();
    expect((await op.post(`/api/v1/templates/${used.id}/sends`, { communityId: ids.g2 })).statusCode).toBe(201);
    const refused = await op.delete(`/api/v1/templates/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('template: is in use (1 send); archive it instead');
    expect((await op.post(`/api/v1/templates/${used.id}/archive`)).json()).toMatchObject({ status: 'archived' });
    expect((await op.post(`/api/v1/templates/${used.id}/sends`, { communityId: ids.g2 })).json().error.message).toBe('templateId: template is archived');
    expect((await op.patch(`/api/v1/templates/${used.id}`, { name: 'x' })).statusCode).toBe(409);
    const list = (await analyst.get('/api/v1/templates')).json();
    expect(list.items.map((t: { name: string }) => t.name)).not.toContain('used');
    expect((await analyst.get('/api/v1/templates?status=archived')).json().items.map((t: { name: string }) => t.name)).toEqual(['used']);
    expect((await other.get('/api/v1/templates?status=all')).json().total).toBe(0);
    expect((await op.post(`/api/v1/templates/${used.id}/restore`)).json()).toMatchObject({ status: 'active', archivedAt: null });
  });
});

describe('rendering and sending', () => {
  let templateId: string;
  beforeAll(async () => {
    templateId = (await op.post('/api/v1/templates', { ...welcome, name: 'send-me' })).json().id;
  });

  it('previews every variant for a member and the variant a given key would choose', async () => {
    const res = await analyst.post(`/api/v1/templates/${templateId}/render`, { communityId: ids.g1, memberId: members.u1, idempotencyKey: 'k-1' });
    expect(res.statusCode).toBe(200);
    const { chosen, variants } = res.json();
    expect(variants[0]).toMatchObject({ variantKey: 'A', text: '小王，欢迎来到宝妈福利群！', error: null });
    expect(variants[1].text).toMatch(/^欢迎 小王 加入 tpl-shop（\d{4}-\d\d-\d\d）$/);
    const expected = chooseVariant([{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }], sendKey(templateId, members.u1!, 'k-1')).key;
    expect(chosen.variantKey).toBe(expected);
    // A group has no single member: the preview says why instead of sending "Hi ,".
    const group = (await analyst.post(`/api/v1/templates/${templateId}/render`, { communityId: ids.g1 })).json();
    expect(group.variants[0].error).toMatch(/^\{\{member\.name\}\} needs one member/);
    expect((await other.post(`/api/v1/templates/${templateId}/render`, { communityId: ids.g1 })).statusCode).toBe(404);
  });

  it('sends privately through the outbox, the same key giving the same action and variant', async () => {
    const first = await op.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.g1, memberId: members.u2, idempotencyKey: 'welcome:u2' });
    expect(first.statusCode).toBe(201);
    const again = await op.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.g1, memberId: members.u2, idempotencyKey: 'welcome:u2' });
    expect(again.json()).toEqual(first.json());
    const body = first.json();
    expect(body).toMatchObject({ kind: 'send_private', status: 'pending', version: 1 });
    expect(body.variantKey).toBe(chooseVariant([{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }], sendKey(templateId, members.u2!, 'welcome:u2')).key);
    expect(body.text).toContain('老李');
    const action = await withTenant(database, ws, system, (ctx) => ctx.db.execute(sql`select kind, member_id, payload from actions where id = ${body.actionId}`));
    const row = (action as unknown as { rows: { kind: string; member_id: string; payload: Record<string, unknown> }[] }).rows[0]!;
    expect(row).toMatchObject({ kind: 'send_private', member_id: members.u2 });
    expect(row.payload).toMatchObject({ templateId, variantKey: body.variantKey, version: 1, contentType: 'text', automated: false, text: body.text });
  });

  it('refuses a group send of a template that greets one member, and what the platform cannot do', async () => {
    const res = await op.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.g1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('memberId');
    expect(res.json().error.message).toMatch(/^memberId: variant A: \{\{member\.name\}\} needs one member/);
    expect((await op.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.wh, memberId: members.x })).statusCode).toBe(409);
    expect((await analyst.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.g1, memberId: members.u1 })).statusCode).toBe(403);
    await op.patch(`/api/v1/members/${members.u3}`, { optedOut: true });
    expect((await op.post(`/api/v1/templates/${templateId}/sends`, { communityId: ids.g2, memberId: members.u3 })).json().error.message).toBe('memberId: member opted out of being contacted');
  });

  it('lets other modules send by verb, as automated sends that are not audited one by one', async () => {
    const group = (await op.post('/api/v1/templates', { name: 'sop', contentType: 'image', variants: [{ key: 'A', weight: 1, content: { url: 'https://cdn.example.com/p.png', caption: '{{community.name}} 今日福利' } }] })).json();
    const r = await withTenant(database, ws, system, (ctx) => sendTemplate(ctx, { templateId: group.id, communityId: ids.g1!, idempotencyKey: 'sop:1', automated: 'marketing' }));
    expect(r).toMatchObject({ kind: 'send_group', variantKey: 'A', version: 1, text: '宝妈福利群 今日福利\nhttps://cdn.example.com/p.png' });
    expect(r.action.payload).toMatchObject({ automated: true, class: 'marketing', content: { url: 'https://cdn.example.com/p.png', caption: '宝妈福利群 今日福利' } });
    const audits = await withTenant(database, ws, system, (ctx) => ctx.db.execute(sql`select count(*)::int as n from audit_log where action = 'template.sent' and target_id = ${group.id}`));
    expect((audits as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});

describe('outcomes', () => {
  it('counts sends and replies per variant as defined, and ranks the variants', async () => {
    const t = (await op.post('/api/v1/templates', { name: 'ab', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: 'A {{community.name}}' } }, { key: 'B', weight: 1, content: { text: 'B {{date}}' } }] })).json();
    expect((await analyst.get(`/api/v1/templates/${t.id}/outcomes`)).json()).toEqual({
      templateId: t.id, windowHours: 24, metric: 'replies', totalSends: 0,
      variants: ['A', 'B'].map((key) => ({
        key, weight: 1, retired: false, sends: 0, replies: 0, replyRate: null, linkSends: 0, clickedSends: 0, clicks: 0, clickRate: null,
        privateSends: 0, joins: 0, joinRate: null, orderedSends: 0, orders: 0, revenueCents: 0, orderRate: null, probabilityBest: null,
      })),
    });
    // Find keys whose draw lands on each variant, so the test controls which variant each send uses.
    // Idempotency keys are unique per workspace: each call draws from its own prefix so no two sends share one.
    const keysFor = (variant: string, recipient: string, n: number) => {
      const found: string[] = [];
      const prefix = `${variant}-${recipient}-${n}`;
      for (let i = 0; found.length < n; i++) {
        if (chooseVariant([{ key: 'A', weight: 1 }, { key: 'B', weight: 1 }], sendKey(t.id, recipient, `${prefix}-${i}`)).key === variant) found.push(`${prefix}-${i}`);
      }
      return found;
    };
    const [a1, a2, a3] = keysFor('A', ids.g1!, 3);
    const [b1] = keysFor('B', ids.g1!, 1);
    const [bPrivate] = keysFor('B', members.u1!, 1);
    const [aPending] = keysFor('A', ids.g2!, 1);
    // Not automated: the guardrails would hold automated sends during the workspace's quiet hours.
    const send = (key: string, communityId: string, memberId?: string) =>
      withTenant(database, ws, system, (ctx) => sendTemplate(ctx, { templateId: t.id, communityId, memberId, idempotencyKey: key! }));
    const sent = { a1: await send(a1!, ids.g1!), a2: await send(a2!, ids.g1!), a3: await send(a3!, ids.g1!), b1: await send(b1!, ids.g1!), bp: await send(bPrivate!, ids.g1!, members.u1) };
    expect((await dispatchActions(database)).sent).toBeGreaterThanOrEqual(5);
    await send(aPending!, ids.g2!); // still pending: not a send yet
    // Pin sent_at so the 24-hour windows below are hand-checkable.
    const pin = async (actionId: string, at: string) => database.db.execute(sql`update actions set sent_at = ${at}::timestamptz where id = ${actionId}`);
    await pin(sent.a1.action.id, '2026-06-01T00:00:00Z');
    await pin(sent.a2.action.id, '2026-06-03T00:00:00Z');
    await pin(sent.b1.action.id, '2026-06-05T00:00:00Z');
    await pin(sent.bp.action.id, '2026-06-07T00:00:00Z');
    await pin(sent.a3.action.id, '2026-06-09T00:00:00Z');
    await ingestIntoGroups(database, ws, [
      say('r1', 'g1', 'u2', '2026-06-01T23:59:00Z'), // a1: within 24 h -> replied
      say('r2', 'g1', 'u2', '2026-06-04T00:00:01Z'), // a2: 24 h and one second later -> not
      say('r3', 'g2', 'u3', '2026-06-03T05:00:00Z'), // a2: another group -> not
      say('r4', 'g1', 'shequn-bot', '2026-06-05T01:00:00Z', { text: 'echo', actionId: 'x' }), // b1: the platform's own echo -> not
      say('r5', 'g1', 'u2', '2026-06-07T02:00:00Z'), // bp: someone else in the group, not the member -> not
      say('r6', 'g2', 'u1', '2026-06-07T03:00:00Z'), // bp: the member, in any community -> replied
      say('r7', 'g1', 'u1', '2026-06-09T12:00:00Z'), // a3: replied
    ], []);
    const outcomes = (await analyst.get(`/api/v1/templates/${t.id}/outcomes`)).json();
    expect(outcomes.totalSends).toBe(5);
    const [a, b] = outcomes.variants;
    expect(a).toMatchObject({ key: 'A', sends: 3, replies: 2, replyRate: 2 / 3 });
    expect(b).toMatchObject({ key: 'B', sends: 2, replies: 1, replyRate: 0.5 });
    expect([a.probabilityBest, b.probabilityBest]).toEqual(probabilityToBeBest([{ trials: 3, successes: 2 }, { trials: 2, successes: 1 }]));
    expect(a.probabilityBest + b.probabilityBest).toBeCloseTo(1, 10);
    expect(await withTenant(database, ws, system, (ctx) => templateOutcomes(ctx, t.id))).toEqual(outcomes);
    expect((await other.get(`/api/v1/templates/${t.id}/outcomes`)).statusCode).toBe(404);
  });
});

describe('draft preview', () => {
  it('renders unsaved content with what is known, and reports problems as data', async () => {
    const plain = (await op.post('/api/v1/templates/preview', { contentType: 'text', content: { text: '{{member.name}} @ {{workspace.name}}' } })).json();
    expect(plain).toEqual({ content: { text: '{{member.name}} @ tpl-shop' }, text: '{{member.name}} @ tpl-shop', problems: [], unfilled: ['member.name'] });
    const filled = (await op.post('/api/v1/templates/preview', { contentType: 'text', content: { text: '{{member.name}} @ {{community.name}}' }, communityId: ids.g1, memberId: members.u1 })).json();
    expect(filled.text).toBe('小王 @ 宝妈福利群');
    const broken = (await op.post('/api/v1/templates/preview', { contentType: 'text', content: { text: 'Hi {{member.name' } })).json();
    expect(broken.problems).toEqual([{ path: 'content.text', message: 'unclosed {{ at character 4' }]);
  });
});
