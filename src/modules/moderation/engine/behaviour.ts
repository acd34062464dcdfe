import type { MessageContext, RuleSet } from './types.js';

/**
 * Rules about the member's behaviour rather than the text: flooding, repeats across groups, newcomers posting
 * links. The past comes from `ctx.recent` (newest first, all groups of the workspace), so these are counts
 * over a window, nothing more.
 */

/** Flooding: this message plus the member's earlier ones in the same group within the window exceed the cap. */
export function floodCount(ctx: MessageContext, rule: RuleSet['flooding']): number | null {
  const since = ctx.now.getTime() - rule.perSeconds * 1000;
  let count = 1; // this message
  for (const m of ctx.recent) if (m.communityId === ctx.communityId && m.at.getTime() > since) count++;
  return count > rule.maxMessages ? count : null;
}

/** Repeats: groups (this one included) where the member sent the same fingerprint within the window. */
export function repeatGroups(ctx: MessageContext, rule: RuleSet['repeats'], fingerprint: string): number | null {
  if (!fingerprint) return null;
  const since = ctx.now.getTime() - rule.withinMinutes * 60_000;
  const groups = new Set([ctx.communityId]);
  for (const m of ctx.recent) if (m.fingerprint === fingerprint && m.at.getTime() > since) groups.add(m.communityId);
  return groups.size >= rule.minGroups ? groups.size : null;
}

/** Newcomer: joined less than the window ago (unknown join time: not a newcomer, the rule cannot tell). */
export function isNewcomer(ctx: MessageContext, rule: RuleSet['newcomerLinks']): boolean {
  if (!ctx.joinedAt) return false;
  const age = ctx.now.getTime() - ctx.joinedAt.getTime();
  return age >= 0 && age < rule.withinMinutes * 60_000;
}
