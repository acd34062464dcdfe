import type { TenantCtx } from '../../core/context.js';
import { sql } from '../../db/client.js';
import { parseEvent, type NormalisedEvent } from './event-contract.js';
import { resolveCommunities, resolveMembers } from '../community/resolve-refs.js';
import { insertEvents } from './insert-events.js';
import { applyEffects } from './apply-effects.js';
import { notifyEventListeners } from '../event-listeners.js';

export const MAX_BATCH = 1000;
const INTAKE_LOCK = 723003;

export type IngestStatus = 'stored' | 'duplicate' | 'error';
export interface IngestResult { id: string; status: IngestStatus; error?: string }

/**
 * The one intake path for every channel, the HTTP API and the simulator. Invalid items are reported by
 * field and skipped; the valid ones are stored together with their effects on members, memberships and
 * rollups in the caller's transaction, so a failure leaves nothing half-written.
 */
export async function ingestEvents(ctx: TenantCtx, raw: unknown[]): Promise<IngestResult[]> {
  if (raw.length > MAX_BATCH) throw new Error(`at most ${MAX_BATCH} events per batch`);
  const results: IngestResult[] = [];
  const valid: { index: number; event: NormalisedEvent }[] = [];
  const seenInBatch = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = parseEvent(item);
    const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : '';
    if (!parsed.ok) { results.push({ id, status: 'error', error: parsed.error }); return; }
    if (seenInBatch.has(parsed.event.id)) { results.push({ id, status: 'duplicate' }); return; }
    seenInBatch.add(parsed.event.id);
    results.push({ id, status: 'stored' });
    valid.push({ index, event: parsed.event });
  });
  if (!valid.length) return results;

  const events = valid.map((v) => v.event);
  // One batch of a workspace at a time, from here to commit: a reply and the message it answers (or a
  // join and the first message after it) stored by two concurrent batches would each miss the other,
  // and the rollups would stay short forever. Validation above runs outside the lock.
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${INTAKE_LOCK}, hashtext(${ctx.workspaceId}))`);
  const communityIds = await resolveCommunities(ctx, events);
  const memberIds = await resolveMembers(ctx, events);
  const stored = await insertEvents(ctx, events, communityIds, memberIds);
  for (const v of valid) if (!stored.has(v.event.id)) results[v.index] = { id: v.event.id, status: 'duplicate' };
  const fresh = events.filter((e) => stored.has(e.id));
  if (fresh.length) await applyEffects(ctx, fresh, communityIds, memberIds);
  // Other modules react in this same transaction (an opt-out keyword takes effect with the message).
  await notifyEventListeners(ctx, fresh, communityIds, memberIds);
  return results;
}
