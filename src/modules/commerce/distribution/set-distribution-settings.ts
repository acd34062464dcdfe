import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { recordAudit } from '../../workspace/record-audit.js';
import type { DistributionSettings } from './contracts.js';
import { getDistributionSettings } from './settings.js';

/**
 * Replaces the settings. New rates apply to orders paid from now on (commission already posted keeps its
 * rate), a new refund window to commission posted from now on, and a new binding rule to the next touch.
 */
export async function setDistributionSettings(ctx: TenantCtx, input: DistributionSettings): Promise<DistributionSettings> {
  await ctx.db.execute(sql`
    insert into distribution_settings (workspace_id, tier1_bps, tier2_bps, binding_rule, binding_days, refund_window_days, min_withdrawal_cents, landing_url)
    values (${ctx.workspaceId}, ${input.tier1Bps}, ${input.tier2Bps}, ${input.bindingRule}, ${input.bindingDays}, ${input.refundWindowDays},
      ${input.minWithdrawalCents}, ${input.landingUrl})
    on conflict (workspace_id) do update set tier1_bps = excluded.tier1_bps, tier2_bps = excluded.tier2_bps, binding_rule = excluded.binding_rule,
      binding_days = excluded.binding_days, refund_window_days = excluded.refund_window_days,
      min_withdrawal_cents = excluded.min_withdrawal_cents, landing_url = excluded.landing_url, updated_at = now()`);
  await recordAudit(ctx, 'distribution.settings_changed', 'distribution_settings', null, { ...input });
  return getDistributionSettings(ctx);
}
