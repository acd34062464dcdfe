import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Trigger } from './contracts.js';
import { selectTriggers } from './rule-row.js';

/** One rule with its firing counts; another workspace's rule is "not found". */
export async function getTrigger(ctx: TenantCtx, id: string): Promise<Trigger> {
  const row = await one<Trigger>(ctx.db, selectTriggers(ctx, sql`r.id = ${id}`));
  if (!row) throw notFound('trigger');
  return row;
}
