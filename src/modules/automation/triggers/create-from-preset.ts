import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { getCommunity } from '../../community/communities.js';
import { createTemplate } from '../templates/create-template.js';
import { listTemplates } from '../templates/list-templates.js';
import { parseInput } from '../tasks/contracts.js';
import type { Trigger } from './contracts.js';
import { createTrigger } from './create-trigger.js';
import { INVITE_REMINDER_TEMPLATE_NAME, INVITE_REMINDER_TEXT, PRESETS, presetInputSchema, presetRule, type PresetInput, type PresetKey } from './presets.js';

/** The preset's own reminder template: the one made before (by name), else a new one with the default text. */
async function reminderTemplate(ctx: TenantCtx): Promise<string> {
  const found = await listTemplates(ctx, { page: 1, pageSize: 20, status: 'active', q: INVITE_REMINDER_TEMPLATE_NAME });
  const same = found.items.find((t) => t.name === INVITE_REMINDER_TEMPLATE_NAME);
  if (same) return same.id;
  const made = await createTemplate(ctx, {
    name: INVITE_REMINDER_TEMPLATE_NAME, contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text: INVITE_REMINDER_TEXT } }],
  });
  return made.id;
}

/**
 * A rule from one of the five presets (docs/automation.md, "Presets") in one call: only the VIP group of
 * checkin_vip_invite must be given. Validated and audited like any rule (trigger.created, with the preset).
 */
export async function createFromPreset(ctx: TenantCtx, key: string, input: PresetInput = {}): Promise<Trigger> {
  const preset = PRESETS.find((p) => p.key === key);
  if (!preset) throw invalid('preset', `unknown preset; one of ${PRESETS.map((p) => p.key).join(', ')}`);
  const v = parseInput(presetInputSchema, input);
  if (preset.key === 'checkin_vip_invite') {
    if (!v.communityId) throw invalid('communityId', 'choose the vip group to invite into');
    const community = await getCommunity(ctx, v.communityId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') throw new AppError('not_found', 'communityId: community not found', [{ path: 'communityId', message: 'community not found' }]);
      throw err;
    });
    if (community.type !== 'vip') throw invalid('communityId', 'choose a community of type vip');
  }
  const templateId = preset.key === 'invite_reminder' ? v.templateId ?? await reminderTemplate(ctx) : null;
  return createTrigger(ctx, presetRule(preset.key as PresetKey, v, templateId, preset.name), preset.key);
}
