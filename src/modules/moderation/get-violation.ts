import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { Violation } from './contracts.js';
import { VIOLATION_COLUMNS, violationsFrom } from './list-violations.js';

export async function getViolation(ctx: TenantCtx, id: string): Promise<Violation> {
  const row = await one<Violation>(ctx.db, sql`select ${VIOLATION_COLUMNS} ${violationsFrom(ctx)} and v.id = ${id}`);
  if (!row) throw notFound('violation');
  return row;
}
