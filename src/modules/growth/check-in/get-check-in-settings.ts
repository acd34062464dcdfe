import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { getPointsSettings } from '../../loyalty/points/get-points-settings.js';
import { checkInSettingsSchema, DEFAULT_CHECK_IN_SETTINGS, type CheckInSettings, type CheckInSettingsView } from './contracts.js';

interface Row {
  enabled: boolean; keywords: string[]; resetPeriod: string; replyEnabled: boolean; milestones: unknown;
  perMonth: number; maxDaysBack: number; updatedAt: Date; updatedBy: string | null;
}

/** The workspace's check-in settings with when they were saved; the defaults (check-in off) when never saved. */
export async function readCheckInSettings(ctx: TenantCtx): Promise<{ settings: CheckInSettings; updatedAt: Date | null; updatedBy: string | null }> {
  const row = await one<Row>(ctx.db, sql`
    select enabled, keywords, reset_period as "resetPeriod", reply_enabled as "replyEnabled", milestones,
      make_up_per_month as "perMonth", make_up_max_days_back as "maxDaysBack", updated_at as "updatedAt", updated_by::text as "updatedBy"
    from check_in_settings where workspace_id = ${ctx.workspaceId}`);
  if (!row) return { settings: DEFAULT_CHECK_IN_SETTINGS, updatedAt: null, updatedBy: null };
  const parsed = checkInSettingsSchema.safeParse({
    enabled: row.enabled, keywords: row.keywords, resetPeriod: row.resetPeriod, replyEnabled: row.replyEnabled,
    milestones: row.milestones, makeUp: { perMonth: row.perMonth, maxDaysBack: row.maxDaysBack },
  });
  // Stored rows passed this schema when saved; should a later version tighten it, check-in switches off
  // rather than running on values nobody can see in the console.
  if (!parsed.success) return { settings: { ...DEFAULT_CHECK_IN_SETTINGS, enabled: false }, updatedAt: null, updatedBy: null };
  return { settings: parsed.data, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** The settings as the console shows them, with the loyalty rule that decides the points per check-in. */
export async function getCheckInSettings(ctx: TenantCtx): Promise<CheckInSettingsView> {
  const { settings, updatedAt, updatedBy } = await readCheckInSettings(ctx);
  const rule = (await getPointsSettings(ctx)).rules.find((r) => r.activity === 'check_in');
  return {
    settings, defaults: DEFAULT_CHECK_IN_SETTINGS, timeZone: ctx.timeZone, updatedAt, updatedBy,
    pointsRule: rule ? { points: rule.points, dailyCap: rule.dailyCap, enabled: rule.enabled } : null,
  };
}
