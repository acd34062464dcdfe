import type { TenantCtx } from '../../core/context.js';
import { resolveScope } from './resolve-scope.js';
import type { Scope } from './scope.js';

/** What segments, lifecycle, roles and scores are computed over: one community or all, at one instant. */
export interface AsOfInput { communityId?: string; asOf?: Date }

/**
 * The scope of a point-in-time report: `to` is the as-of instant (default now, not the last event: a group
 * that went quiet must look quiet), and `lastDay` is the as-of day, the local day of the last instant
 * before it. A community of another workspace is "not found", as for the health report.
 */
export function asOfScope(ctx: TenantCtx, input: AsOfInput): Promise<Scope> {
  return resolveScope(ctx, { communityIds: input.communityId ? [input.communityId] : undefined, to: input.asOf ?? new Date() });
}
