import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { ingestIntoGroups } from '../../../../test/helpers/events.js';
import { one, rows, sql } from '../../../db/client.js';
import { parseTemplate } from '../../automation/templates/variables.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let op: ReturnType<typeof as>;
let group: string;
const m: Record<string, string> = {};
const claimsOf = (couponId: string) => rows<{ memberId: string; code: string; source: string; key: string }>(database.db, sql`
  select member_id as "memberId", code, source, idempotency_key as key from coupon_claims where coupon_id = ${couponId} order by created_at`);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  const ws = await makeWorkspace(database, 'coupon-messages', [{ email: 'op@cm.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@cm.test'));
  const at = new Date(Date.now() - 3_600_000).toISOString();
  // A group Shequn can write to (sandbox), with two members.
  ({ sg: group } = await ingestIntoGroups(database, ws, ['eve', 'fay'].map((n) => ({
    id: `j-${n}`, type: 'member.joined', occurredAt: at, community: { channel: 'sandbox', externalId: 'sg', name: '福利群' },
    member: { channel: 'sandbox', externalId: n, name: n }, data: {},
  })), ['sg']) as { sg: string });
  for (const n of ['eve', 'fay']) m[n] = (await one<{ id: string }>(database.db, sql`select id from members where display_name = ${n}`))!.id;
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('{{coupon.<id>}} in a message', () => {
  it('parses as a variable; a malformed id is an invalid variable', () => {
    const id = '0f5c2a6e-3b1d-4c8e-9a7f-2d4b6c8e0a1b';
    expect(parseTemplate(`送你 {{ coupon.${id} }}`)).toEqual({ segments: [{ kind: 'text', text: '送你 ' }, { kind: 'variable', name: `coupon.${id}` }], problems: [] });
    expect(parseTemplate('{{coupon.123}}').problems).toEqual(['invalid variable {{coupon.123}} at character 1']);
  });

  it('a private send claims the coupon for the recipient and shows its code; a replay claims nothing more', async () => {
    const coupon = (await op.post('/api/v1/coupons', { name: '新人 5 元券', kind: 'no_threshold', amountOffCents: 500, validDays: 7, totalLimit: 1, perMemberLimit: 1 })).json();
    const tpl = (await op.post('/api/v1/templates', {
      name: '欢迎送券', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: `欢迎 {{member.name}}！送你 {{coupon.${coupon.id}}}` } }],
    }));
    expect(tpl.statusCode, tpl.body).toBe(201);
    const templateId = tpl.json().id;
    // The preview names the coupon with the code hidden, and claims nothing.
    const preview = (await op.post(`/api/v1/templates/${templateId}/render`, { communityId: group, memberId: m.eve })).json();
    expect(preview.variants[0].text).toBe('欢迎 eve！送你 新人 5 元券（••••••••••）');
    expect(await claimsOf(coupon.id)).toEqual([]);

    const send = (memberId: string | undefined, key: string) => op.post(`/api/v1/templates/${templateId}/sends`, { communityId: group, memberId, idempotencyKey: key });
    const first = await send(m.eve, 'welcome:eve');
    expect(first.statusCode, first.body).toBe(201);
    const claims = await claimsOf(coupon.id);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ memberId: m.eve, source: 'message' });
    expect(first.json().text).toBe(`欢迎 eve！送你 新人 5 元券（${claims[0]!.code}）`);
    const again = await send(m.eve, 'welcome:eve');
    expect([again.statusCode, again.json().actionId, again.json().text]).toEqual([201, first.json().actionId, first.json().text]);
    expect(await claimsOf(coupon.id)).toHaveLength(1);

    // All claimed: the next member's welcome is refused with the reason, and leaves no claim behind.
    const late = await send(m.fay, 'welcome:fay');
    expect([late.statusCode, late.json().error.fields?.[0]?.path]).toEqual([409, 'couponId']);
    expect(await claimsOf(coupon.id)).toHaveLength(1);
    expect(await rows(database.db, sql`select 1 from actions where member_id = ${m.fay}`)).toEqual([]);
    expect((await op.get(`/api/v1/coupons/${coupon.id}`)).json()).toMatchObject({ claimed: 1, left: 0 });
  });

  it('a coupon variable is refused in a staff task a trigger would create', async () => {
    const id = '0f5c2a6e-3b1d-4c8e-9a7f-2d4b6c8e0a1b';
    const res = await op.post('/api/v1/triggers', {
      name: '潜水送券', when: { kind: 'segment', segment: 'role:lurker' }, do: { kind: 'staff_task', taskKind: 'private_chat', title: `送 {{coupon.${id}}}` },
    });
    expect([res.statusCode, res.json().error.fields?.[0]?.path]).toEqual([400, 'do.title']);
    expect(res.json().error.message).toContain('{{coupon.…}} belongs in a private send');
  });

  it('a coupon variable is refused in a group send', async () => {
    const coupon = (await op.post('/api/v1/coupons', { name: '群券', kind: 'no_threshold', amountOffCents: 100, validDays: 7, totalLimit: null, perMemberLimit: null })).json();
    const tpl = (await op.post('/api/v1/templates', { name: '群发券', contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: `{{coupon.${coupon.id}}}` } }] })).json();
    const res = await op.post(`/api/v1/templates/${tpl.id}/sends`, { communityId: group, idempotencyKey: 'group-coupon' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('{{coupon.…}}');
    expect(await claimsOf(coupon.id)).toEqual([]);
  });
});
