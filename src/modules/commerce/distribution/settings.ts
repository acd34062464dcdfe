import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { DistributionSettings } from './contracts.js';

/** What a workspace that never saved its settings gets: the column defaults of distribution_settings. */
export const DEFAULT_DISTRIBUTION_SETTINGS: DistributionSettings = {
  tier1Bps: 1000, tier2Bps: 300, bindingRule: 'first_touch', bindingDays: 30, refundWindowDays: 7, minWithdrawalCents: 1000, landingUrl: null,
};

/** The workspace's distribution settings (rates, binding rule, refund window, minimum withdrawal). */
export async function getDistributionSettings(ctx: TenantCtx): Promise<DistributionSettings> {
  const row = await one<DistributionSettings>(ctx.db, sql`
    select tier1_bps as "tier1Bps", tier2_bps as "tier2Bps", binding_rule as "bindingRule", binding_days as "bindingDays",
      refund_window_days as "refundWindowDays", min_withdrawal_cents::float8 as "minWithdrawalCents", landing_url as "landingUrl"
    from distribution_settings where workspace_id = ${ctx.workspaceId}`);
  return row ?? DEFAULT_DISTRIBUTION_SETTINGS;
}

/** The referral link of a code, when the workspace set where links land. */
export function referralLink(landingUrl: string | null, code: string | null): string | null {
  if (!landingUrl || !code) return null;
  return `${landingUrl}${landingUrl.includes('?') ? '&' : '?'}ref=${encodeURIComponent(code)}`;
}
