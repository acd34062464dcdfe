import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../../core/context.js';
import { dispatchActions } from '../dispatch-actions.js';
import { chooseVariant, sendKey } from './choose-variant.js';
import { sendTemplate } from './send-template.js';
import { probabilityToBeBest } from './probability-best.js';

// Links are tracked on this address; loopback is fine for the sandbox, whose members are on this machine.
process.env.SHEQUN_PUBLIC_URL = 'http://127.0.0.1:3000';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let analyst: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
let groups: Record<string, string>;
const members: Record<string, string> = {};
const system = { kind: 'system' as const, name: 'test' };
const PAGE = 'https://shop.example.cn/p/1?from=sop';
const BROWSER = (who: string) => `Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 MicroMessenger/8.0 ${who}`;

const sandbox = (externalId: string, name?: string) => ({ channel: 'sandbox', externalId, ...(name ? { name } : {}) });
const joined = (id: string, group: string, who: string, at: string) => ({ id, type: 'member.joined', occurredAt: at, community: sandbox(group), member: sandbox(who, who), data: {} });
const paid = (id: string, who: string, at: string, amountCents: number) => ({ id, type: 'order.paid', occurredAt: at, member: sandbox(who), data: { orderId: id, amountCents } });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'attr-shop', [{ email: 'analyst@attr.test', role: 'analyst' }]);
  await makeWorkspace(database, 'attr-other', [{ email: 'op@attr-other.test', role: 'operator' }]);
  groups = await ingestIntoGroups(database, ws, [
    joined('j1', 'g1', 'u1', '2026-05-01T00:00:00Z'), joined('j2', 'g1', 'u2', '2026-05-01T00:00:00Z'), joined('j3', 'g2', 'u3', '2026-05-01T00:00:00Z'),
    // u4 has a sandbox account but is in no group when the sends go out.
    joined('j4', 'g2', 'u4', '2026-05-01T00:00:00Z'),
    { id: 'l4', type: 'member.left', occurredAt: '2026-05-02T00:00:00Z', community: sandbox('g2'), member: sandbox('u4'), data: {} },
  ], ['g1', 'g2']);
  for (const r of await withTenant(database, ws, system, (ctx) => rows<{ externalId: string; memberId: string }>(ctx.db, sql`
    select external_id as "externalId", member_id as "memberId" from member_identities where workspace_id = ${ctx.workspaceId}`))) members[r.externalId] = r.memberId;
  analyst = as(app, await loginAs(app, 'analyst@attr.test'));
  other = as(app, await loginAs(app, 'op@attr-other.test'));
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('tracked links and outcome attribution', () => {
  it('counts clicks, joins and last-touch orders per variant within the window asked for', async () => {
    const t = await withTenant(database, ws, system, async (ctx) => (await import('./create-template.js')).createTemplate(ctx, {
      name: '新品推送', contentType: 'text',
      variants: [{ key: 'A', weight: 1, content: { text: `新品上架 ${PAGE}，快来看！` } }, { key: 'B', weight: 1, content: { text: `{{community.name}} 专享：${PAGE}` } }],
    }));
    // A key whose draw lands on the variant, so the test decides which variant each send uses.
    const keyFor = (variant: string, recipient: string) => {
      for (let i = 0; ; i++) if (chooseVariant([{ key: 'A', weight: 1 }, { key: 'B', weight: 1 }], sendKey(t.id, recipient, `${variant}-${recipient}-${i}`)).key === variant) return `${variant}-${recipient}-${i}`;
    };
    const send = (variant: string, communityId: string, memberId?: string) => withTenant(database, ws, system, (ctx) =>
      sendTemplate(ctx, { templateId: t.id, communityId, memberId, idempotencyKey: keyFor(variant, memberId ?? communityId) }));
    const s = {
      a1: await send('A', groups.g1!), // group g1
      a2: await send('A', groups.g1!, members.u4), // private to u4, not in a group
      b1: await send('B', groups.g2!), // group g2
      b2: await send('B', groups.g1!, members.u1), // private to u1
    };
    // Every send carries its own tracked link instead of the page's address.
    const links = await withTenant(database, ws, system, (ctx) => rows<{ actionId: string; token: string; url: string }>(ctx.db, sql`
      select action_id as "actionId", token, url from tracked_links where workspace_id = ${ctx.workspaceId}`));
    expect(links).toHaveLength(4);
    const tokenOf = (actionId: string) => links.find((l) => l.actionId === actionId)!.token;
    for (const sent of Object.values(s)) {
      expect(links.find((l) => l.actionId === sent.action.id)!.url).toBe(PAGE);
      expect(sent.text).toContain(`http://127.0.0.1:3000/l/${tokenOf(sent.action.id)}`);
      expect(sent.text).not.toContain('shop.example.cn');
    }
    expect((await dispatchActions(database)).sent).toBe(4);

    // Following a link redirects to the page; only a person's GET is a click.
    const follow = (token: string, userAgent: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url: `/l/${token}`, headers: { 'user-agent': userAgent } });
    const opened = await follow(tokenOf(s.a1.action.id), BROWSER('v1'));
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toBe(PAGE);
    await follow(tokenOf(s.a1.action.id), BROWSER('v1')); // the same person again
    await follow(tokenOf(s.a1.action.id), BROWSER('v2'));
    await follow(tokenOf(s.b2.action.id), BROWSER('v3'));
    expect((await follow(tokenOf(s.a1.action.id), 'WhatsApp/2.23.20 A')).statusCode).toBe(302); // a preview fetch: not a click
    expect((await follow(tokenOf(s.a1.action.id), BROWSER('v4'), 'HEAD')).statusCode).toBe(302);
    expect((await follow('NoSuchToken123', BROWSER('v1'))).statusCode).toBe(404);
    const clicks = await withTenant(database, ws, system, (ctx) => rows<{ id: string }>(ctx.db, sql`select id from link_clicks where workspace_id = ${ctx.workspaceId} order by id`));
    expect(clicks).toHaveLength(4);

    // Pin every instant so the windows below are hand-checkable.
    const pin = (actionId: string, at: string) => database.db.execute(sql`update actions set sent_at = ${at}::timestamptz where id = ${actionId}`);
    await pin(s.a1.action.id, '2026-06-01T00:00:00Z');
    await pin(s.b1.action.id, '2026-06-01T12:00:00Z');
    await pin(s.b2.action.id, '2026-06-01T04:00:00Z');
    await pin(s.a2.action.id, '2026-06-02T00:00:00Z');
    const clickAt = ['2026-06-01T01:00:00Z', '2026-06-01T02:00:00Z', '2026-06-02T00:00:01Z', '2026-06-01T05:00:00Z']; // v1, v1, v2 (25 h after a1), v3
    for (const [i, c] of clicks.entries()) await database.db.execute(sql`update link_clicks set clicked_at = ${clickAt[i]!}::timestamptz where id = ${c.id}`);
    await ingestIntoGroups(database, ws, [
      paid('o5', 'u2', '2026-06-01T01:00:00Z', 800), // u2 is in g1: credited to a1
      paid('o2', 'u1', '2026-06-01T05:00:00Z', 3000), // u1 got a1 (g1) and then b2 (private): the latest, b2
      { id: 'r2', type: 'order.refunded', occurredAt: '2026-06-05T00:00:00Z', member: sandbox('u1'), data: { orderId: 'o2', amountCents: 1000 } },
      paid('o3', 'u3', '2026-06-01T13:00:00Z', 1000), // u3 is in g2: b1
      paid('o6', 'u4', '2026-06-01T20:00:00Z', 700), // nobody's: a1 went to g1, and u4 was not in it
      joined('j5', 'g1', 'u4', '2026-06-02T10:00:00Z'), // u4 joins after the private send a2
      paid('o1', 'u4', '2026-06-02T12:00:00Z', 5000), // a2; a1 reached g1 before u4 was in it
      paid('o4', 'u3', '2026-06-03T00:00:00Z', 1200), // 36 h after b1: only in a 48-hour window
    ], []);

    const outcomes = async (query: string) => (await analyst.get(`/api/v1/templates/${t.id}/outcomes${query}`)).json();
    const day = await outcomes('?metric=orders');
    expect(day).toMatchObject({ windowHours: 24, metric: 'orders', totalSends: 4 });
    const [a, b] = day.variants;
    expect(a).toMatchObject({
      key: 'A', sends: 2, linkSends: 2, clickedSends: 1, clicks: 1, clickRate: 0.5, privateSends: 1, joins: 1, joinRate: 1,
      orderedSends: 2, orders: 2, revenueCents: 5800, orderRate: 1,
    });
    expect(b).toMatchObject({
      key: 'B', sends: 2, linkSends: 2, clickedSends: 1, clicks: 1, clickRate: 0.5, privateSends: 1, joins: 0, joinRate: 0,
      orderedSends: 2, orders: 2, revenueCents: 2000 + 1000, orderRate: 1,
    });
    expect([a.probabilityBest, b.probabilityBest]).toEqual(probabilityToBeBest([{ trials: 2, successes: 2 }, { trials: 2, successes: 2 }]));

    const twoDays = await outcomes('?windowHours=48&metric=joins');
    expect(twoDays.variants[0]).toMatchObject({ clicks: 2, clickedSends: 1, orders: 2, revenueCents: 5800 });
    expect(twoDays.variants[1]).toMatchObject({ orders: 3, orderedSends: 2, revenueCents: 4200 });
    expect(twoDays.variants.map((v: { probabilityBest: number }) => v.probabilityBest)).toEqual(probabilityToBeBest([{ trials: 1, successes: 1 }, { trials: 1, successes: 0 }]));

    const bad = await analyst.get(`/api/v1/templates/${t.id}/outcomes?windowHours=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^windowHours/);
    expect((await other.get(`/api/v1/templates/${t.id}/outcomes`)).statusCode).toBe(404);
  });

  it('writes one set of links for a send asked for twice, and none for a send the platform cannot take', async () => {
    const t = await withTenant(database, ws, system, async (ctx) => (await import('./create-template.js')).createTemplate(ctx, {
      name: '卡片', contentType: 'link', variants: [{ key: 'A', weight: 1, content: { title: '领券', url: PAGE, coverUrl: 'https://shop.example.cn/c.png' } }],
    }));
    const again = () => withTenant(database, ws, system, (ctx) => sendTemplate(ctx, { templateId: t.id, communityId: groups.g2!, idempotencyKey: 'card-once' }));
    const first = await again();
    const second = await again();
    expect(second.action.id).toBe(first.action.id);
    const content = first.action.payload.content as { url: string; coverUrl: string };
    expect(content.coverUrl).toBe('https://shop.example.cn/c.png');
    expect(content.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/l\/[A-Za-z0-9_-]{16}$/);
    const n = await withTenant(database, ws, system, (ctx) => one<{ n: number }>(ctx.db, sql`
      select count(*)::int as n from tracked_links where workspace_id = ${ctx.workspaceId} and action_id = ${first.action.id}`));
    expect(n!.n).toBe(1);
  });
});
