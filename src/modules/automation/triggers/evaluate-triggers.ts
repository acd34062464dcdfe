import type { TenantCtx } from '../../../core/context.js';
import { memberProfiles } from '../../analytics/member-profiles.js';
import { inviteFirings } from './invite-firings.js';
import { enabledRules } from './rule-row.js';
import { communityTypes } from './scope.js';
import { segmentFirings } from './segment-firings.js';
import { spikeFirings } from './spike-firings.js';

/**
 * The periodic evaluation of one workspace's rules that no single event fires: sent invitations, segment
 * entries and leave spikes, as of `asOf`. It only records firings (the run tick acts on them), so a rerun
 * after a crash records nothing twice. The analytics run once per workspace, whatever the number of rules.
 */
export async function evaluateTriggers(ctx: TenantCtx, input: { asOf?: Date } = {}): Promise<{ recorded: number }> {
  const asOf = input.asOf ?? new Date();
  const rules = await enabledRules(ctx, ['invite_sent', 'segment', 'signal']);
  if (!rules.length) return { recorded: 0 };
  const of = (kind: string) => rules.filter((r) => r.whenKind === kind);
  const types = await communityTypes(ctx);
  let recorded = await inviteFirings(ctx, of('invite_sent'), asOf, types);
  const segmentRules = of('segment');
  if (segmentRules.length) {
    const { scope, profiles } = await memberProfiles(ctx, { asOf });
    recorded += await segmentFirings(ctx, segmentRules, asOf, profiles, scope.lastDay, types);
  }
  recorded += await spikeFirings(ctx, of('signal'), asOf, types);
  return { recorded };
}
