import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { MemberProfile } from '../../analytics/member-profiles.js';
import { recordFiring } from './record-firing.js';
import type { RuleRow } from './rule-row.js';
import { inRuleScope, type CommunityTypes } from './scope.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The present memberships' join times, for rules that ask how long a member has been in the group. */
async function joinTimes(ctx: TenantCtx): Promise<Map<string, Date | null>> {
  const found = await rows<{ communityId: string; memberId: string; joinedAt: Date | null }>(ctx.db, sql`
    select community_id as "communityId", member_id as "memberId", joined_at as "joinedAt"
    from memberships where workspace_id = ${ctx.workspaceId} and left_at is null`);
  return new Map(found.map((m) => [`${m.communityId}|${m.memberId}`, m.joinedAt]));
}

/**
 * The group a member is in the rule's segment through, or null when they are not in it for this rule:
 * a present membership in the rule's scope (for a lifecycle segment, one at that stage), in the group long
 * enough when the rule asks (a membership seen only through messages, with no join, counts as long
 * enough), and silent for the asked days (no message, reaction or check-in since last_active_day).
 */
function groupFor(rule: RuleRow, p: MemberProfile, ctx: { asOf: Date; asOfDay: string; types: CommunityTypes; joins: Map<string, Date | null> }): string | null {
  if (rule.when.kind !== 'segment') return null;
  const { segment, silentDays, minTenureDays } = rule.when;
  if (!p.segments.includes(segment)) return null;
  if (silentDays && p.last_active_day && daysBetween(p.last_active_day, ctx.asOfDay) < silentDays) return null;
  const stage = segment.startsWith('lifecycle:') ? segment.slice('lifecycle:'.length) : null;
  const joinedBy = minTenureDays ? ctx.asOf.getTime() - minTenureDays * DAY_MS : null;
  const found = p.communities.find((c) => {
    if (stage ? c.stage !== stage : c.stage === 'left') return false;
    if (!inRuleScope(rule.scope, c.community_id, ctx.types)) return false;
    if (joinedBy === null) return true;
    const joined = ctx.joins.get(`${c.community_id}|${p.member_id}`);
    return joined !== undefined && (joined === null || joined.getTime() <= joinedBy);
  });
  return found?.community_id ?? null;
}

/**
 * Segment rules: who is in each rule's segment now, against who the rule saw there at its last evaluation
 * (trigger_segment_states). A member who entered gets a firing (occurrence entry:<asOf>) and is
 * remembered; one who left is forgotten, so entering again later fires again (the cap still applies).
 * The profiles come from one memberProfiles call for the whole workspace, shared by every segment rule.
 */
export async function segmentFirings(ctx: TenantCtx, rules: RuleRow[], asOf: Date, profiles: MemberProfile[], asOfDay: string, types: CommunityTypes): Promise<number> {
  if (!rules.length) return 0;
  const joins = rules.some((r) => r.when.kind === 'segment' && r.when.minTenureDays) ? await joinTimes(ctx) : new Map<string, Date | null>();
  let recorded = 0;
  for (const rule of rules) {
    const now = new Map<string, string>();
    for (const p of profiles) {
      const group = groupFor(rule, p, { asOf, asOfDay, types, joins });
      if (group) now.set(p.member_id, group);
    }
    const before = new Set((await rows<{ memberId: string }>(ctx.db, sql`
      select member_id as "memberId" from trigger_segment_states where workspace_id = ${ctx.workspaceId} and rule_id = ${rule.id}`)).map((r) => r.memberId));
    const gone = [...before].filter((m) => !now.has(m));
    if (gone.length) {
      await ctx.db.execute(sql`
        delete from trigger_segment_states where workspace_id = ${ctx.workspaceId} and rule_id = ${rule.id}
          and member_id in (select (jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))::uuid)`);
    }
    const entered = [...now].filter(([m]) => !before.has(m));
    if (!entered.length) continue;
    await ctx.db.execute(sql`
      insert into trigger_segment_states (workspace_id, rule_id, member_id, entered_at)
      select ${ctx.workspaceId}, ${rule.id}, m::uuid, ${asOf.toISOString()}::timestamptz
      from jsonb_array_elements_text(${JSON.stringify(entered.map(([m]) => m))}::jsonb) m
      on conflict do nothing`);
    for (const [memberId, communityId] of entered) {
      if (await recordFiring(ctx, rule, { memberId, communityId, occurrence: `entry:${asOf.toISOString()}`, occurredAt: asOf })) recorded++;
    }
  }
  return recorded;
}
