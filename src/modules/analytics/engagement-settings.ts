import { z } from 'zod';
import { one, sql } from '../../db/client.js';
import { actorUserId, type TenantCtx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { recordAudit } from '../workspace/record-audit.js';

const weight = z.number().min(0).max(1000);

/** What an operator tunes; the score and levels are defined in docs/metrics.md. */
export const engagementSettingsSchema = z.strictObject({
  weights: z.strictObject({
    message: weight.meta({ description: 'per message sent' }),
    replyGiven: weight.meta({ description: 'per reply sent (on top of the message itself)' }),
    replyReceived: weight.meta({ description: 'per reply received from someone else' }),
    mentionReceived: weight.meta({ description: 'per @mention received from someone else' }),
    reaction: weight.meta({ description: 'per reaction given' }),
    checkin: weight.meta({ description: 'per check-in' }),
  }),
  halfLifeDays: z.number().min(0.5).max(365).meta({ description: 'days after which a day of activity counts half' }),
  levels: z.strictObject({
    participating: z.number().min(0).meta({ description: 'lowest score of level 2 (参与)' }),
    active: z.number().min(0).meta({ description: 'lowest score of level 3 (活跃)' }),
    core: z.number().min(0).meta({ description: 'lowest score of level 4 (核心)' }),
  }),
});
export type EngagementSettings = z.infer<typeof engagementSettingsSchema>;

export const DEFAULT_ENGAGEMENT: EngagementSettings = {
  weights: { message: 1, replyGiven: 2, replyReceived: 2, mentionReceived: 1, reaction: 0.5, checkin: 1 },
  halfLifeDays: 14,
  levels: { participating: 1, active: 5, core: 20 },
};

export const LEVELS = [
  { level: 1, key: 'watching', name_zh: '观望', name_en: 'Watching' },
  { level: 2, key: 'participating', name_zh: '参与', name_en: 'Participating' },
  { level: 3, key: 'active', name_zh: '活跃', name_en: 'Active' },
  { level: 4, key: 'core', name_zh: '核心', name_en: 'Core' },
] as const;
export type Level = 1 | 2 | 3 | 4;

export const engagementSettingsViewSchema = z.object({
  settings: engagementSettingsSchema,
  levels: z.array(z.object({ level: z.number().int(), key: z.string(), name_zh: z.string(), name_en: z.string(), min_score: z.number() })),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type EngagementSettingsView = z.infer<typeof engagementSettingsViewSchema>;

/** Level 1..4: one more for each threshold the score reaches. */
export function levelOf(score: number, s: EngagementSettings): Level {
  const { participating, active, core } = s.levels;
  return (1 + [participating, active, core].filter((t) => score >= t).length) as Level;
}

const view = (settings: EngagementSettings, updatedAt: Date | null, updatedBy: string | null): EngagementSettingsView => ({
  settings,
  levels: LEVELS.map((l, i) => ({ ...l, min_score: i === 0 ? 0 : [settings.levels.participating, settings.levels.active, settings.levels.core][i - 1]! })),
  updatedAt, updatedBy,
});

/** The workspace's engagement settings, or the defaults when none were saved. */
export async function getEngagementSettings(ctx: TenantCtx): Promise<EngagementSettingsView> {
  const row = await one<{ engagement: unknown; updated_at: Date; updated_by: string | null }>(ctx.db, sql`
    select settings->'engagement' as engagement, updated_at, updated_by::text from analytics_settings where workspace_id = ${ctx.workspaceId}`);
  // A value saved by another version that no longer validates must not break every analytics page.
  const parsed = engagementSettingsSchema.safeParse(row?.engagement);
  if (!parsed.success) return view(DEFAULT_ENGAGEMENT, null, null);
  return view(parsed.data, row!.updated_at, row!.updated_by);
}

/** Replaces the engagement settings (all fields); audited with the values before and after. */
export async function updateEngagementSettings(ctx: TenantCtx, input: unknown): Promise<EngagementSettingsView> {
  const parsed = engagementSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'settings', issue.message);
  }
  const next = parsed.data;
  const { participating, active, core } = next.levels;
  if (!(participating < active && active < core)) throw invalid('levels', 'thresholds must increase: participating < active < core');
  const before = await getEngagementSettings(ctx);
  const row = await one<{ updated_at: Date; updated_by: string | null }>(ctx.db, sql`
    insert into analytics_settings (workspace_id, settings, updated_at, updated_by)
    values (${ctx.workspaceId}, jsonb_build_object('engagement', ${JSON.stringify(next)}::jsonb), now(), ${actorUserId(ctx.actor)})
    on conflict (workspace_id) do update set
      settings = analytics_settings.settings || excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by
    returning updated_at, updated_by::text`);
  await recordAudit(ctx, 'analytics.engagement_settings_updated', 'workspace', ctx.workspaceId, { before: before.settings, after: next });
  return view(next, row!.updated_at, row!.updated_by);
}
