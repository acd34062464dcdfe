import { sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { checkInSettingsSchema, type CheckInSettingsView } from './contracts.js';
import { getCheckInSettings, readCheckInSettings } from './get-check-in-settings.js';

/**
 * Replaces the workspace's check-in settings (all fields); audited with the values before and after.
 * Streaks are read from the check-ins whenever they are shown, so a new reset period applies to every
 * member at once; milestones already awarded stay awarded.
 */
export async function setCheckInSettings(ctx: TenantCtx, input: unknown): Promise<CheckInSettingsView> {
  const parsed = parseInput(checkInSettingsSchema, input);
  const next = { ...parsed, milestones: [...parsed.milestones].sort((a, b) => a.days - b.days) };
  const before = await readCheckInSettings(ctx);
  await ctx.db.execute(sql`
    insert into check_in_settings (workspace_id, enabled, keywords, reset_period, reply_enabled, milestones, make_up_per_month, make_up_max_days_back, updated_at, updated_by)
    values (${ctx.workspaceId}, ${next.enabled}, array(select jsonb_array_elements_text(${JSON.stringify(next.keywords)}::jsonb)), ${next.resetPeriod},
            ${next.replyEnabled}, ${JSON.stringify(next.milestones)}::jsonb, ${next.makeUp.perMonth}, ${next.makeUp.maxDaysBack}, now(), ${actorUserId(ctx.actor)})
    on conflict (workspace_id) do update set
      enabled = excluded.enabled, keywords = excluded.keywords, reset_period = excluded.reset_period, reply_enabled = excluded.reply_enabled,
      milestones = excluded.milestones, make_up_per_month = excluded.make_up_per_month, make_up_max_days_back = excluded.make_up_max_days_back,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  await recordAudit(ctx, 'check_in.settings_updated', 'workspace', ctx.workspaceId, { before: before.settings, after: next });
  return getCheckInSettings(ctx);
}
