import { one, sql } from '../../../db/client.js';
import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { invalid } from '../../../core/errors.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { guardrailSettingsSchema, type GuardrailSettingsView } from './contracts.js';
import { getGuardrailSettings, guardrailView } from './get-guardrail-settings.js';

/** Replaces the workspace's guardrails (all fields); audited with the values before and after. */
export async function setGuardrailSettings(ctx: TenantCtx, input: unknown): Promise<GuardrailSettingsView> {
  const parsed = guardrailSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'settings', issue.message);
  }
  const next = parsed.data;
  const before = await getGuardrailSettings(ctx);
  const row = await one<{ updated_at: Date; updated_by: string | null }>(ctx.db, sql`
    insert into guardrail_settings (workspace_id, quiet_start, quiet_end, member_marketing_per_day, group_marketing_per_day, opt_out_keywords, updated_at, updated_by)
    values (${ctx.workspaceId}, ${next.quietHours.start}, ${next.quietHours.end}, ${next.memberMarketingPerDay}, ${next.groupMarketingPerDay},
            array(select jsonb_array_elements_text(${JSON.stringify(next.optOutKeywords)}::jsonb)), now(), ${actorUserId(ctx.actor)})
    on conflict (workspace_id) do update set
      quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, member_marketing_per_day = excluded.member_marketing_per_day,
      group_marketing_per_day = excluded.group_marketing_per_day, opt_out_keywords = excluded.opt_out_keywords,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by
    returning updated_at, updated_by::text`);
  await recordAudit(ctx, 'automation.guardrails_updated', 'workspace', ctx.workspaceId, { before: before.settings, after: next });
  return guardrailView(ctx, next, row!.updated_at, row!.updated_by);
}
