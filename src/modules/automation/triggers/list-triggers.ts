import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { paginate, type Page } from '../../../core/pagination.js';
import { parseInput } from '../tasks/contracts.js';
import { listTriggersSchema, type Trigger } from './contracts.js';
import { selectTriggers } from './rule-row.js';

/** The workspace's rules, most recently changed first. */
export function listTriggers(ctx: TenantCtx, input: { page?: number; pageSize?: number; enabled?: 'true' | 'false' } = {}): Promise<Page<Trigger>> {
  const q = parseInput(listTriggersSchema, input);
  const where = q.enabled ? sql`r.enabled = ${q.enabled === 'true'}` : sql`true`;
  return paginate<Trigger>(ctx.db, q, selectTriggers(ctx, where), sql`"updatedAt" desc, name, id`);
}
