import type { TenantCtx } from '../../core/context.js';
import type { RuleSetView } from './contracts.js';
import { findRuleSets } from './rule-set-row.js';

/** Every rule set of the workspace: the default first, then per community type, then per group. */
export const listRuleSets = (ctx: TenantCtx): Promise<RuleSetView[]> => findRuleSets(ctx);
