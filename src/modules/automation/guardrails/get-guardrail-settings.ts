import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { DEFAULT_GUARDRAILS, guardrailSettingsSchema, type GuardrailSettings, type GuardrailSettingsView } from './contracts.js';

interface Row {
  quiet_start: string; quiet_end: string; member_marketing_per_day: number | null; group_marketing_per_day: number | null;
  opt_out_keywords: string[]; updated_at: Date; updated_by: string | null;
}

export const guardrailView = (ctx: TenantCtx, settings: GuardrailSettings, updatedAt: Date | null, updatedBy: string | null): GuardrailSettingsView =>
  ({ settings, defaults: DEFAULT_GUARDRAILS, timeZone: ctx.timeZone, updatedAt, updatedBy });

/** The workspace's guardrails, or the defaults when none were saved. */
export async function getGuardrailSettings(ctx: TenantCtx): Promise<GuardrailSettingsView> {
  const row = await one<Row>(ctx.db, sql`
    select quiet_start, quiet_end, member_marketing_per_day, group_marketing_per_day, opt_out_keywords, updated_at, updated_by::text
    from guardrail_settings where workspace_id = ${ctx.workspaceId}`);
  if (!row) return guardrailView(ctx, DEFAULT_GUARDRAILS, null, null);
  const parsed = guardrailSettingsSchema.safeParse({
    quietHours: { start: row.quiet_start, end: row.quiet_end },
    memberMarketingPerDay: row.member_marketing_per_day,
    groupMarketingPerDay: row.group_marketing_per_day,
    optOutKeywords: row.opt_out_keywords,
  });
  // The table's checks make this unreachable today; should a later version tighten the schema, stored
  // values fall back to the defaults rather than stop every automated send.
  if (!parsed.success) return guardrailView(ctx, DEFAULT_GUARDRAILS, null, null);
  return guardrailView(ctx, parsed.data, row.updated_at, row.updated_by);
}
