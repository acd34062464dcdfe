import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { adapterFor } from '../../../channels/registry.js';
import { needsStaff } from '../../automation/tasks/hand-over-to-staff.js';
import { enqueueAction } from '../../automation/enqueue-action.js';
import { automated } from '../../automation/guardrails/contracts.js';
import type { CheckInResult, MilestoneAward } from './contracts.js';

/**
 * How late a keyword check-in may be reported and still be answered: a webhook retried within minutes
 * gets its reply, an imported chat history does not make the bot answer messages from last year.
 */
export const REPLY_LATE_MINUTES = 10;

const reward = (m: MilestoneAward) => [m.points > 0 ? `+${m.points} 积分` : '', m.cards > 0 ? `补签卡 ×${m.cards}` : ''].filter(Boolean).join('，');

/** The group reply, e.g. "@小美 签到成功，已连续签到 5 天，+10 积分". */
export function replyText(name: string, result: CheckInResult): string {
  const points = result.checkIn.points ? `，+${result.checkIn.points} 积分` : '';
  const lines = [`@${name} 签到成功，已连续签到 ${result.streak} 天${points}`];
  for (const m of result.milestones) lines.push(`🎉 达成连续签到 ${m.days} 天：${reward(m)}`);
  return lines.join('\n');
}

/**
 * Queues the bot's answer to a keyword check-in in the group it was said in, through the outbox (one per
 * check-in: key `check-in:reply:<id>`). A service message for the guardrails: the member asked for it, so
 * it is never capped, but it still waits out quiet hours. Groups Shequn cannot write to (inbound-only
 * channels, archived groups) get no reply rather than a failed action.
 */
export async function queueCheckInReply(ctx: TenantCtx, result: CheckInResult, communityId: string, occurredAt: Date): Promise<void> {
  if (!result.created || occurredAt.getTime() < Date.now() - REPLY_LATE_MINUTES * 60_000) return;
  const target = await one<{ channel: string; status: string; name: string; externalId: string | null }>(ctx.db, sql`
    select c.channel, c.status, m.display_name as name,
      (select i.external_id from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = c.channel
        order by i.created_at limit 1) as "externalId"
    from communities c join members m on m.workspace_id = c.workspace_id and m.id = ${result.checkIn.memberId}
    where c.workspace_id = ${ctx.workspaceId} and c.id = ${communityId}`);
  if (!target || target.status !== 'active') return;
  // A platform where a person must confirm each group message (WeCom) gets no bot reply: a staff task per
  // check-in would bury staff, and WeCom allows a group only a few mass messages a month.
  const adapter = adapterFor(target.channel);
  if (!adapter || needsStaff(adapter, 'send_group')) return;
  const text = replyText(target.name, result);
  await enqueueAction(ctx, {
    idempotencyKey: `check-in:reply:${result.checkIn.id}`, kind: 'send_group', channel: target.channel, communityId,
    payload: {
      text, contentType: 'text', content: { text }, mentions: target.externalId ? [target.externalId] : [],
      ...automated('service'), checkIn: { checkInId: result.checkIn.id, memberId: result.checkIn.memberId },
    },
  });
}
