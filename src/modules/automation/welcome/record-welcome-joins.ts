import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { StoredEvent } from '../../event-listeners.js';
import { SANDBOX_BOT } from '../../../channels/sandbox/outbound.js';
import { LATE_JOIN_GRACE_MINUTES } from './contracts.js';
import { effectiveFlows } from './resolve-flows.js';

/** The platform's own accounts per channel: they join groups to run them, not to be welcomed. */
const OWN_ACCOUNTS = [{ channel: SANDBOX_BOT.channel, externalId: SANDBOX_BOT.externalId }];

/**
 * Event listener (src/modules/event-listeners.ts), in the intake transaction: each newly stored join of a
 * member into a community whose flow is enabled waits for its batched welcome (send-welcome-batch.ts).
 * Left out: our own echoes, the platform's own accounts, owners and admins of the group (staff), and joins
 * that happened before their window plus LATE_JOIN_GRACE_MINUTES, which is what keeps an imported chat
 * history from greeting people who joined months ago. Idempotent per join event.
 */
export async function recordWelcomeJoins(ctx: TenantCtx, events: readonly StoredEvent[]): Promise<void> {
  const joins = events.filter((e) => e.type === 'member.joined' && !e.echo && e.communityId
    && e.data.role !== 'owner' && e.data.role !== 'admin');
  if (!joins.length) return;
  // Most workspaces' intake should not pay for a feature they do not use.
  if (!(await one(ctx.db, sql`select 1 from welcome_flows where workspace_id = ${ctx.workspaceId} and enabled limit 1`))) return;
  const flows = await effectiveFlows(ctx, joins.map((e) => e.communityId!));
  const candidates = joins.flatMap((e) => {
    const flow = flows.get(e.communityId!);
    return flow?.enabled ? [{ eventId: e.id, communityId: e.communityId, memberId: e.memberId, flowId: flow.flowId, joinedAt: e.occurredAt.toISOString(), windowMinutes: flow.windowMinutes }] : [];
  });
  if (!candidates.length) return;
  await ctx.db.execute(sql`
    insert into welcome_joins (workspace_id, event_id, community_id, member_id, flow_id, joined_at, window_closes_at)
    select ${ctx.workspaceId}, x."eventId", x."communityId", x."memberId", x."flowId", x."joinedAt", x."joinedAt" + make_interval(mins => x."windowMinutes")
    from jsonb_to_recordset(${JSON.stringify(candidates)}::jsonb)
      as x("eventId" text, "communityId" uuid, "memberId" uuid, "flowId" uuid, "joinedAt" timestamptz, "windowMinutes" int)
    where x."joinedAt" >= now() - make_interval(mins => x."windowMinutes" + ${LATE_JOIN_GRACE_MINUTES})
      and not exists (select 1 from memberships ms where ms.workspace_id = ${ctx.workspaceId} and ms.community_id = x."communityId"
                        and ms.member_id = x."memberId" and ms.role in ('owner', 'admin'))
      and not exists (select 1 from member_identities i
                        join jsonb_to_recordset(${JSON.stringify(OWN_ACCOUNTS)}::jsonb) as o(channel text, "externalId" text)
                          on o.channel = i.channel and o."externalId" = i.external_id
                      where i.workspace_id = ${ctx.workspaceId} and i.member_id = x."memberId")
    order by x."eventId"
    on conflict (workspace_id, event_id) do nothing`);
}
