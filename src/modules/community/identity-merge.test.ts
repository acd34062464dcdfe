import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { makeWorkspace } from '../../../test/helpers/app.js';
import { withTenant } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';
import type { WorkspaceRow } from '../workspace/create-workspace.js';
import { ingestEvents } from '../tracking/ingest-events.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ws: WorkspaceRow;
const system = { kind: 'system' as const, name: 'test' };
const ingest = (events: unknown[]) => withTenant(database, ws, system, (ctx) => ingestEvents(ctx, events));
const join = (id: string, channel: string, group: string, member: Record<string, string>) => ({
  id, type: 'member.joined', occurredAt: '2026-01-05T08:00:00Z', community: { channel, externalId: group }, member: { channel, ...member },
});
const identities = (where: string) => rows<{ memberId: string; channel: string; externalId: string; unionId: string | null }>(database.db, sql`
  select member_id as "memberId", channel, external_id as "externalId", union_id as "unionId" from member_identities
  where workspace_id = ${ws.id} and member_id in (select member_id from member_identities where workspace_id = ${ws.id} and (union_id = ${where} or external_id = ${where}))
  order by channel, external_id`);

beforeAll(async () => {
  database = await createTestDatabase();
  ws = await makeWorkspace(database, 'identity-merge', []);
});
afterAll(async () => { await database.drop(); });

describe('identity merge by unionid', () => {
  it('attaches a WeCom external id carrying a known unionid to the WeChat member who has it', async () => {
    expect((await ingest([join('wx-1', 'wechat', 'wx-group', { externalId: 'wxid_old', unionId: 'UNION-U', name: '老王' })]))[0]!.status).toBe('stored');
    expect((await ingest([join('wc-1', 'wecom', 'wrGroup', { externalId: 'wmX', unionId: 'UNION-U', name: '顾客老王' })]))[0]!.status).toBe('stored');
    const ids = await identities('UNION-U');
    expect(ids.map((i) => [i.channel, i.externalId, i.unionId])).toEqual([['wechat', 'wxid_old', 'UNION-U'], ['wecom', 'wmX', 'UNION-U']]);
    expect(new Set(ids.map((i) => i.memberId)).size).toBe(1);
    const members = await rows(database.db, sql`select 1 from members where workspace_id = ${ws.id}`);
    expect(members).toHaveLength(1);
    // Both groups' memberships belong to the one person.
    const groups = await rows<{ n: number }>(database.db, sql`select count(distinct community_id)::int as n from memberships where workspace_id = ${ws.id} and member_id = ${ids[0]!.memberId}`);
    expect(groups[0]!.n).toBe(2);
  });

  it('keeps a union id learnt later for a known identity, so the next channel finds the person', async () => {
    await ingest([join('wc-2', 'wecom', 'wrGroup', { externalId: 'wmY' })]);
    await ingest([join('wc-3', 'wecom', 'wrGroup2', { externalId: 'wmY', unionId: 'UNION-Y' })]);
    await ingest([join('wx-2', 'wechat', 'wx-group', { externalId: 'wxid_y', unionId: 'UNION-Y' })]);
    const ids = await identities('UNION-Y');
    expect(ids.map((i) => [i.channel, i.externalId])).toEqual([['wechat', 'wxid_y'], ['wecom', 'wmY']]);
    expect(new Set(ids.map((i) => i.memberId)).size).toBe(1);
  });

  it('still creates separate members for different union ids, and for none', async () => {
    await ingest([join('wc-4', 'wecom', 'wrGroup', { externalId: 'wmP', unionId: 'UNION-P' }), join('wc-5', 'wecom', 'wrGroup', { externalId: 'wmQ' })]);
    const p = await identities('wmP');
    const q = await identities('wmQ');
    expect(p).toHaveLength(1);
    expect(q).toHaveLength(1);
    expect(p[0]!.memberId).not.toBe(q[0]!.memberId);
  });
});
