import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { PointsSettings } from './contracts.js';
import { getPointsSettings } from './get-points-settings.js';

/**
 * Replaces the expiry period and the earn rules. A new period applies to points earned from now on: lots
 * already open keep the expiry they were promised.
 */
export async function setPointsSettings(ctx: TenantCtx, input: PointsSettings): Promise<PointsSettings> {
  await ctx.db.execute(sql`
    insert into points_settings (workspace_id, expiry_days) values (${ctx.workspaceId}, ${input.expiryDays})
    on conflict (workspace_id) do update set expiry_days = excluded.expiry_days, updated_at = now()`);
  await ctx.db.execute(sql`delete from points_earn_rules where workspace_id = ${ctx.workspaceId}`);
  if (input.rules.length) {
    await ctx.db.execute(sql`
      insert into points_earn_rules (workspace_id, activity, points, daily_cap, enabled)
      select ${ctx.workspaceId}, r.activity, r.points, r."dailyCap", r.enabled
      from jsonb_to_recordset(${JSON.stringify(input.rules)}::jsonb) as r(activity text, points int, "dailyCap" int, enabled boolean)`);
  }
  return getPointsSettings(ctx);
}
