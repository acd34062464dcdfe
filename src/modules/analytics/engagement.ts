import { rows, sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { asOfScope, type AsOfInput } from './as-of-scope.js';
import { getEngagementSettings, levelOf, type EngagementSettings, type Level } from './engagement-settings.js';
import { membershipsAt } from './memberships-at.js';
import { inScope, type Scope } from './scope.js';

export interface MemberEngagement { member_id: string; score: number; level: Level }

const w = (x: number) => sql`${x}::float8`;

/**
 * Per member, summed over the scope's communities and every day d up to the as-of day D:
 * (weighted activity of d) × 0.5^((D − d) / half-life). Read from member_days only.
 */
function scoreSql(ctx: TenantCtx, s: Scope, e: EngagementSettings): SQL {
  const k = e.weights;
  return sql`
    select d.member_id,
           sum((d.messages * ${w(k.message)} + d.replies_given * ${w(k.replyGiven)} + d.replies_received * ${w(k.replyReceived)}
                + d.mentions_received * ${w(k.mentionReceived)} + d.reactions * ${w(k.reaction)} + d.checkins * ${w(k.checkin)})
               * power(0.5::float8, (${s.lastDay}::date - d.day)::float8 / ${w(e.halfLifeDays)}))::float8 as score
    from member_days d where ${inScope(ctx, s, 'd')} and d.day <= ${s.lastDay}::date
    group by d.member_id`;
}

/** Scores of the members present at the scope's `to` in some community of the scope; 0 without activity. */
export async function scoresIn(ctx: TenantCtx, s: Scope, e: EngagementSettings): Promise<MemberEngagement[]> {
  const found = await rows<{ member_id: string; score: number }>(ctx.db, sql`
    with present as (select distinct member_id from (${membershipsAt(ctx, s)}) ms where ms.present),
    sc as (${scoreSql(ctx, s, e)})
    select p.member_id, coalesce(sc.score, 0)::float8 as score
    from present p left join sc on sc.member_id = p.member_id order by p.member_id`);
  return found.map((r) => ({ member_id: r.member_id, score: r.score, level: levelOf(r.score, e) }));
}

/**
 * The engagement score and level (1 观望 Watching, 2 参与 Participating, 3 活跃 Active, 4 核心 Core) of every
 * member present at asOf, with the workspace's settings (getEngagementSettings).
 */
export async function engagementScores(ctx: TenantCtx, input: AsOfInput): Promise<MemberEngagement[]> {
  const s = await asOfScope(ctx, input);
  return scoresIn(ctx, s, (await getEngagementSettings(ctx)).settings);
}
