import type { Database } from '../../src/db/client.js';
import { one, sql } from '../../src/db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';

export const system = { kind: 'system' as const, name: 'test' };

export const inTenant = <T>(database: Database, ws: WorkspaceRef, fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);

let seq = 0;

/**
 * A sandbox group with `members` people who joined it (and `left` more who joined and left again), and its
 * own capacity set: answers its community id.
 */
export async function groupWith(database: Database, ws: WorkspaceRef, externalId: string, opts: { members: number; left?: number; capacity?: number; channel?: string }): Promise<string> {
  const channel = opts.channel ?? 'sandbox';
  return inTenant(database, ws, async (ctx) => {
    const community = { channel, externalId, name: externalId };
    const events: unknown[] = [{ id: `seed-${externalId}-${++seq}`, type: 'message.sent', occurredAt: '2026-01-01T00:00:00Z', community, member: { channel, externalId: `${externalId}-owner` }, data: { text: 'hi' } }];
    // The owner above has a membership too (seen speaking), so members - 1 more join.
    for (let i = 1; i < opts.members; i++) events.push({ id: `join-${externalId}-${i}-${++seq}`, type: 'member.joined', occurredAt: '2026-01-02T00:00:00Z', community, member: { channel, externalId: `${externalId}-m${i}` } });
    for (let i = 0; i < (opts.left ?? 0); i++) {
      const member = { channel, externalId: `${externalId}-gone${i}` };
      events.push({ id: `join-${externalId}-gone${i}-${++seq}`, type: 'member.joined', occurredAt: '2026-01-02T00:00:00Z', community, member });
      events.push({ id: `left-${externalId}-gone${i}-${++seq}`, type: 'member.left', occurredAt: '2026-01-03T00:00:00Z', community, member });
    }
    const results = await ingestEvents(ctx, events);
    const bad = results.find((r) => r.status === 'error');
    if (bad) throw new Error(`seed event rejected: ${bad.error}`);
    const id = (await one<{ id: string }>(ctx.db, sql`select id from communities where channel = ${channel} and external_id = ${externalId}`))!.id;
    if (opts.capacity) await ctx.db.execute(sql`update communities set capacity = ${opts.capacity} where id = ${id}`);
    return id;
  });
}

export const memberCount = (database: Database, ws: WorkspaceRef, communityId: string) => inTenant(database, ws, async (ctx) =>
  (await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from memberships where community_id = ${communityId} and left_at is null`))!.n);
