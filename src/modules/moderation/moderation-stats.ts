import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';

export interface CommunityStats { communityId: string | null; communityName: string | null; violations: number; reversed: number; members: number; removals: number; byRule: Record<string, number> }

/** Per group over the last `days`: decisions, how many were reversed, members involved, removals, and decisions by rule. Read from the log. */
export async function moderationStats(ctx: TenantCtx, q: { days: number }): Promise<{ days: number; communities: CommunityStats[] }> {
  const communities = await rows<CommunityStats>(ctx.db, sql`
    with recent as (
      select * from moderation_violations
      where workspace_id = ${ctx.workspaceId} and occurred_at > now() - make_interval(days => ${q.days})
    ), by_rule as (
      select community_id, jsonb_object_agg(rule, n) as rules from (select community_id, rule, count(*)::int as n from recent group by 1, 2) x group by 1
    )
    select r.community_id as "communityId", c.name as "communityName", count(*)::int as violations,
      count(*) filter (where r.status = 'reversed')::int as reversed, count(distinct r.member_id)::int as members,
      count(*) filter (where r.step = 'remove' and r.status = 'active')::int as removals, coalesce(b.rules, '{}'::jsonb) as "byRule"
    from recent r left join communities c on c.workspace_id = r.workspace_id and c.id = r.community_id
    left join by_rule b on b.community_id is not distinct from r.community_id
    group by r.community_id, c.name, b.rules order by violations desc, c.name limit 500`);
  return { days: q.days, communities };
}
