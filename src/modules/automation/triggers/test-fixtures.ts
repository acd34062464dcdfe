// Shared set-up of the trigger tests (not a test file itself).
import type { Database } from '../../../db/client.js';
import { one, rows, sql } from '../../../db/client.js';
import { withTenant, type Actor, type TenantCtx } from '../../../core/context.js';
import { ingestEvents } from '../../tracking/ingest-events.js';
import { makeWorkspace } from '../../../../test/helpers/app.js';
import type { WorkspaceRow } from '../../workspace/create-workspace.js';
import { evaluateAllTriggers, runDueTriggers } from './trigger-jobs.js';

export interface TriggerWorld {
  ws: WorkspaceRow;
  users: { owner: string; op: string; analyst: string };
  as: <T>(who: 'system' | 'op', fn: (ctx: TenantCtx) => Promise<T>) => Promise<T>;
  ingest: (events: unknown[]) => Promise<void>;
  community: (externalId: string) => Promise<string>;
  member: (externalId: string) => Promise<string>;
  /** The trigger jobs of this workspace only, at an explicit instant. */
  evaluate: (asOf: Date) => Promise<{ recorded: number }>;
  run: (asOf: Date) => Promise<{ done: number; skipped: number }>;
  firings: (ruleId: string) => Promise<{ id: string; memberId: string | null; communityId: string | null; status: string; reason: string | null; actionId: string | null; scheduledAt: Date; seq: number; context: Record<string, unknown> }[]>;
  action: (id: string) => Promise<{ kind: string; status: string; idempotencyKey: string; communityId: string | null; memberId: string | null; payload: Record<string, any> }>;
}

const sb = (externalId: string) => ({ channel: 'sandbox', externalId, name: externalId });

/** One sandbox event; `type` of the group sets its community type on first sight. */
export const ev = (id: string, type: string, group: string | null, who: string, at: Date | string, data: Record<string, unknown> = {}, groupType?: string) => ({
  id, type, occurredAt: typeof at === 'string' ? at : at.toISOString(),
  ...(group ? { community: { ...sb(group), ...(groupType ? { type: groupType } : {}) } } : {}),
  member: sb(who), data,
});

export async function makeTriggerWorld(database: Database, slug: string): Promise<TriggerWorld> {
  const ws = await makeWorkspace(database, slug, [
    { email: `owner@${slug}.test`, role: 'owner' }, { email: `op@${slug}.test`, role: 'operator' }, { email: `analyst@${slug}.test`, role: 'analyst' },
  ]);
  const user = async (who: string) => (await one<{ id: string }>(database.db, sql`select id from users where email = ${`${who}@${slug}.test`}`))!.id;
  const users = { owner: await user('owner'), op: await user('op'), analyst: await user('analyst') };
  const actorOf = (who: 'system' | 'op'): Actor => (who === 'op' ? { kind: 'user', userId: users.op, role: 'operator' } : { kind: 'system', name: 'test' });
  const as = <T>(who: 'system' | 'op', fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actorOf(who), fn);
  return {
    ws, users, as,
    ingest: async (events) => { await as('system', (ctx) => ingestEvents(ctx, events)); },
    community: (externalId) => as('system', async (ctx) => (await one<{ id: string }>(ctx.db, sql`select id from communities where external_id = ${externalId}`))!.id),
    member: (externalId) => as('system', async (ctx) => (await one<{ id: string }>(ctx.db, sql`
      select member_id as id from member_identities where channel = 'sandbox' and external_id = ${externalId}`))!.id),
    evaluate: (asOf) => evaluateAllTriggers(database, { asOf, workspaceId: ws.id }),
    run: (asOf) => runDueTriggers(database, { asOf, workspaceId: ws.id }),
    firings: (ruleId) => as('system', (ctx) => rows(ctx.db, sql`
      select id, member_id as "memberId", community_id as "communityId", status, reason, action_id as "actionId", scheduled_at as "scheduledAt", seq, context
      from trigger_firings where rule_id = ${ruleId} order by scheduled_at, created_at, id`)),
    action: (id) => as('system', async (ctx) => (await one(ctx.db, sql`
      select kind, status, idempotency_key as "idempotencyKey", community_id as "communityId", member_id as "memberId", payload
      from actions where id = ${id}`))!),
  };
}

export const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);
export const days = (at: Date, d: number) => hours(at, d * 24);
