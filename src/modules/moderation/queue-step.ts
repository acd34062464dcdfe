import { one, sql } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { adapterFor } from '../../channels/registry.js';
import { enqueueAction } from '../automation/enqueue-action.js';
import { automated } from '../automation/guardrails/contracts.js';
import { queueMembershipAction } from '../community/membership-action.js';
import type { LadderStep } from './contracts.js';

export interface StepTarget { communityId: string; memberId: string; idempotencyKey: string; warnText: string; rule: string; evidence: string }

const MUTE_DAYS: Partial<Record<LadderStep, number>> = { mute_1d: 1, mute_7d: 7, mute_15d: 15 };

/**
 * Queues what a step does, through the outbox. A warning is a group message that mentions the member.
 * Muting has no API on the platforms Shequn speaks (WeCom and the sandbox let only a group owner or admin
 * mute someone in the app), so a mute is a staff task with the member, the group and the length. A removal
 * is the community module's remove action. A group Shequn cannot act on answers an error rather than
 * throwing: the decision is still recorded, and the intake batch must not roll back for it.
 */
export async function queueStep(ctx: TenantCtx, step: LadderStep, t: StepTarget): Promise<{ actionId: string | null; error: string | null }> {
  const g = await one<{ channel: string; status: string; name: string; memberName: string; externalId: string | null }>(ctx.db, sql`
    select c.channel, c.status, c.name, m.display_name as "memberName",
      (select i.external_id from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = c.channel
        order by i.created_at limit 1) as "externalId"
    from communities c join members m on m.workspace_id = c.workspace_id and m.id = ${t.memberId}
    where c.workspace_id = ${ctx.workspaceId} and c.id = ${t.communityId}`);
  if (!g) return { actionId: null, error: 'the group or member no longer exists' };
  const days = MUTE_DAYS[step];
  if (days) {
    const action = await enqueueAction(ctx, {
      idempotencyKey: t.idempotencyKey, kind: 'staff_task', channel: g.channel, communityId: t.communityId, memberId: t.memberId,
      payload: {
        kind: 'custom', title: `禁言 ${days} 天：${g.memberName}（${g.name}）`,
        body: `群管理规则「${t.rule}」：${t.evidence}\n平台不支持通过接口禁言，请在群内将该成员禁言 ${days} 天。`,
        moderation: { step, days },
      },
    });
    return { actionId: action.id, error: null };
  }
  if (g.status !== 'active') return { actionId: null, error: `the group is ${g.status}` };
  if (!adapterFor(g.channel)) return { actionId: null, error: `the ${g.channel} channel only brings events in; Shequn cannot act on its groups` };
  if (step === 'warn') {
    const text = `@${g.memberName} ${t.warnText}`;
    const action = await enqueueAction(ctx, {
      idempotencyKey: t.idempotencyKey, kind: 'send_group', channel: g.channel, communityId: t.communityId,
      // A service message: the group's rules, not marketing, so never capped; quiet hours still apply.
      payload: { text, contentType: 'text', content: { text }, mentions: g.externalId ? [g.externalId] : [], ...automated('service'), moderation: { step, memberId: t.memberId } },
    });
    return { actionId: action.id, error: null };
  }
  try {
    const action = await queueMembershipAction(ctx, 'remove', t.communityId, { memberId: t.memberId, idempotencyKey: t.idempotencyKey, reason: `moderation: ${t.rule}` });
    return { actionId: action.id, error: null };
  } catch (err) {
    // queueMembershipAction refuses before writing anything, so the transaction is still usable.
    if (err instanceof AppError) return { actionId: null, error: err.message };
    throw err;
  }
}
