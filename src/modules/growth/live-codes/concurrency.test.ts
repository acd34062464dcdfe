import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupWith, inTenant, memberCount } from '../../../../test/helpers/live-codes.js';
import { rows, sql } from '../../../db/client.js';
import type { WorkspaceRef } from '../../../core/context.js';
import { createLiveCode } from './create-live-code.js';
import { routeScan } from './route-scan.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'live-burst', []);
});
afterAll(async () => { await app.close(); await database.drop(); });

const groupsNamed = (base: string) => inTenant(database, ws, (ctx) => rows<{ id: string; name: string }>(ctx.db, sql`
  select id, name from communities where name like ${base + ' %'} order by name`));

describe('a burst of scans against a full pool', () => {
  it('50 people scanning at once through the public page open exactly one new group, and all 50 land in it', async () => {
    // Full by actual members: its own capacity is 3 and 3 people are in it.
    const full = await groupWith(database, ws, 'burst-full', { members: 3, capacity: 3 });
    expect(await memberCount(database, ws, full)).toBe(3);
    const code = await inTenant(database, ws, (ctx) => createLiveCode(ctx, { name: '爆满测试', baseName: '福利群', capacity: 100, communityIds: [full] }));
    const pages = await Promise.all(Array.from({ length: 50 }, (_, i) => app.inject({
      method: 'GET', url: `/j/${code.slug}?s=burst`, headers: { 'user-agent': `Mozilla/5.0 (iPhone) MicroMessenger/8.0 visitor-${i}` },
    })));
    expect(pages.map((p) => p.statusCode)).toEqual(Array(50).fill(200));
    const opened = await groupsNamed('福利群');
    expect(opened.map((g) => g.name)).toEqual(['福利群 2']);
    for (const p of pages) expect(p.body).toContain('福利群 2');
    const scans = await inTenant(database, ws, (ctx) => rows<{ communityId: string; n: number }>(ctx.db, sql`
      select community_id as "communityId", count(*)::int as n from live_code_scans where live_code_id = ${code.id} group by 1`));
    expect(scans).toEqual([{ communityId: opened[0]!.id, n: 50 }]);
    const pool = await inTenant(database, ws, (ctx) => rows<{ communityId: string; position: number; created: boolean }>(ctx.db, sql`
      select community_id as "communityId", position, created_by_live_code as created from live_code_communities where live_code_id = ${code.id} order by position`));
    expect(pool).toEqual([{ communityId: full, position: 0, created: false }, { communityId: opened[0]!.id, position: 1, created: true }]);
  });

  it('with room for 10 a group, 50 concurrent scans open exactly 5 groups of 10 reservations, numbered without gaps or repeats', async () => {
    const full = await groupWith(database, ws, 'burst-ten', { members: 10 });
    const code = await inTenant(database, ws, (ctx) => createLiveCode(ctx, { name: '十人一群', baseName: '快闪群', capacity: 10, communityIds: [full] }));
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => inTenant(database, ws, (ctx) => routeScan(ctx, {
      liveCodeId: code.id, source: null, visitor: `v${i}`,
    }))));
    expect(outcomes.every((o) => o.kind === 'routed')).toBe(true);
    const opened = await groupsNamed('快闪群');
    expect(opened.map((g) => g.name)).toEqual(['快闪群 2', '快闪群 3', '快闪群 4', '快闪群 5', '快闪群 6']);
    const perGroup = new Map<string, number>();
    for (const o of outcomes) if (o.kind === 'routed') perGroup.set(o.community.id, (perGroup.get(o.community.id) ?? 0) + 1);
    expect([...perGroup.keys()].sort()).toEqual(opened.map((g) => g.id).sort());
    expect([...perGroup.values()]).toEqual([10, 10, 10, 10, 10]);
  });
});
