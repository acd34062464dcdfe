import { rows, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { asOfScope, type AsOfInput } from './as-of-scope.js';
import { scoresIn } from './engagement.js';
import { getEngagementSettings, type Level } from './engagement-settings.js';
import { DEFAULT_PERIOD_DAYS, lifecycleSql, type Stage } from './lifecycle.js';
import { ROLE_NAMES, rolesIn, type RoleName } from './roles.js';
import { inScope, type Scope } from './scope.js';

export type Segment = `lifecycle:${Stage}` | `role:${RoleName}` | `level:${Level}`;

export interface MemberProfile {
  member_id: string;
  name: string;
  /** Every membership of the scope known at asOf, with its lifecycle stage; by community name. */
  communities: { community_id: string; name: string; stage: Stage }[];
  /** Roles, levels and scores describe current members: empty / null once they left every group of the scope. */
  roles: RoleName[];
  score: number | null;
  level: Level | null;
  /** Latest local day up to the as-of day with a message, reaction or check-in in the scope. */
  last_active_day: string | null;
  segments: Segment[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Everything a segment list shows, for every member with a membership of the scope known at asOf, sorted
 * by score (highest first, members who left last), then name and id in binary order so both drivers agree.
 */
export async function memberProfiles(ctx: TenantCtx, input: AsOfInput): Promise<{ scope: Scope; profiles: MemberProfile[] }> {
  const s = await asOfScope(ctx, input);
  const stages = await rows<{ community_id: string; community_name: string; member_id: string; name: string; stage: Stage }>(ctx.db, sql`
    select l.community_id, c.name as community_name, l.member_id, m.display_name as name, l.stage
    from (${lifecycleSql(ctx, s, DEFAULT_PERIOD_DAYS)}) l
    join communities c on c.workspace_id = ${ctx.workspaceId} and c.id = l.community_id
    join members m on m.workspace_id = ${ctx.workspaceId} and m.id = l.member_id`);
  const lastActive = await rows<{ member_id: string; day: string }>(ctx.db, sql`
    select d.member_id, to_char(max(d.day), 'YYYY-MM-DD') as day from member_days d
    where ${inScope(ctx, s, 'd')} and d.day <= ${s.lastDay}::date and (d.messages > 0 or d.reactions > 0 or d.checkins > 0)
    group by d.member_id`);
  const roles = new Map((await rolesIn(ctx, s)).map((r) => [r.member_id, r]));
  const scores = new Map((await scoresIn(ctx, s, (await getEngagementSettings(ctx)).settings)).map((e) => [e.member_id, e]));
  const active = new Map(lastActive.map((r) => [r.member_id, r.day]));

  const byMember = new Map<string, MemberProfile>();
  for (const r of stages) {
    let p = byMember.get(r.member_id);
    if (!p) {
      const role = roles.get(r.member_id);
      const score = scores.get(r.member_id);
      byMember.set(r.member_id, p = {
        member_id: r.member_id, name: r.name, communities: [],
        roles: role ? ROLE_NAMES.filter((n) => role[n]) : [],
        score: score?.score ?? null, level: score?.level ?? null,
        last_active_day: active.get(r.member_id) ?? null, segments: [],
      });
    }
    p.communities.push({ community_id: r.community_id, name: r.community_name, stage: r.stage });
  }
  const profiles = [...byMember.values()];
  for (const p of profiles) {
    p.communities.sort((a, b) => cmp(a.name, b.name) || cmp(a.community_id, b.community_id));
    const stagesOf = [...new Set(p.communities.map((c) => c.stage))];
    p.segments = [
      ...stagesOf.map((st) => `lifecycle:${st}` as const),
      ...p.roles.map((r) => `role:${r}` as const),
      ...(p.level ? [`level:${p.level}` as const] : []),
    ];
  }
  profiles.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || cmp(a.name, b.name) || cmp(a.member_id, b.member_id));
  return { scope: s, profiles };
}
