import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { enqueueAction } from '../../automation/enqueue-action.js';
import { automated } from '../../automation/guardrails/contracts.js';

/**
 * Queues a private message to the inviter through the outbox, on the channel of the campaign's live code
 * (where the inviter shares it). It is a service message, the progress of a task the member took on, so
 * opt-out and quiet hours apply but not the daily marketing cap. The key makes a re-run send it once.
 * What the outbox refuses up front (a read-only channel) answers null instead of undoing the qualification.
 */
export async function notifyInviter(ctx: TenantCtx, input: { campaignId: string; memberId: string; key: string; text: string }): Promise<string | null> {
  const code = await one<{ channel: string }>(ctx.db, sql`
    select l.channel from fission_campaigns c join live_codes l on l.workspace_id = c.workspace_id and l.id = c.live_code_id
    where c.workspace_id = ${ctx.workspaceId} and c.id = ${input.campaignId}`);
  if (!code) return null;
  try {
    const action = await enqueueAction(ctx, {
      idempotencyKey: input.key, kind: 'send_private', channel: code.channel, memberId: input.memberId,
      payload: { text: input.text, contentType: 'text', content: { text: input.text }, ...automated('service'), fission: { campaignId: input.campaignId } },
    });
    return action.id;
  } catch (err) {
    // ensureOutbound refuses before writing anything, so the transaction is still good to commit.
    if (!(err instanceof AppError)) throw err;
    return null;
  }
}
