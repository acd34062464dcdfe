import { one, sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { parseInput } from '../automation/tasks/contracts.js';
import { recordAudit } from '../workspace/record-audit.js';
import { DEFAULT_MODERATION_SETTINGS, moderationSettingsSchema, type LadderStep, type ModerationSettings } from './contracts.js';

export interface StoredModerationSettings extends ModerationSettings { wordsVersion: number }

/** The workspace's ladder and strike window; the defaults until an operator saves their own. */
export async function getModerationSettings(ctx: TenantCtx): Promise<StoredModerationSettings> {
  const row = await one<{ ladder: LadderStep[]; strikeWindowDays: number; wordsVersion: number }>(ctx.db, sql`
    select ladder, strike_window_days as "strikeWindowDays", words_version as "wordsVersion"
    from moderation_settings where workspace_id = ${ctx.workspaceId}`);
  return row ?? { ...DEFAULT_MODERATION_SETTINGS, wordsVersion: 0 };
}

/** Replaces the ladder and window. Decisions already taken keep their step; the next one counts with the new ladder. */
export async function setModerationSettings(ctx: TenantCtx, input: unknown): Promise<StoredModerationSettings> {
  const next = parseInput(moderationSettingsSchema, input);
  const before = await getModerationSettings(ctx);
  await ctx.db.execute(sql`
    insert into moderation_settings (workspace_id, ladder, strike_window_days, updated_by)
    values (${ctx.workspaceId}, array(select jsonb_array_elements_text(${JSON.stringify(next.ladder)}::jsonb)), ${next.strikeWindowDays}, ${actorUserId(ctx.actor)})
    on conflict (workspace_id) do update set ladder = excluded.ladder, strike_window_days = excluded.strike_window_days,
      updated_at = now(), updated_by = excluded.updated_by`);
  await recordAudit(ctx, 'moderation.settings_updated', 'workspace', ctx.workspaceId, { before: { ladder: before.ladder, strikeWindowDays: before.strikeWindowDays }, after: next });
  return getModerationSettings(ctx);
}

/** Marks the word lists changed, so every cached compiled rule set is rebuilt on its next use. */
export async function bumpWordsVersion(ctx: TenantCtx): Promise<void> {
  await ctx.db.execute(sql`
    insert into moderation_settings (workspace_id, words_version) values (${ctx.workspaceId}, 1)
    on conflict (workspace_id) do update set words_version = moderation_settings.words_version + 1`);
}
