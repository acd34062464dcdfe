import type { Database } from '../../src/db/client.js';
import { one, sql } from '../../src/db/client.js';
import { withTenant, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';

/** A webhook member whose name is its id: hand-computed expectations read as the ids. */
export const webhookMember = (id: string) => ({ channel: 'webhook', externalId: id, name: id });

/** One event of `type` by `who` in webhook group `group`. */
export const groupEvent = (id: string, type: string, group: string, who: string, at: string, data: Record<string, unknown> = {}) =>
  ({ id, type, occurredAt: at, community: { channel: 'webhook', externalId: group }, member: webhookMember(who), data });

/** Ingests the events and answers the community id of each named group, for building URLs. */
export async function ingestIntoGroups(database: Database, ws: WorkspaceRef, events: unknown[], groups: string[]): Promise<Record<string, string>> {
  return withTenant(database, ws, { kind: 'system', name: 'test' }, async (ctx) => {
    await ingestEvents(ctx, events);
    const ids: Record<string, string> = {};
    for (const g of groups) ids[g] = (await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = ${g}`))!.id;
    return ids;
  });
}

/** A fixed shuffle (linear congruential), so a test that varies input order is itself repeatable. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
