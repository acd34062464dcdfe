import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { recordFiring } from './record-firing.js';
import type { RuleRow } from './rule-row.js';
import { inRuleScope, type CommunityTypes } from './scope.js';

/**
 * How far back an evaluation looks for sent invitations. Evaluations run hourly; two days lets the
 * scheduler be down for a day and a half without an invitation going unnoticed, and the firing's key keeps
 * an invitation seen by several evaluations to one firing.
 */
export const INVITE_LOOKBACK_HOURS = 48;

/** "An invitation was sent" rules: a firing per invite action sent in the lookback, dated when it was sent. */
export async function inviteFirings(ctx: TenantCtx, rules: RuleRow[], asOf: Date, types: CommunityTypes): Promise<number> {
  if (!rules.length) return 0;
  const invites = await rows<{ id: string; communityId: string | null; memberId: string | null; sentAt: Date }>(ctx.db, sql`
    select id, community_id as "communityId", member_id as "memberId", sent_at as "sentAt" from actions
    where workspace_id = ${ctx.workspaceId} and kind = 'invite' and status = 'sent'
      and sent_at > ${asOf.toISOString()}::timestamptz - make_interval(hours => ${INVITE_LOOKBACK_HOURS}) and sent_at <= ${asOf.toISOString()}::timestamptz
    order by sent_at, id`);
  let recorded = 0;
  for (const rule of rules) {
    for (const inv of invites) {
      if (!inv.memberId || !inRuleScope(rule.scope, inv.communityId, types)) continue;
      if (await recordFiring(ctx, rule, { memberId: inv.memberId, communityId: inv.communityId, occurrence: `invite:${inv.id}`, occurredAt: inv.sentAt })) recorded++;
    }
  }
  return recorded;
}
