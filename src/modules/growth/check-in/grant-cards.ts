import { actorUserId, type TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { one, sql } from '../../../db/client.js';
import { parseInput } from '../../automation/tasks/contracts.js';
import { recordAudit } from '../../workspace/record-audit.js';
import { grantCardsSchema, type GrantCardsInput } from './contracts.js';
import { addCardEntry, cardBalance } from './member-check-ins.js';

/**
 * An operator gives a member make-up cards. The idempotency key makes a retried request give them once;
 * granting needs no check-in lock, because adding cards cannot break a rule a make-up checks.
 */
export async function grantCards(ctx: TenantCtx, memberId: string, input: GrantCardsInput): Promise<{ id: string; created: boolean; balance: number }> {
  const v = parseInput(grantCardsSchema, input);
  if (!(await one(ctx.db, sql`select 1 from members where workspace_id = ${ctx.workspaceId} and id = ${memberId}`))) throw notFound('member');
  const entry = await addCardEntry(ctx, {
    memberId, delta: v.count, reason: 'operator', idempotencyKey: `operator:${memberId}:${v.idempotencyKey}`, note: v.note ?? null, createdBy: actorUserId(ctx.actor),
  });
  if (entry.created) await recordAudit(ctx, 'check_in.cards_granted', 'member', memberId, { count: v.count, note: v.note ?? null });
  return { ...entry, balance: await cardBalance(ctx, memberId) };
}
