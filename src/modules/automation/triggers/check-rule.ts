import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { getCommunity } from '../../community/communities.js';
import { templateRow } from '../templates/get-template.js';
import { isCouponVariable, parseTemplate, variablesIn } from '../templates/variables.js';
import { checkAssignee } from '../tasks/assignees.js';
import type { TriggerDefinition } from './contracts.js';

const missing = (path: string, what: string) => new AppError('not_found', `${path}: ${what} not found`, [{ path, message: `${what} not found` }]);

/** Re-labels a verb's "not found" with the field that named the thing. */
async function exists(path: string, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw missing(path, what);
    throw err;
  }
}

function checkText(path: string, text: string, memberless: boolean): void {
  const problem = parseTemplate(text).problems[0];
  if (problem) throw invalid(path, problem);
  // A leave spike is about a group: there is no member whose name could fill the text.
  if (memberless && variablesIn(text).includes('member.name')) throw invalid(path, '{{member.name}} needs a member; a leave spike concerns a whole group');
  // A member's link is a credential for that member; a task or alert is read by staff, who can copy one from the console.
  if (variablesIn(text).includes('member.link')) throw invalid(path, '{{member.link}} belongs in a private send to the member, not in a staff task or alert');
  // A coupon variable claims a coupon for the member a message goes to; staff reading a task would not get it to them.
  if (variablesIn(text).some(isCouponVariable)) throw invalid(path, '{{coupon.…}} belongs in a private send to the member, not in a staff task or alert');
}

/**
 * What zod alone cannot say: which parts fit together (a keyword only on messages, a member's condition
 * only where there is a member) and that every id names something of this workspace. Each refusal names
 * its field, so the console can put the message next to it.
 */
export async function checkRule(ctx: TenantCtx, r: TriggerDefinition): Promise<void> {
  const memberless = r.when.kind === 'signal';
  if (r.when.kind === 'event') {
    if (r.when.keyword && r.when.eventType !== 'message.sent') throw invalid('when.keyword', 'only a message.sent rule can have a keyword');
    if (r.when.eventType === 'custom' && !r.when.name) throw invalid('when.name', 'name the custom event to wait for');
    if (r.when.name && r.when.eventType !== 'custom') throw invalid('when.name', 'only a custom event rule names its event');
  }
  if (r.condition === 'still_in_segment' && r.when.kind !== 'segment') throw invalid('condition', 'still_in_segment needs a segment rule');
  if (memberless && r.condition) throw invalid('condition', 'a leave spike concerns a whole group; member conditions do not apply');
  if (memberless && r.capPerMember !== null) throw invalid('capPerMember', 'a leave spike concerns a whole group; there is no member to cap');
  if (memberless && r.repeatAfter) throw invalid('repeatAfter', 'a leave spike fires once per group and week');
  if (r.repeatAfter && r.capPerMember === null) throw invalid('capPerMember', 'a repeating rule needs a cap, or it would repeat forever');

  const d = r.do;
  if (memberless && (d.kind === 'invite' || d.kind === 'tag' || (d.kind === 'send_template' && d.audience === 'private'))) {
    throw invalid(d.kind === 'send_template' ? 'do.audience' : 'do.kind', 'a leave spike concerns a whole group; alert staff, make a task or send to the group');
  }
  if (d.kind === 'send_template') {
    let status = '';
    await exists('do.templateId', 'template', async () => { status = (await templateRow(ctx, d.templateId)).status; });
    if (status !== 'active') throw invalid('do.templateId', 'template is archived');
  }
  if (d.kind === 'staff_task' || d.kind === 'alert') {
    checkText('do.title', d.title, memberless);
    checkText('do.body', d.body, memberless);
  }
  if (d.kind === 'staff_task') {
    if (d.assignTo === 'user' && !d.assigneeId) throw invalid('do.assigneeId', 'name the staff member, or assign to the community owner or the pool');
    if (d.assignTo !== 'user' && d.assigneeId) throw invalid('do.assigneeId', 'only with assignTo "user"');
  }
  if ((d.kind === 'staff_task' || d.kind === 'alert') && d.assigneeId) await checkAssignee(ctx, d.assigneeId, 'do.assigneeId');
  if (d.kind === 'invite') await exists('do.communityId', 'community', () => getCommunity(ctx, d.communityId));
  if (r.scope.kind === 'communities') {
    const known = new Set((await rows<{ id: string }>(ctx.db, sql`
      select id from communities where workspace_id = ${ctx.workspaceId}
        and id in (select (jsonb_array_elements_text(${JSON.stringify(r.scope.communityIds)}::jsonb))::uuid)`)).map((c) => c.id));
    const unknown = r.scope.communityIds.findIndex((id) => !known.has(id.toLowerCase()));
    if (unknown >= 0) throw missing(`scope.communityIds.${unknown}`, 'community');
  }
}
