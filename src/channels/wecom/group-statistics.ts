import type { TenantCtx } from '../../core/context.js';
import { rows, sql } from '../../db/client.js';

export interface GroupStatsDay {
  day: string; owners: number;
  newChatCnt: number; chatTotal: number; chatHasMsgCnt: number; newMemberCnt: number;
  memberTotal: number; memberHasMsgCnt: number; msgTotal: number; migrateTraineeChatCnt: number;
}

/**
 * The corp's group statistics summed over owners, one entry per pulled day of the last `days` (China days,
 * as WeCom counts them). A day not pulled yet is absent rather than shown as zeros.
 */
export async function groupStatistics(ctx: TenantCtx, corpRowId: string, days: number): Promise<{ days: GroupStatsDay[] }> {
  const found = await rows<GroupStatsDay>(ctx.db, sql`
    select to_char(d.day, 'YYYY-MM-DD') as day, d.owners,
      coalesce(sum(s.new_chat_cnt), 0)::int as "newChatCnt", coalesce(sum(s.chat_total), 0)::int as "chatTotal",
      coalesce(sum(s.chat_has_msg_cnt), 0)::int as "chatHasMsgCnt", coalesce(sum(s.new_member_cnt), 0)::int as "newMemberCnt",
      coalesce(sum(s.member_total), 0)::int as "memberTotal", coalesce(sum(s.member_has_msg_cnt), 0)::int as "memberHasMsgCnt",
      coalesce(sum(s.msg_total), 0)::int as "msgTotal", coalesce(sum(s.migrate_trainee_chat_cnt), 0)::int as "migrateTraineeChatCnt"
    from wecom_group_stat_days d
    left join wecom_group_stats s on s.workspace_id = d.workspace_id and s.corp_row_id = d.corp_row_id and s.day = d.day
    where d.workspace_id = ${ctx.workspaceId} and d.corp_row_id = ${corpRowId}
      and d.day > (now() at time zone 'Asia/Shanghai')::date - ${days}::int - 1
    group by d.day, d.owners order by d.day`);
  return { days: found };
}
