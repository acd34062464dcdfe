import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { queueMembershipAction } from '../../community/membership-action.js';
import { getMember, updateMember } from '../../community/members.js';
import { enqueueAction } from '../enqueue-action.js';
import { sendTemplate } from '../templates/send-template.js';
import { localDate, MissingVariableError, renderTemplate, type VariableValues } from '../templates/variables.js';
import type { TriggerDo } from './contracts.js';
import type { FiringRow } from './firing-row.js';
import type { RuleRow } from './rule-row.js';

const refused = (message: string) => new AppError('conflict', message);

/** The action's key: one firing, one action, however often the run is retried. */
export const firingActionKey = (firingId: string) => `trigger:${firingId}`;

interface Subject { community: { id: string; name: string; channel: string; ownerStaffId: string | null } | null; memberName: string | null }

async function subjectOf(ctx: TenantCtx, f: FiringRow): Promise<Subject> {
  const community = f.communityId ? await one<NonNullable<Subject['community']>>(ctx.db, sql`
    select id, name, channel, owner_staff_id as "ownerStaffId" from communities where workspace_id = ${ctx.workspaceId} and id = ${f.communityId}`) : null;
  const member = f.memberId ? await one<{ name: string }>(ctx.db, sql`
    select display_name as name from members where workspace_id = ${ctx.workspaceId} and id = ${f.memberId}`) : null;
  return { community: community ?? null, memberName: member?.name ?? null };
}

function render(text: string, values: VariableValues): string {
  try {
    return renderTemplate(text, values);
  } catch (err) {
    if (err instanceof MissingVariableError) throw refused(err.message);
    throw err;
  }
}

/** A leave spike's numbers, added under the alert's text so the person sees why it fired. */
function spikeFacts(context: Record<string, unknown>): string {
  if (typeof context.leaves !== 'number') return '';
  const mean = typeof context.trailingMean === 'number' ? context.trailingMean.toFixed(1) : '?';
  return `\n\n${String(context.week)} 这一周退群 ${context.leaves} 人，此前几周平均每周 ${mean} 人。`;
}

/**
 * Asks for the rule's action through the outbox, in the caller's transaction, keyed by the firing. A
 * refusal (the member opted out, is already in the VIP group, the template was archived) is an AppError
 * the caller records as the reason the firing was skipped. Answers the outbox action's id (null for a tag,
 * which changes Shequn's own member record rather than a platform).
 */
export async function performAction(ctx: TenantCtx, rule: RuleRow, f: FiringRow, asOf: Date): Promise<string | null> {
  const d: TriggerDo = rule.do;
  const key = firingActionKey(f.id);
  const { community, memberName } = await subjectOf(ctx, f);
  if (d.kind === 'send_template') {
    if (!community) throw refused('no group to send through');
    if (d.audience === 'private' && !f.memberId) throw refused('no member to send to');
    const sent = await sendTemplate(ctx, {
      templateId: d.templateId, communityId: community.id, memberId: d.audience === 'private' ? f.memberId : null,
      idempotencyKey: key, automated: d.class,
    });
    return sent.action.id;
  }
  if (d.kind === 'invite') {
    if (!f.memberId) throw refused('no member to invite');
    return (await queueMembershipAction(ctx, 'invite', d.communityId, { memberId: f.memberId, idempotencyKey: key, reason: `trigger: ${rule.name}` })).id;
  }
  if (d.kind === 'tag') {
    if (!f.memberId) throw refused('no member to tag');
    const member = await getMember(ctx, f.memberId) as unknown as { tags: string[] };
    if (!member.tags.includes(d.tag)) await updateMember(ctx, f.memberId, { tags: [...member.tags, d.tag] });
    return null;
  }
  const ws = await one<{ name: string }>(ctx.db, sql`select name from workspaces where id = ${ctx.workspaceId}`);
  const values: VariableValues = { 'workspace.name': ws!.name, date: localDate(asOf, ctx.timeZone) };
  if (community) values['community.name'] = community.name;
  if (memberName !== null) values['member.name'] = memberName;
  const title = render(d.title, values);
  const body = render(d.body, values) + (d.kind === 'alert' ? spikeFacts(f.context) : '');
  const assigneeId = d.kind === 'alert' ? d.assigneeId ?? null
    : d.assignTo === 'user' ? d.assigneeId ?? null
    : d.assignTo === 'community_owner' ? community?.ownerStaffId ?? null : null;
  const action = await enqueueAction(ctx, {
    idempotencyKey: key, kind: d.kind === 'alert' ? 'alert' : 'staff_task',
    // A task reaches Shequn's own staff whatever the group's platform; the channel only labels the action.
    channel: community?.channel ?? 'sandbox', communityId: community?.id ?? null, memberId: f.memberId,
    payload: {
      title, body, assigneeId,
      ...(d.kind === 'staff_task' ? { kind: d.taskKind, dueAt: new Date(asOf.getTime() + d.dueInHours * 3_600_000).toISOString() } : {}),
      trigger: { ruleId: rule.id, firingId: f.id },
    },
  });
  return action.id;
}
