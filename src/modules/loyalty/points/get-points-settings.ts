import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { EarnRule, PointsSettings } from './contracts.js';

/** The workspace's expiry period and earn rules; a workspace that set nothing has no rules and no expiry. */
export async function getPointsSettings(ctx: TenantCtx): Promise<PointsSettings> {
  const settings = await one<{ expiryDays: number | null }>(ctx.db, sql`
    select expiry_days as "expiryDays" from points_settings where workspace_id = ${ctx.workspaceId}`);
  const rules = await rows<EarnRule>(ctx.db, sql`
    select activity, points, daily_cap as "dailyCap", enabled from points_earn_rules where workspace_id = ${ctx.workspaceId} order by activity`);
  return { expiryDays: settings?.expiryDays ?? null, rules };
}
